package io.midtier.reliability;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import io.midtier.testsupport.Database;
import java.util.List;
import java.util.Map;

/** Plain JDBC on the harness's database, outside midtier: what the invariants read, and the reset between scenarios. */
final class Sql {

    static final String USER = "postgres";

    private final String url;

    Sql(String url) {
        this.url = url;
    }

    Connection connect() throws SQLException {
        Connection connection = DriverManager.getConnection(url, USER, "");
        return connection;
    }

    List<Map<String, Object>> query(String sql, Object... args) {
        try (Connection c = connect()) {
            return Database.query(c, sql, args);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    long count(String sql, Object... args) {
        return ((Number) query(sql, args).get(0).values().iterator().next()).longValue();
    }

    /** Prepared branches of this database (in doubt until a transaction manager resolves them). */
    List<String> preparedTransactions() {
        return query("select gid from pg_prepared_xacts where database = current_database()").stream()
                .map(row -> (String) row.get("gid")).toList();
    }

    /**
     * A fresh start for a scenario: prepared branches left by an earlier run (whose object store is deleted with
     * its data folder) are rolled back, and midtier's and the simulator's schemas dropped; both migrate again.
     */
    void reset() {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String gid : preparedTransactions()) {
                s.execute("ROLLBACK PREPARED '" + gid.replace("'", "''") + "'");
            }
            s.execute("drop schema if exists simulator cascade");
            s.execute("drop schema if exists public cascade");
            s.execute("create schema public");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reset " + url + ": " + e.getMessage(), e);
        }
    }

    static void createDatabaseIfMissing(String url) {
        String database = url.substring(url.lastIndexOf('/') + 1);
        Sql postgres = new Sql(url.substring(0, url.lastIndexOf('/') + 1) + "postgres");
        if (postgres.count("select count(*) from pg_database where datname = ?", database) == 0) {
            try (Connection c = postgres.connect(); Statement s = c.createStatement()) {
                s.execute("create database \"" + database.replace("\"", "") + "\"");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... args) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            ps.setObject(i + 1, args[i]);
        }
        return ps;
    }
}
