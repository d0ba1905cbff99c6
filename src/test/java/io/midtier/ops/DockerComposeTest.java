package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

// docker-compose.yml (no Docker engine here): it parses, PostgreSQL allows prepared transactions, the
// broker is the official Artemis image with midtier's login, every variable set on the application is one
// the application reads, and the Artemis overrides parse with Artemis's own parser.
class DockerComposeTest {

    static final Path COMPOSE = Path.of("docker-compose.yml");

    @Test
    @SuppressWarnings("unchecked")
    void every_variable_set_on_the_application_is_one_it_reads() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        Map<String, Object> environment = (Map<String, Object>) ((Map<String, Object>) services.get("midtier"))
                .get("environment");
        Set<String> readable = MidtierVariables.readable();

        assertThat(environment).isNotEmpty();
        assertThat(environment.keySet()).allSatisfy(name -> assertThat(readable).as(name).contains(name));
        // Camel skips CAMEL_*_PORT variables (Kubernetes service variables look the same)
        assertThat(environment.keySet()).noneMatch(MidtierVariables::ignoredByCamel);
        assertThat(environment.get("CAMEL_MAIN_PROFILE")).isEqualTo("prod");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_simulator_is_a_demo_service_of_its_own_never_inside_midtier() throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        Map<String, Object> midtier = (Map<String, Object>) services.get("midtier");
        Map<String, Object> environment = (Map<String, Object>) midtier.get("environment");

        assertThat(environment.keySet()).as("no simulator setting on midtier").noneMatch(name ->
                name.startsWith("SIMULATOR_") || name.startsWith("LEGACY_"));
        assertThat(String.valueOf(midtier.get("volumes")) + midtier.get("command")).doesNotContain("simulator");
        assertThat((String) environment.get("MIDTIER_BACKEND_URL")).as("the back-end is required, with no default")
                .startsWith("${MIDTIER_BACKEND_URL:?");
        assertThat(midtier).doesNotContainKey("profiles");

        Map<String, Object> simulator = (Map<String, Object>) services.get("simulator");
        assertThat((List<String>) simulator.get("profiles")).containsExactly("demo");
        assertThat((List<String>) simulator.get("command")).contains("/app/midtier-simulator.jar");
        Map<String, Object> simulatorEnv = (Map<String, Object>) simulator.get("environment");
        Map<String, Object> postgresEnv = (Map<String, Object>) ((Map<String, Object>) services.get("postgres"))
                .get("environment");
        assertThat((String) simulatorEnv.get("SIMULATOR_JDBC_URL")).as("a database of its own, not midtier's")
                .doesNotContain("//postgres:").endsWith("/" + ((Map<String, Object>) ((Map<String, Object>)
                        services.get("simulator-db")).get("environment")).get("POSTGRES_DB"));
        assertThat(postgresEnv.get("POSTGRES_DB")).isNotEqualTo("simulator");
        assertThat((List<String>) ((Map<String, Object>) services.get("simulator-db")).get("profiles"))
                .containsExactly("demo");
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgres_allows_prepared_transactions_and_artemis_is_the_official_image_with_midtiers_login()
            throws IOException {
        Map<String, Object> services = (Map<String, Object>) compose().get("services");
        Map<String, Object> postgres = (Map<String, Object>) services.get("postgres");
        List<String> command = (List<String>) postgres.get("command");
        int max = command.stream().filter(arg -> arg.startsWith("max_prepared_transactions="))
                .mapToInt(arg -> Integer.parseInt(arg.substring(arg.indexOf('=') + 1))).findFirst().orElse(0);
        assertThat(max).isGreaterThanOrEqualTo(Integer.parseInt(shipped().getProperty("midtier.db.pool-size")));

        Map<String, Object> artemis = (Map<String, Object>) services.get("artemis");
        assertThat((String) artemis.get("image")).startsWith("apache/activemq-artemis:");
        Map<String, Object> artemisEnv = (Map<String, Object>) artemis.get("environment");
        Map<String, Object> appEnv = (Map<String, Object>) ((Map<String, Object>) services.get("midtier"))
                .get("environment");
        assertThat(artemisEnv.get("ARTEMIS_USER")).isEqualTo(appEnv.get("MIDTIER_BROKER_USER"));
        assertThat(artemisEnv.get("ARTEMIS_PASSWORD")).isEqualTo(appEnv.get("MIDTIER_BROKER_PASSWORD"));
        Map<String, Object> postgresEnv = (Map<String, Object>) postgres.get("environment");
        assertThat(postgresEnv.get("POSTGRES_PASSWORD")).isEqualTo(appEnv.get("MIDTIER_DB_PASSWORD"));
        assertThat((String) appEnv.get("MIDTIER_DB_URL")).endsWith("/" + postgresEnv.get("POSTGRES_DB"));
    }

    @Test
    void the_artemis_overrides_dead_letter_the_updates_queue_like_the_embedded_broker() throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.parseFileProperties(Path.of("docker/artemis/broker.properties").toFile());
        Properties shipped = shipped();

        AddressSettings updates = config.getAddressSettings().get(shipped.getProperty("midtier.queue.updates"));
        assertThat(updates).isNotNull();
        assertThat(updates.getDeadLetterAddress().toString()).isEqualTo(shipped.getProperty("midtier.queue.updates-dlq"));
        assertThat(updates.getMaxDeliveryAttempts())
                .isEqualTo(Integer.parseInt(shipped.getProperty("midtier.broker.max-delivery-attempts")));
        assertThat(updates.getRedeliveryDelay())
                .isEqualTo(Long.parseLong(shipped.getProperty("midtier.broker.redelivery-delay-ms")));
        // dead letters are paged to disk, never dropped or refused, beyond the same memory bound
        AddressSettings deadLetters = config.getAddressSettings().get(shipped.getProperty("midtier.queue.updates-dlq"));
        assertThat(deadLetters).isNotNull();
        assertThat(deadLetters.getAddressFullMessagePolicy())
                .isEqualTo(org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy.PAGE);
        assertThat(deadLetters.getMaxSizeBytes())
                .isEqualTo(Long.parseLong(shipped.getProperty("midtier.broker.dead-letter-memory-bytes")));
        assertThat(deadLetters.getMaxDeliveryAttempts()).isEqualTo(-1);
    }

    @Test
    void the_artemis_overrides_roll_back_an_orphaned_xa_transaction_when_midtiers_transaction_manager_gives_up()
            throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.parseFileProperties(Path.of("docker/artemis/broker.properties").toFile());

        // a transaction left on the backup by a client that failed over holds its message until then (docs/scale-out.md)
        assertThat(config.getTransactionTimeout())
                .isEqualTo(Long.parseLong(shipped().getProperty("midtier.tx.timeout-seconds")) * 1000);
    }

    private static Map<String, Object> compose() throws IOException {
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            @SuppressWarnings("unchecked")
            Map<String, Object> yaml = (Map<String, Object>) new Load(LoadSettings.builder().build())
                    .loadFromReader(reader);
            return yaml;
        }
    }

    private static Properties shipped() {
        return MidtierVariables.shipped();
    }
}
