package io.midtier.changes;

import io.midtier.run.SettingsReader;

/**
 * The change topic and its readers ({@code midtier.topic.changes}, {@code midtier.changes.*}): how many SSE streams
 * may be open, their heartbeat and poll periods, the batch the publisher and the streams read at once, and the bounds
 * of a durable subscription on the embedded broker (messages kept, and how long: 0 = no expiry).
 */
public record ChangesSettings(String topic, int sseMaxStreams, long sseHeartbeatMs, long ssePollMs, int publishBatch,
                              long subscriptionMaxMessages, long subscriptionExpiryMs) {

    public static ChangesSettings read(SettingsReader settings) {
        return new ChangesSettings(settings.text("midtier.topic.changes"),
                settings.integer("midtier.changes.sse-max-streams"),
                settings.longNumber("midtier.changes.sse-heartbeat-ms"),
                settings.longNumber("midtier.changes.sse-poll-ms"),
                settings.integer("midtier.changes.publish-batch"),
                settings.longNumber("midtier.changes.subscription-max-messages"),
                settings.longNumber("midtier.changes.subscription-expiry-ms"));
    }

    /** The subscription queues' expiry delay as Artemis takes it: -1 (never) for 0. */
    public long subscriptionExpiryDelay() {
        return subscriptionExpiryMs > 0 ? subscriptionExpiryMs : -1L;
    }
}
