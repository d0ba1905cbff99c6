package io.midtier;

import io.midtier.broker.BrokerSettings;
import io.midtier.db.DatabaseSettings;
import io.midtier.run.SettingsReader;
import io.midtier.tx.TransactionManagerSetup;
import java.nio.file.Path;

/** Everything the infrastructure needs, read from application.properties. */
public record MidtierSettings(DatabaseSettings database, TransactionManagerSetup.Settings transactions,
                              BrokerSettings broker) {

    /** {@code midtier.data-dir}, {@code midtier.db.*}, {@code midtier.tx.*}, {@code midtier.broker.*}, the queues. */
    public static MidtierSettings read(SettingsReader settings) {
        Path data = Path.of(settings.text("midtier.data-dir"));
        return new MidtierSettings(database(settings), transactions(settings, data), broker(settings, data));
    }

    /** The cache database ({@code midtier.db.*}); also what the plain, non-XA pools of the features connect to. */
    public static DatabaseSettings database(SettingsReader settings) {
        return new DatabaseSettings(settings.text("midtier.db.url"), settings.text("midtier.db.user"),
                settings.text("midtier.db.password", ""), settings.integer("midtier.db.pool-size"),
                settings.integer("midtier.db.acquisition-timeout-ms"));
    }

    private static TransactionManagerSetup.Settings transactions(SettingsReader settings, Path data) {
        return new TransactionManagerSetup.Settings(settings.text("midtier.tx.node-id"),
                data.resolve("tx-object-store"), settings.flag("midtier.tx.journal-store"),
                settings.integer("midtier.tx.recovery-period-seconds"),
                settings.integer("midtier.tx.recovery-backoff-seconds"),
                settings.integer("midtier.tx.timeout-seconds"));
    }

    private static BrokerSettings broker(SettingsReader settings, Path data) {
        return new BrokerSettings(settings.text("midtier.broker.url", ""), settings.text("midtier.broker.user", ""),
                settings.text("midtier.broker.password", ""), data.resolve("artemis"),
                settings.text("midtier.broker.tcp-host"), settings.integer("midtier.broker.tcp-port"),
                settings.text("midtier.queue.updates"), settings.text("midtier.queue.updates-dlq"),
                settings.longNumber("midtier.broker.redelivery-delay-ms"),
                settings.decimal("midtier.broker.redelivery-multiplier"),
                settings.longNumber("midtier.broker.max-redelivery-delay-ms"),
                settings.integer("midtier.broker.max-delivery-attempts"),
                settings.longNumber("midtier.broker.journal-buffer-timeout-ns"),
                settings.integer("midtier.broker.pool-max-connections"),
                settings.integer("midtier.broker.pool-max-sessions-per-connection"),
                settings.longNumber("midtier.broker.call-timeout-ms"),
                settings.integer("midtier.broker.reconnect-attempts"),
                settings.longNumber("midtier.broker.updates-max-size-bytes"),
                settings.longNumber("midtier.broker.updates-expiry-ms"),
                settings.longNumber("midtier.broker.dead-letter-memory-bytes"),
                java.util.List.of(settings.text("midtier.queue.orders"), settings.text("midtier.queue.order-replies")));
    }
}
