package io.midtier.delivery;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.midtier.broker.EmbeddedBroker;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far delivery is behind: the updates queue's storage against its bound, and the age of the oldest
 * pending update. {@link #warning()} says why it is worrying (or null), well before the queue is full and
 * writes are refused; the health check and metrics read these methods, the backlog-watch route logs it.
 */
public class UpdatesBacklog {

    private static final Logger LOG = LoggerFactory.getLogger(UpdatesBacklog.class);
    private static final String OLDEST_PENDING =
            "select coalesce(extract(epoch from now() - min(created_at)), 0) from cache_update where status = 'PENDING'";

    private final Supplier<EmbeddedBroker> broker;
    private final DataSource dataSource;
    private final String queue;
    private final double warnRatio;
    private final long warnAgeSeconds;

    /** {@code broker} gives null for an external broker, whose own monitoring covers its storage. */
    public UpdatesBacklog(Supplier<EmbeddedBroker> broker, DataSource dataSource, String queue, double warnRatio,
                          long warnAgeSeconds) {
        this.broker = broker;
        this.dataSource = dataSource;
        this.queue = queue;
        this.warnRatio = warnRatio;
        this.warnAgeSeconds = warnAgeSeconds;
    }

    /** Messages in the updates queue (waiting, scheduled and in delivery); -1 for an external or stopped broker. */
    public long queueDepth() {
        EmbeddedBroker broker = this.broker.get();
        return broker == null || !broker.isActive() ? -1 : broker.messageCount(queue);
    }

    /** The share of the queue's storage bound in use, 0..1; 0 when unbounded or external. */
    public double storageUsage() {
        EmbeddedBroker broker = this.broker.get();
        if (broker == null || !broker.isActive()) {
            return 0;
        }
        long max = broker.addressMaxSizeBytes(queue);
        return max <= 0 ? 0 : Math.min(1.0, (double) broker.addressSizeBytes(queue) / max);
    }

    /** Seconds the oldest pending update has waited; -1 when the database cannot say. */
    public long oldestPendingSeconds() {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(OLDEST_PENDING)) {
            return rs.next() ? (long) rs.getDouble(1) : 0;
        } catch (SQLException e) {
            return -1;
        }
    }

    /** Why delivery needs attention, or null when it does not. */
    public String warning() {
        double usage = storageUsage();
        if (usage >= warnRatio) {
            return String.format("the updates queue uses %.0f%% of its storage bound; writes are refused when it is full",
                    usage * 100);
        }
        long age = oldestPendingSeconds();
        if (age >= warnAgeSeconds) {
            return "the oldest pending update has waited " + age + " s for the back-end";
        }
        return null;
    }

    /** The backlog on the metrics endpoint: storage share in use and the oldest pending update's age. */
    public void registerGauges(MeterRegistry registry) {
        Gauge.builder("midtier.delivery.queue.storage.usage", this, UpdatesBacklog::storageUsage)
                .description("share of the updates queue's storage bound in use (writes are refused at 1)")
                .register(registry);
        Gauge.builder("midtier.delivery.oldest.pending.seconds", this, UpdatesBacklog::oldestPendingSeconds)
                .description("age of the oldest update not yet applied by the back-end")
                .baseUnit("seconds").register(registry);
    }

    /** Logs the warning, if any, and returns it (the backlog-watch route calls this periodically). */
    public String check() {
        String warning = warning();
        if (warning != null) {
            LOG.warn("delivery backlog: {} ({} messages queued)", warning, queueDepth());
        }
        return warning;
    }
}
