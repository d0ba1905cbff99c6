package io.midtier.db;

import io.midtier.run.StartRefused;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Refuses to start against a PostgreSQL that cannot take part in XA: with max_prepared_transactions = 0
 * every PREPARE TRANSACTION fails, and only the first write would tell.
 */
public final class PostgresPreflight {

    private PostgresPreflight() {
    }

    public static void check(DatabaseSettings db) {
        try (Connection c = connect(db, new Properties())) {
            check(c, db);
        } catch (SQLException e) {
            // closing failed: the check itself is done
        }
    }

    /**
     * A plain connection to the cache database with these extra connection properties, or a start stopped by one
     * line that says why it cannot be reached.
     */
    public static Connection connect(DatabaseSettings db, Properties extra) {
        Properties properties = new Properties();
        properties.putAll(extra);
        properties.setProperty("user", db.user());
        properties.setProperty("password", db.password());
        try {
            return DriverManager.getConnection(db.url(), properties);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + db.url() + " as user " + db.user()
                    + ": " + e.getMessage() + " (for a local development database run scripts/dev-postgres.sh)", e);
        }
    }

    /** The check, on a connection the caller keeps (the start's first statement on the database). */
    public static void check(Connection c, DatabaseSettings db) {
        int prepared;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("show max_prepared_transactions")) {
            rs.next();
            prepared = Integer.parseInt(rs.getString(1));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + db.url() + " as user " + db.user()
                    + ": " + e.getMessage() + " (for a local development database run scripts/dev-postgres.sh)", e);
        }
        if (prepared < db.poolSize()) {
            throw new StartRefused("PostgreSQL at " + db.url() + " has max_prepared_transactions = " + prepared
                    + ", but midtier's XA transactions need at least " + db.poolSize()
                    + " (midtier.db.pool-size). Set max_prepared_transactions in postgresql.conf and restart"
                    + " PostgreSQL; for a local development database scripts/dev-postgres.sh does it.");
        }
    }
}
