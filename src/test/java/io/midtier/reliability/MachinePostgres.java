package io.midtier.reliability;

/**
 * The machine's PostgreSQL (shared, so never restarted): the database named by {@code reliability.db-url}, else
 * the test database's URL with {@code _reliability} appended, created if it is missing.
 */
final class MachinePostgres implements DatabaseHost {

    private final String url;

    MachinePostgres(String url) {
        this.url = url;
    }

    static MachinePostgres fromSystemProperties() {
        String explicit = System.getProperty("reliability.db-url");
        if (explicit != null && !explicit.isBlank()) {
            return new MachinePostgres(explicit);
        }
        String test = System.getProperty("midtier.test.db-url", "jdbc:postgresql://127.0.0.1:5432/test");
        MachinePostgres host = new MachinePostgres(stripParameters(test) + "_reliability");
        Sql.createDatabaseIfMissing(host.url);
        return host;
    }

    private static String stripParameters(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    @Override
    public String jdbcUrl() {
        return url;
    }

    @Override
    public String jdbcUrl(String database) {
        return url.substring(0, url.lastIndexOf('/') + 1) + database;
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
    }

    @Override
    public String toString() {
        return "machine PostgreSQL (" + url + ")";
    }
}
