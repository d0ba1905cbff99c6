package io.midtier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midtier.cache.ReadPathSettings;
import io.midtier.changes.ChangesSettings;
import io.midtier.delivery.DeliverySettings;
import io.midtier.run.SettingsReader;
import io.midtier.run.StartRefused;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

// each concern's settings record reads its keys from the shipped application.properties, typed
class SettingsRecordsTest {

    @Test
    void the_infrastructure_settings_come_from_the_db_tx_and_broker_keys() throws IOException {
        MidtierSettings settings = MidtierSettings.read(SettingsReader.of(shipped()));

        assertThat(settings.database().url()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(settings.database().password()).isEmpty();
        assertThat(settings.database().poolSize()).isEqualTo(16);
        assertThat(settings.transactions().nodeId()).isEqualTo("midtier-1");
        assertThat(settings.transactions().objectStoreDir()).isEqualTo(Path.of("./data/tx-object-store"));
        assertThat(settings.transactions().journalStore()).isFalse();
        assertThat(settings.broker().embedded()).isTrue();
        assertThat(settings.broker().dataDir()).isEqualTo(Path.of("./data/artemis"));
        assertThat(settings.broker().updatesQueue()).isEqualTo("midtier.updates");
        assertThat(settings.broker().deadLetterQueue()).isEqualTo("DLQ.midtier.updates");
        assertThat(settings.broker().redeliveryMultiplier()).isEqualTo(2.0);
        assertThat(settings.broker().updatesExpiryMs()).isEqualTo(604_800_000L);
        assertThat(settings.broker().deadLetterMemoryBytes()).isEqualTo(10_485_760L);
    }

    @Test
    void the_broker_login_and_database_password_may_be_left_out() throws IOException {
        Map<String, String> properties = shipped();
        properties.remove("midtier.db.password");
        properties.remove("midtier.broker.url");
        properties.remove("midtier.broker.user");
        properties.remove("midtier.broker.password");

        MidtierSettings settings = MidtierSettings.read(SettingsReader.of(properties));

        assertThat(settings.database().password()).isEmpty();
        assertThat(settings.broker().embedded()).isTrue();
        assertThat(settings.broker().user()).isEmpty();
    }

    @Test
    void a_required_infrastructure_setting_left_out_refuses_the_start_naming_it() throws IOException {
        Map<String, String> properties = shipped();
        properties.remove("midtier.tx.node-id");

        assertThatThrownBy(() -> MidtierSettings.read(SettingsReader.of(properties)))
                .isInstanceOf(StartRefused.class).hasMessage("midtier.tx.node-id is not set");
    }

    @Test
    void the_feature_settings_come_from_their_own_keys() throws IOException {
        SettingsReader properties = SettingsReader.of(shipped());

        assertThat(ReadPathSettings.read(properties)).isEqualTo(new ReadPathSettings(8, 5000, 10000));
        assertThat(DeliverySettings.read(properties))
                .isEqualTo(new DeliverySettings("midtier.updates", 1000, 0.8, 900, 10000, 6, 4));
        assertThat(ChangesSettings.read(properties))
                .isEqualTo(new ChangesSettings("midtier.changes", 8, 15000, 2000, 0, 100, 10000, 86_400_000));
    }

    @Test
    void a_subscription_expiry_of_0_means_never_to_artemis() {
        assertThat(changes(0).subscriptionExpiryDelay()).isEqualTo(-1L);
        assertThat(changes(60_000).subscriptionExpiryDelay()).isEqualTo(60_000L);
    }

    private static ChangesSettings changes(long expiryMs) {
        return new ChangesSettings("t", 1, 1, 1, 0, 1, 1, expiryMs);
    }

    @Test
    void a_stream_limit_is_read_in_seconds_and_a_negative_one_refuses_the_start() throws IOException {
        Map<String, String> properties = shipped();
        properties.put("midtier.changes.stream-max-seconds", "90");
        assertThat(ChangesSettings.read(SettingsReader.of(properties)).streamMaxMs()).isEqualTo(90_000L);

        properties.put("midtier.changes.stream-max-seconds", "-1");
        assertThatThrownBy(() -> ChangesSettings.read(SettingsReader.of(properties)))
                .isInstanceOf(StartRefused.class).hasMessageContaining("midtier.changes.stream-max-seconds");
    }

    /** The product's application.properties as shipped. */
    /** The shipped application.properties, as a map a test may change. */
    static Map<String, String> shipped() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = SettingsRecordsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Map<String, String> values = new HashMap<>();
        properties.forEach((key, value) -> values.put(key.toString(), value.toString()));
        return values;
    }
}
