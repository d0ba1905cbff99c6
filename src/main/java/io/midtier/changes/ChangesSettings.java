package io.midtier.changes;

import io.midtier.run.SettingsReader;
import io.midtier.run.StartRefused;

/**
 * The change topic and its readers ({@code midtier.topic.changes}, {@code midtier.changes.*}): how many SSE streams
 * may be open, their heartbeat and poll periods, how long one may stay open (0 = no limit), the batch the publisher and
 * the streams read at once, and the bounds of a durable subscription on the embedded broker (messages kept, and how
 * long: 0 = no expiry).
 */
public record ChangesSettings(String topic, int sseMaxStreams, long sseHeartbeatMs, long ssePollMs,
                              long streamMaxSeconds, int publishBatch, long subscriptionMaxMessages,
                              long subscriptionExpiryMs) {

    public static ChangesSettings read(SettingsReader settings) {
        long streamMaxSeconds = settings.longNumber("midtier.changes.stream-max-seconds");
        if (streamMaxSeconds < 0) {
            throw new StartRefused("midtier.changes.stream-max-seconds must be 0 (no limit) or more, not "
                    + streamMaxSeconds);
        }
        return new ChangesSettings(settings.text("midtier.topic.changes"),
                settings.integer("midtier.changes.sse-max-streams"),
                settings.longNumber("midtier.changes.sse-heartbeat-ms"),
                settings.longNumber("midtier.changes.sse-poll-ms"),
                streamMaxSeconds,
                settings.integer("midtier.changes.publish-batch"),
                settings.longNumber("midtier.changes.subscription-max-messages"),
                settings.longNumber("midtier.changes.subscription-expiry-ms"));
    }

    /** How long one SSE stream may stay open before the server ends it, in ms; 0 = no limit. */
    public long streamMaxMs() {
        return streamMaxSeconds * 1000;
    }

    /** The subscription queues' expiry delay as Artemis takes it: -1 (never) for 0. */
    public long subscriptionExpiryDelay() {
        return subscriptionExpiryMs > 0 ? subscriptionExpiryMs : -1L;
    }
}
