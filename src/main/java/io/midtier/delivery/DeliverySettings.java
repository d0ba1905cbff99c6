package io.midtier.delivery;

import io.midtier.run.SettingsReader;

/**
 * What delivery watches ({@code midtier.delivery.*}): how often the paused consumers look whether PostgreSQL
 * answers again, and when the backlog of the updates queue is worth a warning (share of its storage bound in use,
 * age of the oldest pending update), how long the back-end may still carry out a call after it was sent, and how
 * many attempts an update gets ({@code midtier.broker.max-delivery-attempts}: an external broker is configured
 * with the same number), and how many consumers deliver at once.
 */
public record DeliverySettings(String updatesQueue, long databaseCheckMs, double backlogWarnRatio,
                               long backlogWarnAgeSeconds, long backendMaxCallMs, int maxDeliveryAttempts,
                               int concurrentConsumers) {

    public static DeliverySettings read(SettingsReader settings) {
        return new DeliverySettings(settings.text("midtier.queue.updates"),
                settings.longNumber("midtier.delivery.database-check-ms"),
                settings.decimal("midtier.delivery.backlog-warn-ratio"),
                settings.longNumber("midtier.delivery.backlog-warn-age-seconds"),
                settings.longNumber("midtier.backend.max-call-ms"),
                settings.integer("midtier.broker.max-delivery-attempts"),
                settings.integer("midtier.delivery.concurrent-consumers"));
    }
}
