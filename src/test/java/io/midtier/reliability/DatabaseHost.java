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

    @Override
    void close();
}
