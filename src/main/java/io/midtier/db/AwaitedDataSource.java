package io.midtier.db;

import java.util.function.Supplier;
import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * A data source that stands for one still being started: components configured at start-up (camel-sql's
 * {@code dataSource}) hold this one, and the first connection asked of it waits for the real pool.
 */
public final class AwaitedDataSource extends DelegatingDataSource {

    private final Supplier<? extends DataSource> target;

    public AwaitedDataSource(Supplier<? extends DataSource> target) {
        this.target = target;
    }

    @Override
    protected DataSource obtainTargetDataSource() {
        return target.get();
    }

    @Override
    public DataSource getTargetDataSource() {
        return target.get();
    }

    @Override
    public void afterPropertiesSet() {
        // the target arrives later, by design
    }
}
