package io.midtier;

import io.midtier.broker.BrokerSettings;
import io.midtier.db.DatabaseSettings;
import io.midtier.tx.TransactionManagerSetup;

/** Everything the infrastructure needs, read from application.properties. */
public record MidtierSettings(DatabaseSettings database, TransactionManagerSetup.Settings transactions,
                              BrokerSettings broker) {
}
