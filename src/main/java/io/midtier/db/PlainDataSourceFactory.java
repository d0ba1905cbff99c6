package io.midtier.db;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A small pool of plain (non-XA, auto-commit) connections for the few writes that must outlive a rolled-back
 * transaction, such as the record of a failed delivery attempt.
 */
public final class PlainDataSourceFactory {

    private PlainDataSourceFactory() {
    }

    public static AgroalDataSource create(DatabaseSettings db, int maxSize) throws SQLException {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> BrokenConnections.discardBroken(pool)
                        .maxSize(maxSize)
                        .minSize(0)
                        .acquisitionTimeout(Duration.ofMillis(db.acquisitionTimeoutMs()))
                        .connectionFactoryConfiguration(factory -> factory
                                .jdbcUrl(db.url())
                                .autoCommit(true)
                                .principal(new NamePrincipal(db.user()))
                                .credential(new SimplePassword(db.password()))));
        return AgroalDataSource.from(config);
    }
}
