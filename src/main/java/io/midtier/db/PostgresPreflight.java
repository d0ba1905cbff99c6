package io.midtier.db;

import io.midtier.run.StartRefused;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Refuses to start against a PostgreSQL that cannot take part in XA: with max_prepared_transactions = 0
 * every PREPARE TRANSACTION fails, and only the first write would tell.
 */
public final class PostgresPreflight {

    private PostgresPreflight() {
    }

    public static void check(DatabaseSettings db) {
        int prepared;
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
             Statement s = c.createStatement();
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
