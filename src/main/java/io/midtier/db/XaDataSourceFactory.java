package io.midtier.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.narayana.NarayanaTransactionIntegration;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.SQLException;
import java.time.Duration;
import org.jboss.tm.XAResourceRecoveryRegistry;
import org.postgresql.xa.PGXADataSource;

/**
 * Agroal pool of PostgreSQL XA connections. Its Narayana integration enlists a connection in the JTA
 * transaction of the calling thread when it is taken, and registers the datasource for recovery.
 */
public final class XaDataSourceFactory {

    private XaDataSourceFactory() {
    }

    public static AgroalDataSource create(DatabaseSettings db, TransactionManager tm,
                                          TransactionSynchronizationRegistry tsr,
                                          XAResourceRecoveryRegistry recoveryRegistry) throws SQLException {
        NarayanaTransactionIntegration integration =
                new NarayanaTransactionIntegration(tm, tsr, "midtier-cache", false, recoveryRegistry);
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> BrokenConnections.discardBroken(pool)
                        .maxSize(db.poolSize())
                        .minSize(1)
                        .acquisitionTimeout(Duration.ofMillis(db.acquisitionTimeoutMs()))
                        // the background check of idle connections; a borrowed one idle for long is checked anyway
                        .validationTimeout(Duration.ofSeconds(30))
                        .transactionIntegration(integration)
                        .recoveryEnable(true)
                        .connectionFactoryConfiguration(factory -> factory
                                .connectionProviderClass(PGXADataSource.class)
                                .jdbcUrl(db.url())
                                .principal(new NamePrincipal(db.user()))
                                .credential(new SimplePassword(db.password()))
                                .recoveryPrincipal(new NamePrincipal(db.user()))
                                .recoveryCredential(new SimplePassword(db.password()))));
        return AgroalDataSource.from(config);
    }
}
