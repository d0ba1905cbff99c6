package io.midtier.delivery;

import io.midtier.run.SettingsReader;

/**
 * What delivery watches ({@code midtier.delivery.*}): how often the paused consumers look whether PostgreSQL
 * answers again, and when the backlog of the updates queue is worth a warning (share of its storage bound in use,
 * age of the oldest pending update), and how long the back-end may still carry out a call after it was sent.
 */
public record DeliverySettings(String updatesQueue, long databaseCheckMs, double backlogWarnRatio,
                               long backlogWarnAgeSeconds, long backendMaxCallMs) {

    public static DeliverySettings read(SettingsReader settings) {
        return new DeliverySettings(settings.text("midtier.queue.updates"),
                settings.longNumber("midtier.delivery.database-check-ms"),
                settings.decimal("midtier.delivery.backlog-warn-ratio"),
                settings.longNumber("midtier.delivery.backlog-warn-age-seconds"),
                settings.longNumber("midtier.backend.max-call-ms"));
    }
}
