package io.midtier.testsupport;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The test kit's one database helper: plain JDBC on one PostgreSQL database, outside any transaction of midtier
 * (query, update, count, its prepared branches, a reset), and the making and dropping of databases.
 *
 * <p>Every test class gets a database of its own, made on the test server before the class and dropped after it:
 * <pre>
 * &#64;RegisterExtension
 * static final TestDatabase db = TestDatabase.perClass();
 * </pre>
 * Its name is {@code <prefix><test class>}: the prefix is {@code -Dmidtier.test.db-prefix} (by default {@code mt_}
 * and the checkout's folder name, so two checkouts never share a database); the server is the one of
 * {@code -Dmidtier.test.db-url} (by default {@code jdbc:postgresql://127.0.0.1:5432/postgres}, the database named
 * there is where the kit connects to create and drop databases). A database of that name left by a run that was
 * killed is dropped and made anew: no test sees another run's rows.
 */
public final class TestDatabase implements BeforeAllCallback, AfterAllCallback, AutoCloseable {

    public static final String USER = "postgres";
    /** The server's maintenance database URL (where databases are created and dropped). */
    public static final String SERVER = System.getProperty("midtier.test.db-url", "jdbc:postgresql://127.0.0.1:5432/postgres");
    public static final String PREFIX = prefix();
    private static final int MAX_NAME = 63;

    private volatile String url;
    private final boolean owned;

    private TestDatabase(String url, boolean owned) {
        this.url = url;
        this.owned = owned;
    }

    /** A database for the test class this extension is registered on: made before the class, dropped after it. */
    public static TestDatabase perClass() {
        return new TestDatabase(null, true);
    }

    /** Makes the database {@code <prefix><name>} now (dropping one of that name first); {@link #close()} drops it. */
    public static TestDatabase create(String name) {
        String database = databaseName(name);
        TestDatabase db = new TestDatabase(onServer(SERVER, database), true);
        db.drop();
        maintenance(SERVER).execute("create database \"" + database + "\"");
        return db;
    }

    /** Bound to an existing database (never dropped by {@link #close()}). */
    public static TestDatabase at(String url) {
        return new TestDatabase(url, false);
    }

    /** Creates the database of this URL unless it exists; returns a helper bound to it (never dropped). */
    public static TestDatabase createIfMissing(String url) {
        String database = databaseOf(url);
        TestDatabase server = maintenance(url);
        if (server.count("select count(*) from pg_database where datname = ?", database) == 0) {
            server.execute("create database \"" + database.replace("\"", "") + "\"");
        }
        return at(url);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        TestDatabase made = create(context.getRequiredTestClass().getSimpleName());
        url = made.url;
    }

    @Override
    public void afterAll(ExtensionContext context) {
        drop();
    }

    /** {@code <prefix><name>}, lower case, [a-z0-9_] only, at most PostgreSQL's 63 characters. */
    public static String databaseName(String name) {
        String clean = (PREFIX + name).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        if (clean.length() <= MAX_NAME) {
            return clean;
        }
        String hash = Integer.toHexString(clean.hashCode());
        return clean.substring(0, MAX_NAME - hash.length() - 1) + "_" + hash;
    }

    public String url() {
        if (url == null) {
            throw new IllegalStateException("the test class's database is made before the class (register the extension"
                    + " with @RegisterExtension on a static field)");
        }
        return url;
    }

    /** The database's name on its server. */
    public String name() {
        return databaseOf(url());
    }

    /** Another database on the same server, with the same parameters. */
    public String url(String database) {
        return onServer(url(), database);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), USER, "");
    }

    public int update(String sql, Object... args) {
        try (Connection c = connect(); PreparedStatement ps = prepare(c, sql, args)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** A statement without parameters or results (DDL, ROLLBACK PREPARED, ...). */
    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The rows a query answers, each a map of column label to value. */
    public List<Map<String, Object>> query(String sql, Object... args) {
        try (Connection c = connect()) {
            return query(c, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** The rows a query answers on the given connection (any database), each a map of column label to value. */
    public static List<Map<String, Object>> query(Connection c, String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(c, sql, args); ResultSet rs = ps.executeQuery()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    /** The first column of the first row, as a number (a count, a version). */
    public long count(String sql, Object... args) {
        return ((Number) query(sql, args).get(0).values().iterator().next()).longValue();
    }

    /** Prepared branches of this database (in doubt until a transaction manager resolves them). */
    public List<String> preparedTransactions() {
        return query("select gid from pg_prepared_xacts where database = current_database()").stream()
                .map(row -> (String) row.get("gid")).toList();
    }

    /**
     * A fresh start in the same database: prepared branches (whose transaction log is gone) rolled back, midtier's
     * and the simulator's schemas dropped; both migrate again on their next start.
     */
    public void reset() {
        rollbackPrepared();
        execute("drop schema if exists simulator cascade");
        execute("drop schema if exists public cascade");
        execute("create schema public");
    }

    /**
     * Drops the database if it exists: its prepared branches rolled back first (PostgreSQL refuses to drop a
     * database that has any, even WITH (FORCE)), then {@code DROP DATABASE ... WITH (FORCE)}, which ends the
     * connections still open on it.
     */
    public void drop() {
        String database = name();
        TestDatabase server = maintenance(url());
        if (server.count("select count(*) from pg_database where datname = ?", database) == 0) {
            return;
        }
        rollbackPrepared();
        server.execute("drop database if exists \"" + database.replace("\"", "") + "\" with (force)");
    }

    private void rollbackPrepared() {
        // ROLLBACK PREPARED runs in the database the branch belongs to
        for (String gid : preparedTransactions()) {
            execute("rollback prepared '" + gid.replace("'", "''") + "'");
        }
    }

    /** Drops the database if this helper made it. */
    @Override
    public void close() {
        if (owned && url != null) {
            drop();
        }
    }

    @Override
    public String toString() {
        return url == null ? "TestDatabase[not made yet]" : "TestDatabase[" + url + "]";
    }

    /** Where databases on the server of {@code url} are created and dropped. */
    private static TestDatabase maintenance(String url) {
        boolean testServer = onServer(url, "").equals(onServer(SERVER, ""));
        return at(onServer(url, testServer ? databaseOf(SERVER) : "postgres"));
    }

    /** The database name of a JDBC URL ({@code jdbc:postgresql://host:port/name?params}). */
    static String databaseOf(String url) {
        String path = stripParameters(url);
        return path.substring(path.lastIndexOf('/') + 1);
    }

    /** The URL with another database name, its parameters kept. */
    static String onServer(String url, String database) {
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        return path.substring(0, path.lastIndexOf('/') + 1) + database + (q < 0 ? "" : url.substring(q));
    }

    private static String stripParameters(String url) {
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    private static String prefix() {
        String explicit = System.getProperty("midtier.test.db-prefix");
        if (explicit != null && !explicit.isBlank()) {
            return explicit;
        }
        Path checkout = Path.of(System.getProperty("user.dir")).toAbsolutePath().getFileName();
        String folder = checkout == null ? "" : checkout.toString().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return "mt_" + (folder.length() > 20 ? folder.substring(0, 20) : folder) + "_";
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
