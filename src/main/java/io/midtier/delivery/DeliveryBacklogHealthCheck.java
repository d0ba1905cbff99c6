package io.midtier.delivery;

import java.util.Map;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * The delivery backlog as a health check: a warning, not an outage. It stays UP (midtier still serves reads
 * and accepts writes) and carries the warning as its message with the figures as details, so the health
 * endpoint shows it well before the updates queue is full and writes are refused.
 */
public final class DeliveryBacklogHealthCheck extends AbstractHealthCheck {

    private final UpdatesBacklog backlog;

    public DeliveryBacklogHealthCheck(UpdatesBacklog backlog) {
        super("midtier", "delivery-backlog");
        this.backlog = backlog;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        builder.detail("queue.depth", backlog.queueDepth());
        builder.detail("queue.storage.usage", backlog.storageUsage());
        builder.detail("oldest.pending.seconds", backlog.oldestPendingSeconds());
        String warning = backlog.warning();
        if (warning != null) {
            builder.detail("warning", warning);
            builder.message("WARNING: " + warning);
        }
        builder.up();
    }
}
