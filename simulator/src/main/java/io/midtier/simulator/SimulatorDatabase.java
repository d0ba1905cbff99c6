package io.midtier.simulator;

import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.exceptionsorter.PostgreSQLExceptionSorter;
import java.sql.SQLException;
import java.time.Duration;
import org.flywaydb.core.Flyway;

/** Opens the simulator's own small non-XA pool and brings the {@code simulator} schema up to date. */
final class SimulatorDatabase {

    static final String SCHEMA = "simulator";
    // Own history table and location so this Flyway never touches the mid-tier's migrations in public.
    static final String HISTORY_TABLE = "simulator_schema_history";
    static final String LOCATION = "classpath:db/simulator";
    private static final int MAX_POOL_SIZE = 8;

    private SimulatorDatabase() {
    }

    static AgroalDataSource openPool(String jdbcUrl, String user, String password) throws SQLException {
        AgroalDataSourceConfigurationSupplier config = new AgroalDataSourceConfigurationSupplier()
                .connectionPoolConfiguration(pool -> pool
                        // a restart of its database breaks pooled connections: drop them, check idle ones
                        .exceptionSorter(new PostgreSQLExceptionSorter())
                        .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(2))
                        .idleValidationTimeout(Duration.ofMillis(500))
                        .initialSize(0)
                        .minSize(0)
                        .maxSize(MAX_POOL_SIZE)
                        .acquisitionTimeout(Duration.ofSeconds(5))
                        .connectionFactoryConfiguration(factory -> {
                            factory.jdbcUrl(jdbcUrl).autoCommit(true);
                            if (user != null && !user.isEmpty()) {
                                factory.principal(new NamePrincipal(user));
                            }
                            // Trust auth runs with an empty password; sending none keeps the driver happy either way.
                            if (password != null && !password.isEmpty()) {
                                factory.credential(new SimplePassword(password));
                            }
                            return factory;
                        }));
        return AgroalDataSource.from(config);
    }

    static void migrate(AgroalDataSource dataSource) {
        Flyway.configure()
                .dataSource(dataSource)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .createSchemas(true)
                .locations(LOCATION)
                .table(HISTORY_TABLE)
                .load()
                .migrate();
    }
}
