package io.midtier.broker;

import java.nio.file.Path;

/**
 * The broker midtier uses. An empty {@code externalUrl} means: run the embedded broker and reach it in-VM.
 * Redelivery values apply to the updates queue of the embedded broker; an external broker is configured
 * by its own broker.xml (docs/operations.md shows the matching address-setting). {@code updatesMaxSizeBytes}
 * bounds the updates queue's storage (sends fail beyond it); {@code updatesExpiryMs} (0 = never) sends an update
 * that waited that long to the dead-letter queue. {@code deadLetterMemoryBytes} is what the dead-letter queue holds in
 * memory before it pages to disk (it never drops or refuses a dead letter). {@code durableQueues} are the other
 * queues midtier uses (the orders and their answers): declared, not auto-created, so the broker never deletes one as
 * empty while a prepared transaction still holds its message (it did, after a crash: the order's message was lost).
 */
public record BrokerSettings(String externalUrl, String user, String password, Path dataDir,
                             String tcpHost, int tcpPort,
                             String updatesQueue, String deadLetterQueue,
                             long redeliveryDelayMs, double redeliveryMultiplier, long maxRedeliveryDelayMs,
                             int maxDeliveryAttempts, long journalBufferTimeoutNanos,
                             int poolMaxConnections, int poolMaxSessionsPerConnection, long callTimeoutMs,
                             int reconnectAttempts, long updatesMaxSizeBytes, long updatesExpiryMs,
                             long deadLetterMemoryBytes, java.util.List<String> durableQueues) {

    public boolean embedded() {
        return externalUrl == null || externalUrl.isBlank();
    }

    /** The URL midtier's own clients connect to. */
    public String clientUrl() {
        // In-VM avoids the network stack.
        return embedded() ? "vm://0" : externalUrl;
    }

    @Override
    public String toString() {
        return "BrokerSettings[" + (embedded() ? "embedded, tcp " + tcpHost + ":" + tcpPort : externalUrl) + "]";
    }
}
