package io.midtier.ops;

import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: PostgreSQL answers through midtier's own connection pool, within {@link #ANSWER_WITHIN_MS}. While the
 * database is down the pool waits up to its acquisition timeout for a connection; readiness must not wait that
 * long (a probe that times out tells an orchestrator less than a DOWN), so the query runs on a thread of its own
 * and a slower answer is DOWN. At most one such query is open at a time.
 */
public final class DatabaseHealthCheck extends AbstractHealthCheck {

    static final long ANSWER_WITHIN_MS = 1_000;

    private final Supplier<DataSource> dataSource;
    private final ExecutorService probe = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "midtier-database-probe");
        thread.setDaemon(true);
        return thread;
    });
    private Future<?> open;

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
        try {
            query(ds).get(ANSWER_WITHIN_MS, TimeUnit.MILLISECONDS);
            builder.up();
        } catch (TimeoutException e) {
            builder.down().message("PostgreSQL unavailable: no answer within " + ANSWER_WITHIN_MS + " ms");
        } catch (ExecutionException e) {
            builder.down().message("PostgreSQL unavailable: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("PostgreSQL unavailable: interrupted");
        }
    }

    /** The query still running from an earlier check, or a new one. */
    private synchronized Future<?> query(DataSource ds) {
        if (open == null || open.isDone()) {
            // A query rather than isValid(): a broken pooled connection then fails with a fatal SQL state, and
            // the pool replaces it instead of handing it out again.
            open = probe.submit(() -> {
                try (Connection connection = ds.getConnection(); Statement statement = connection.createStatement()) {
                    statement.setQueryTimeout(2);
                    statement.execute("select 1");
                }
                return null;
            });
        }
        return open;
    }
}
