package io.midtier.run;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's place on the shared database, held for as long as it runs: PostgreSQL session-level advisory locks
 * on a connection of its own, so that they go when the process goes (a {@code kill -9} closes the socket and the
 * server ends the session; a vanished host is noticed by the TCP keepalives set in {@link #sessionProperties}).
 * Nothing to clean up, no heartbeat to judge.
 *
 * <ul>
 *   <li>Node id: an exclusive lock per {@code midtier.tx.node-id}. Two instances with one node id would each take
 *       the other's transaction branches for its own and finish them during recovery.</li>
 *   <li>Broker mode: the "every instance" lock, which every instance holds shared. An instance that runs its own
 *       embedded broker must first get it exclusively (no one else on this database), then keeps it shared, and
 *       holds the "embedded broker" lock exclusively: its queues and topic live in its JVM, so another instance
 *       with its own broker beside it would neither see its updates nor publish to its subscribers. An instance on
 *       an external broker only needs "every instance" shared: it starts beside other external ones and beside an
 *       embedded instance whose broker it may be using over TCP.</li>
 * </ul>
 * One statement takes them all ({@link #TAKE}); a refusal asks once more who holds them, to name it.
 */
public final class InstanceClaim implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InstanceClaim.class);

    /**
     * First keys of midtier's two-int advisory locks ("mt" and 1 or 2). The read path's per-key locks use the
     * one-bigint form, which PostgreSQL keeps in a key space of its own (pg_locks.objsubid 1, these 2).
     */
    static final int INSTANCES = 0x6d740001;
    static final int NODE_IDS = 0x6d740002;

    /** Second keys under {@link #INSTANCES}: every instance (shared), and the one with an embedded broker. */
    static final int EVERY_INSTANCE = 0;
    static final int EMBEDDED_BROKER = 1;

    /**
     * Node lock, then the instances locks. An external broker: "every instance" shared. An embedded broker: the
     * "embedded broker" lock exclusively (one such instance per database, also across a renewal), and at start
     * "every instance" exclusively then shared (nobody else may be there yet; a session's own locks never conflict
     * with each other, so the shared one is granted while it holds the exclusive one; CASE fixes the order); a
     * renewal takes it shared only, as the external-broker instances that joined meanwhile hold it too.
     * Parameters: node id, embedded broker, at start.
     */
    static final String TAKE = """
            select pg_try_advisory_lock(%1$d, hashtext(?)) as node_free,
                   case when ? then
                        case when pg_try_advisory_lock(%2$d, %4$d)
                             then case when ? then
                                       case when pg_try_advisory_lock(%2$d, %3$d)
                                            then case when pg_try_advisory_lock_shared(%2$d, %3$d)
                                                      then pg_advisory_unlock(%2$d, %3$d) else false end
                                            else false end
                                  else pg_try_advisory_lock_shared(%2$d, %3$d) end
                             else false end
                        else pg_try_advisory_lock_shared(%2$d, %3$d) end as mode_free
            """.formatted(NODE_IDS, INSTANCES, EVERY_INSTANCE, EMBEDDED_BROKER);

    /** Who holds a lock this session wanted (only asked after a refusal). */
    private static final String HOLDERS = """
            select a.pid, a.application_name, a.client_addr, l.mode
              from pg_locks l join pg_stat_activity a on a.pid = l.pid
             where l.locktype = 'advisory' and l.granted and l.objsubid = 2 and l.pid <> pg_backend_pid()
               and l.database = (select oid from pg_database where datname = current_database())
               and l.classid = ?::oid and l.objid = ?::oid
             order by a.pid
            """;

    /**
     * A session whose previous holder was killed a moment ago may still be ending on the server: a refusal is
     * asked again for this long before it stands (a crashed instance restarted at once is not refused).
     */
    static final Duration SETTLE = Duration.ofSeconds(3);
    private static final Duration SETTLE_POLL = Duration.ofMillis(100);

    /** The application name the lock-holding session shows in pg_stat_activity (so a refusal can name it). */
    public static final String APPLICATION_PREFIX = "midtier ";

    /** What the one statement found. */
    public enum Verdict {
        CLAIMED,
        /** Another running instance has this node id. */
        NODE_ID_IN_USE,
        /** This instance would run an embedded broker, and another instance uses the database. */
        DATABASE_IN_USE,
        /** Both of the above. */
        NODE_ID_AND_DATABASE_IN_USE;

        public static Verdict of(boolean nodeFree, boolean modeFree) {
            if (nodeFree) {
                return modeFree ? CLAIMED : DATABASE_IN_USE;
            }
            return modeFree ? NODE_ID_IN_USE : NODE_ID_AND_DATABASE_IN_USE;
        }
    }

    private Connection session;
    private final String databaseUrl;
    private final String nodeId;
    private final boolean embeddedBroker;

    private InstanceClaim(Connection session, String databaseUrl, String nodeId, boolean embeddedBroker) {
        this.session = session;
        this.databaseUrl = databaseUrl;
        this.nodeId = nodeId;
        this.embeddedBroker = embeddedBroker;
    }

    /**
     * Connection properties of the lock-holding session: its name in pg_stat_activity, and server-side TCP keepalives
     * (about 25 s) so that PostgreSQL ends the session of an instance whose host vanished without closing it.
     */
    public static Properties sessionProperties(String nodeId) {
        Properties p = new Properties();
        p.setProperty("ApplicationName", APPLICATION_PREFIX + nodeId);
        p.setProperty("options", "-c tcp_keepalives_idle=10 -c tcp_keepalives_interval=5 -c tcp_keepalives_count=3");
        p.setProperty("tcpKeepAlive", "true");
        // a renewal from the readiness check must not hang on a database that does not answer
        p.setProperty("connectTimeout", "5");
        return p;
    }

    /**
     * Claims this instance's place on the session's database, or refuses the start naming the setting to change. The
     * session becomes the claim's: it holds the locks until {@link #close()} or the end of the process.
     */
    public static InstanceClaim take(Connection session, String databaseUrl, String nodeId, boolean embeddedBroker) {
        return take(session, databaseUrl, nodeId, embeddedBroker, SETTLE);
    }

    static InstanceClaim take(Connection session, String databaseUrl, String nodeId, boolean embeddedBroker,
                              Duration settle) {
        try {
            long deadline = System.nanoTime() + settle.toNanos();
            Verdict verdict = attempt(session, nodeId, embeddedBroker, true);
            while (verdict != Verdict.CLAIMED && System.nanoTime() < deadline) {
                // not a polled state: a session ending on the server after its process died is released within
                // milliseconds, and a start does not wait longer than SETTLE for it
                Thread.sleep(SETTLE_POLL.toMillis());
                verdict = attempt(session, nodeId, embeddedBroker, true);
            }
            if (verdict != Verdict.CLAIMED) {
                throw new StartRefused(refusal(verdict, databaseUrl, nodeId, holders(session, verdict, nodeId)));
            }
            LOG.info("instance claim on {}: node id {}, {} broker", databaseUrl, nodeId,
                    embeddedBroker ? "embedded" : "external");
            return new InstanceClaim(session, databaseUrl, nodeId, embeddedBroker);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot claim this instance's place on " + databaseUrl + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while claiming this instance's place on " + databaseUrl, e);
        }
    }

    private static Verdict attempt(Connection session, String nodeId, boolean embeddedBroker, boolean starting)
            throws SQLException {
        Verdict verdict;
        try (PreparedStatement take = session.prepareStatement(TAKE)) {
            take.setString(1, nodeId);
            take.setBoolean(2, embeddedBroker);
            take.setBoolean(3, starting);
            try (ResultSet rs = take.executeQuery()) {
                rs.next();
                verdict = Verdict.of(rs.getBoolean("node_free"), rs.getBoolean("mode_free"));
            }
        }
        if (verdict != Verdict.CLAIMED) {
            // what half of it was granted goes back: the next attempt starts clean
            try (Statement s = session.createStatement()) {
                s.execute("select pg_advisory_unlock_all()");
            }
        }
        return verdict;
    }

    /** The refusal's one line: what is wrong, which setting fixes it. */
    static String refusal(Verdict verdict, String databaseUrl, String nodeId, String holders) {
        List<String> problems = new ArrayList<>();
        if (verdict == Verdict.NODE_ID_IN_USE || verdict == Verdict.NODE_ID_AND_DATABASE_IN_USE) {
            problems.add("midtier.tx.node-id '" + nodeId + "' is in use by another running midtier instance on "
                    + databaseUrl + ": give each instance a node id of its own (two instances with one node id"
                    + " would finish each other's transactions)");
        }
        if (verdict == Verdict.DATABASE_IN_USE || verdict == Verdict.NODE_ID_AND_DATABASE_IN_USE) {
            problems.add("another midtier instance is running on " + databaseUrl + " and this one would run its"
                    + " own embedded broker (midtier.broker.url is empty): instances that share a database must share"
                    + " a broker, so set midtier.broker.url to a shared broker on every instance");
        }
        return String.join("; and ", problems) + (holders.isEmpty() ? "" : " (held by " + holders + ")")
                + "; see docs/scale-out.md";
    }

    /** The sessions holding what was refused, as "pid 123 'midtier node-a' from 10.0.0.5", for the operator. */
    private static String holders(Connection session, Verdict verdict, String nodeId) {
        List<String> found = new ArrayList<>();
        try (PreparedStatement q = session.prepareStatement(HOLDERS)) {
            if (verdict != Verdict.DATABASE_IN_USE) {
                q.setInt(1, NODE_IDS);
                q.setInt(2, nodeId(session, nodeId));
                collect(q, found);
            }
            if (verdict != Verdict.NODE_ID_IN_USE) {
                for (int key : new int[] {EMBEDDED_BROKER, EVERY_INSTANCE}) {
                    q.setInt(1, INSTANCES);
                    q.setInt(2, key);
                    collect(q, found);
                }
            }
        } catch (SQLException e) {
            // naming the holder is a courtesy: the refusal stands without it
            LOG.debug("could not list the holders: {}", e.toString());
        }
        return String.join(", ", found.stream().distinct().toList());
    }

    private static int nodeId(Connection session, String nodeId) throws SQLException {
        try (PreparedStatement q = session.prepareStatement("select hashtext(?)")) {
            q.setString(1, nodeId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    private static void collect(PreparedStatement q, List<String> found) throws SQLException {
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String client = rs.getString("client_addr");
                found.add("PostgreSQL session pid " + rs.getInt("pid") + " '" + rs.getString("application_name") + "'"
                        + (client == null ? "" : " from " + client));
            }
        }
    }

    public String nodeId() {
        return nodeId;
    }

    public boolean embeddedBroker() {
        return embeddedBroker;
    }

    /** Whether the holding session still answers (the claim lapses with it: after a database restart, say). */
    public synchronized boolean held() {
        try {
            return session.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    /**
     * Takes the place again on a new session when the holding one is gone (PostgreSQL restarted, the session was
     * terminated): without it, a second embedded-broker instance could start meanwhile. Empty when the place is held
     * (again); else why not: the refusal a start would get now, or why the database could not be asked. Called by the
     * readiness check ({@code io.midtier.ops.InstanceClaimHealthCheck}), so that nothing polls at rest.
     */
    public synchronized Optional<String> renew(Supplier<Connection> reconnect) {
        if (held()) {
            return Optional.empty();
        }
        // a session that stopped answering but lives on at the server would refuse its own successor
        close(session);
        Connection fresh;
        try {
            fresh = reconnect.get();
        } catch (RuntimeException e) {
            return Optional.of("cannot renew the instance claim: " + e.getMessage());
        }
        try {
            Verdict verdict = attempt(fresh, nodeId, embeddedBroker, false);
            if (verdict == Verdict.CLAIMED) {
                session = fresh;
                LOG.warn("instance claim on {} renewed: its session had ended (node id {})", databaseUrl, nodeId);
                return Optional.empty();
            }
            String refusal = refusal(verdict, databaseUrl, nodeId, holders(fresh, verdict, nodeId));
            close(fresh);
            LOG.error("instance claim on {} lost and not renewed: {}", databaseUrl, refusal);
            return Optional.of(refusal);
        } catch (SQLException e) {
            close(fresh);
            return Optional.of("cannot renew the instance claim: " + e.getMessage());
        }
    }

    /** Gives the place back at once (not when the server notices the closed socket), then closes the session. */
    @Override
    public synchronized void close() {
        close(session);
    }

    private static void close(Connection session) {
        try (Connection c = session; Statement s = c.createStatement()) {
            s.execute("select pg_advisory_unlock_all()");
        } catch (SQLException e) {
            // a session that is gone holds nothing any more
            LOG.debug("instance claim closed: {}", e.toString());
        }
    }
}
