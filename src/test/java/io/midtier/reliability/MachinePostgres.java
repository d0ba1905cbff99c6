package io.midtier.reliability;

import io.midtier.testsupport.TestDatabase;

/**
 * The machine's PostgreSQL (shared, so never restarted): the database named by {@code reliability.db-url} (created if
 * it is missing, kept), else a database of the run's own on the test server ({@code <prefix>reliability}, see
 * {@link TestDatabase}), made anew and dropped when the harness is done.
 */
final class MachinePostgres implements DatabaseHost {

    private final String url;
    private final TestDatabase own;

    MachinePostgres(String url) {
        this(url, null);
    }

    private MachinePostgres(String url, TestDatabase own) {
        this.url = url;
        this.own = own;
    }

    static MachinePostgres fromSystemProperties() {
        String explicit = System.getProperty("reliability.db-url");
        if (explicit != null && !explicit.isBlank()) {
            TestDatabase.createIfMissing(explicit);
            return new MachinePostgres(explicit);
        }
        TestDatabase own = TestDatabase.create("reliability");
        return new MachinePostgres(own.url(), own);
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public String jdbcUrl(String database) {
        return TestDatabase.at(url).url(database);
    }

    @Override
    public boolean restartable() {
        return false;
    }

    @Override
    public void restart() {
        throw new UnsupportedOperationException("the machine's PostgreSQL is shared: it is never restarted");
    }

    @Override
    public void close() {
        if (own != null) {
            own.close();
        }
    }

    @Override
    public String toString() {
        return "machine PostgreSQL (" + url + ")";
    }
}
