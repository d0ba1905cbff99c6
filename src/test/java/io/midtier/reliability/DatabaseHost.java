package io.midtier.reliability;

/** The PostgreSQL server midtier's cache and the simulator's back-end tables live in, as a process it can restart. */
public interface DatabaseHost extends AutoCloseable {

    /** The JDBC URL of the harness's database on this server ({@code midtier.db.url}). */
    String jdbcUrl();

    /** The same server's URL for another database on it (the simulator's, say). */
    String jdbcUrl(String database);

    /** Whether {@link #restart()} is possible here (a server this process may stop and start). */
    boolean restartable();

    /** Stops the server (fast shutdown: open connections are cut) and starts it again; returns when it is ready. */
    void restart() throws Exception;

    /** Stops the server (fast shutdown) and leaves it down until {@link #startAgain()}; only where {@link #restartable()}. */
    default void stop() throws Exception {
        throw new UnsupportedOperationException(this + " cannot be stopped");
    }

    default void startAgain() throws Exception {
        throw new UnsupportedOperationException(this + " cannot be started");
    }

    /**
     * PostgreSQL itself terminates every connection to the harness's database ({@code pg_terminate_backend}), the
     * harness's own included: midtier's pools find them closed by the server, as after a failover or an idle-session
     * kill. Possible on the shared server too, as it touches only this database. Returns how many were terminated.
     */
    default int terminateConnections() throws java.sql.SQLException {
        String url = jdbcUrl();
        String database = url.substring(url.lastIndexOf('/') + 1).replaceFirst("\\?.*$", "");
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl("postgres"), "postgres", "");
             java.sql.PreparedStatement s = c.prepareStatement("select count(*) filter (where pg_terminate_backend(pid))"
                     + " from pg_stat_activity where datname = ? and pid <> pg_backend_pid()")) {
            s.setString(1, database);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    void close();
}
