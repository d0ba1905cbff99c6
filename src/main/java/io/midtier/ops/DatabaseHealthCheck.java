package io.midtier.ops;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: PostgreSQL answers through midtier's own connection pool. */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    private final Supplier<DataSource> dataSource;

    public DatabaseHealthCheck(Supplier<DataSource> dataSource) {
        super("midtier", "database");
        this.dataSource = dataSource;
    }

    @Override
    public boolean isLiveness() {
        // A database outage is not cured by restarting midtier: it only makes it unready.
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        DataSource ds = dataSource.get();
        if (ds == null) {
            builder.down().message("PostgreSQL: no connection pool (midtier is starting or stopping)");
            return;
        }
        // A query rather than isValid(): a broken pooled connection then fails with a fatal SQL state, and
        // the pool replaces it instead of handing it out again.
        try (Connection connection = ds.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("select 1");
            builder.up();
        } catch (Exception e) {
            builder.down().message("PostgreSQL unavailable: " + e.getMessage());
        }
    }
}
