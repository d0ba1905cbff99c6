package io.midtier.cache;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.midtier.db.BrokenConnections;
import io.midtier.db.DatabaseSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-key locks shared by every instance on the same database: a transaction-level PostgreSQL advisory lock,
 * held on a connection of a small pool of its own while the work runs, released by ending that transaction.
 *
 * <p>Why its own pool and a transaction-level lock: the work (a back-end call and the cache upsert) takes a
 * connection of the XA cache pool too; holding lock connections from that same pool could leave every
 * connection held by a loader waiting for a second one. A session-level lock would have to be unlocked on the
 * same connection, and a connection handed back to a pool still holding it would block the key for good;
 * ending the transaction (or losing the connection) always releases a transaction-level lock.
 */
public final class KeyLocks implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeyLocks.class);
    private static final String LOCK = "select pg_advisory_xact_lock(hashtextextended(?, 0))";
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final AgroalDataSource pool;
    private final long waitMs;

    private KeyLocks(AgroalDataSource pool, long waitMs) {
        this.pool = pool;
        this.waitMs = waitMs;
    }

    /**
     * @param size   connections for locks: how many keys one instance may load at once
     * @param waitMs how long to wait for a key another instance is loading before loading it anyway
     */
    public static KeyLocks open(DatabaseSettings db, int size, long waitMs) throws SQLException {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(cp -> BrokenConnections.discardBroken(cp)
                        .initialSize(0)
                        .minSize(0)
                        .maxSize(size)
                        .acquisitionTimeout(Duration.ofMillis(Math.max(waitMs, db.acquisitionTimeoutMs())))
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(db.url()).autoCommit(true);
                            factory.principal(new NamePrincipal(db.user()));
                            if (db.password() != null && !db.password().isEmpty()) {
                                factory.credential(new SimplePassword(db.password()));
                            }
                            return factory;
                        }));
        return new KeyLocks(AgroalDataSource.from(config), waitMs);
    }

    /** Runs {@code work} while holding the lock of {@code key}; after waiting too long, runs it without. */
    public <T> T callLocked(String key, Callable<T> work) throws Exception {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try {
                lock(connection, key);
                return work.call();
            } finally {
                release(connection, key);
            }
        }
    }

    private void lock(Connection connection, String key) throws SQLException {
        try (Statement timeout = connection.createStatement()) {
            timeout.execute("set local lock_timeout = " + waitMs);
        }
        try (PreparedStatement lock = connection.prepareStatement(LOCK)) {
            lock.setString(1, "midtier.cache:" + key);
            lock.execute();
        } catch (SQLException e) {
            if (!LOCK_NOT_AVAILABLE.equals(e.getSQLState())) {
                throw e;
            }
            // the holder is stuck beyond any back-end timeout: do not let it block this key
            connection.rollback();
            LOG.warn("key {} still locked after {} ms; loading it without the lock", key, waitMs);
        }
    }

    /** Nothing was written on this connection: ending its transaction releases the lock. */
    private static void release(Connection connection, String key) {
        try {
            connection.rollback();
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // a broken connection holds no lock any more; the pool discards it, the work's outcome stands
            LOG.warn("releasing the lock of {}: {}", key, e.toString());
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
