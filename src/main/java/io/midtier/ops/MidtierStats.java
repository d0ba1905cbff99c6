package io.midtier.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.midtier.broker.EmbeddedBroker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The figures support asks for: cache hits and misses (read from the Micrometer counters the read path
 * increment, so JMX and Prometheus agree) and the outstanding updates (counted in the database).
 */
public final class MidtierStats implements MidtierStatsMBean {

    public static final String HITS = "midtier.cache.hits";
    public static final String MISSES = "midtier.cache.misses";
    public static final String OUTSTANDING = "midtier.updates.outstanding";
    public static final String QUEUE_MESSAGES = "midtier.queue.messages";

    private final Supplier<MeterRegistry> meters;
    private final Supplier<DataSource> dataSource;

    public MidtierStats(Supplier<MeterRegistry> meters, Supplier<DataSource> dataSource) {
        this.meters = meters;
        this.dataSource = dataSource;
    }

    /** Publishes the outstanding updates as a gauge next to the counters. */
    public void registerGauge(MeterRegistry registry) {
        Gauge.builder(OUTSTANDING, this, MidtierStats::outstandingOrNaN)
                .description("accepted updates the back-end has not applied yet")
                .register(registry);
    }

    /** Publishes how many messages wait in a queue of the embedded broker (the updates queue, its DLQ). */
    public static void registerQueueGauge(MeterRegistry registry, String queue, Supplier<EmbeddedBroker> broker) {
        Gauge.builder(QUEUE_MESSAGES, () -> {
            EmbeddedBroker b = broker.get();
            return b == null || !b.isActive() ? Double.NaN : b.messageCount(queue);
        }).description("messages waiting in a queue of the embedded broker").tag("queue", queue).register(registry);
    }

    @Override
    public long getCacheHits() {
        return count(HITS);
    }

    @Override
    public long getCacheMisses() {
        return count(MISSES);
    }

    @Override
    public long getOutstandingUpdates() {
        DataSource ds = dataSource.get();
        if (ds == null) {
            return -1;
        }
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from cache_update where status = 'PENDING'")) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            return -1;
        }
    }

    private double outstandingOrNaN() {
        long n = getOutstandingUpdates();
        return n < 0 ? Double.NaN : n;
    }

    private long count(String name) {
        MeterRegistry registry = meters.get();
        if (registry == null) {
            return 0;
        }
        // a counter may come with tags; add them all up
        return (long) registry.find(name).counters().stream().mapToDouble(Counter::count).sum();
    }
}
