package io.midtier.cache;

import io.midtier.db.DatabaseSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notify mode's invalidations, on a connection of its own, from two sources:
 * <ul>
 * <li>PostgreSQL notifications on {@value #CHANNEL}: a write accepted by any instance ({@link WrittenEntries}, sent
 * after its commit and before its 202; NOTIFY cannot run inside the XA transaction itself, PostgreSQL refuses to
 * PREPARE a transaction that notified);</li>
 * <li>the change log, read by its gap-free sequence after the last number seen: updates applied or failed, refreshes,
 * evictions. A number that does not follow the last one (a gap: the log was pruned past it, or rows went missing)
 * clears the near cache.</li>
 * </ul>
 * Every round (at least every {@code heartbeatMs}) reads the change log and then takes the notifications the
 * connection received: everything committed before the round began has then been applied, so the near cache may
 * serve without asking while the last completed round began less than {@code maxLagMs} ago ({@link #caughtUp}).
 * A lost connection clears the near cache; until a round completes again, hits ask the database (validate).
 */
public final class NearCacheListener implements AutoCloseable {

    public static final String CHANNEL = "midtier_near";
    private static final Logger LOG = LoggerFactory.getLogger(NearCacheListener.class);
    private static final String LAST_SEQ = "select last_seq from change_counter where id = 1";
    private static final String CHANGES = "select seq, type, id from change_log where seq > ? order by seq limit 1000";

    private final DatabaseSettings db;
    private final NearCache near;
    private final long heartbeatMs;
    private final long maxLagNanos;
    private final Thread thread;
    private volatile boolean running = true;
    /** System.nanoTime() at the start of the last completed round; 0 before the first (or after a loss). */
    private volatile long caughtUpAt;
    private volatile long lastSeq = -1;
    private Connection connection;

    public NearCacheListener(DatabaseSettings db, NearCache near, long heartbeatMs, long maxLagMs) {
        this.db = db;
        this.near = near;
        this.heartbeatMs = heartbeatMs;
        this.maxLagNanos = maxLagMs * 1_000_000L;
        this.thread = new Thread(this::run, "near-cache-listener");
        this.thread.setDaemon(true);
    }

    public void start() {
        near.followedBy(this::caughtUp);
        thread.start();
    }

    /** True while every change committed more than {@code maxLagMs} ago has been applied to the near cache. */
    public boolean caughtUp() {
        long at = caughtUpAt;
        return at != 0 && System.nanoTime() - at < maxLagNanos;
    }

    /** The last change log number applied (for tests and diagnostics). */
    public long lastSeq() {
        return lastSeq;
    }

    private void run() {
        while (running) {
            try {
                connect();
                while (running) {
                    round();
                }
            } catch (SQLException | RuntimeException e) {
                lost(e);
                pause();
            }
        }
    }

    private void connect() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", db.user());
        if (db.password() != null && !db.password().isEmpty()) {
            properties.setProperty("password", db.password());
        }
        connection = DriverManager.getConnection(db.url(), properties);
        try (Statement listen = connection.createStatement()) {
            listen.execute("listen " + CHANNEL);
        }
        // listening first, then the log's position: nothing committed after this read can be missed
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(LAST_SEQ)) {
            rs.next();
            lastSeq = rs.getLong(1);
        }
        // whatever happened while nobody listened is unknown: start empty
        near.clear();
        LOG.info("near cache: following invalidations from change {}", lastSeq);
    }

    /** One round: the change log after the last number, then the notifications received; then wait for more. */
    private void round() throws SQLException {
        long start = System.nanoTime();
        readChanges();
        PGConnection pg = connection.unwrap(PGConnection.class);
        apply(pg.getNotifications());
        caughtUpAt = start;
        // wakes at once on a notification; otherwise a round every heartbeat bounds the lag
        apply(pg.getNotifications((int) heartbeatMs));
    }

    private void readChanges() throws SQLException {
        boolean more = true;
        while (more) {
            int read = 0;
            try (PreparedStatement statement = connection.prepareStatement(CHANGES)) {
                statement.setLong(1, lastSeq);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        read++;
                        long seq = rs.getLong(1);
                        if (seq != lastSeq + 1) {
                            LOG.warn("near cache: change {} follows {}; a gap: cleared", seq, lastSeq);
                            near.clear();
                        } else {
                            near.invalidate(NearCache.key(rs.getString(2), rs.getString(3)));
                        }
                        lastSeq = seq;
                    }
                }
            }
            more = read == 1000;
        }
    }

    private void apply(PGNotification[] notifications) {
        if (notifications == null) {
            return;
        }
        for (PGNotification n : notifications) {
            near.invalidate(n.getParameter());
        }
    }

    private void lost(Exception e) {
        caughtUpAt = 0;
        near.clear();
        if (running) {
            LOG.warn("near cache: invalidations lost ({}); cleared, hits ask the database until reconnected", e.toString());
        }
        closeConnection();
    }

    private void pause() {
        try {
            Thread.sleep(Math.max(heartbeatMs, 200));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void closeConnection() {
        try {
            if (connection != null) {
                connection.close();
            }
        } catch (SQLException ignored) {
            // the connection is gone either way
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeConnection();
    }
}
