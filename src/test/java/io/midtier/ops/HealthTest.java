package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// health: readiness reports PostgreSQL, the broker and the transaction manager by name, goes DOWN naming the
// broker while it is stopped (the database while it refuses connections, the transaction manager while its
// object store cannot be written) and UP when it is back; liveness stays UP through the outage.
class HealthTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        app = MidtierTestApp.start(db, "health");
        broker = app.bean("embeddedBroker", EmbeddedBroker.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (!broker.isActive()) {
            broker.startBroker();
        }
        app.close();
    }

    @Test
    void readiness_goes_down_naming_the_broker_while_it_is_stopped_and_up_when_it_is_back() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode() == 200);
        JsonNode up = MidtierTestApp.json(ready().body());
        assertThat(up.get("status").asText()).isEqualTo("UP");
        for (String check : new String[] {"database", "broker", "transaction-manager", "instance-claim"}) {
            assertThat(status(up, check)).as(check).isEqualTo("UP");
        }

        broker.stopBroker();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode() == 503);
            JsonNode down = MidtierTestApp.json(ready().body());
            assertThat(down.get("status").asText()).isEqualTo("DOWN");
            assertThat(status(down, "broker")).isEqualTo("DOWN");
            assertThat(check(down, "broker").path("message").asText()).startsWith("broker unavailable");
            assertThat(status(down, "database")).isEqualTo("UP");
            assertThat(status(down, "transaction-manager")).isEqualTo("UP");
            // a broker outage is not cured by restarting midtier: liveness stays UP
            HttpResponse<String> live = Http.get(app.managementUrl("/observe/health/live"));
            assertThat(live.statusCode()).isEqualTo(200);
        } finally {
            broker.startBroker();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);
        assertThat(status(MidtierTestApp.json(ready().body()), "broker")).isEqualTo("UP");
    }

    @Test
    void readiness_goes_down_naming_the_database_while_it_refuses_connections() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode() == 200);

        allowConnections(false);
        try {
            // the pool's open connections go too, as in a database restart
            TestDatabase.at(db.url("postgres")).query("select pg_terminate_backend(pid) from pg_stat_activity"
                    + " where datname = ? and pid <> pg_backend_pid()", db.name());
            await().atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode() == 503);
            JsonNode down = MidtierTestApp.json(ready().body());
            assertThat(status(down, "database")).isEqualTo("DOWN");
            assertThat(check(down, "database").path("message").asText()).startsWith("PostgreSQL unavailable");
            assertThat(status(down, "broker")).isEqualTo("UP");
            // its instance claim's session went too, and cannot be renewed yet
            assertThat(status(down, "instance-claim")).isEqualTo("DOWN");
        } finally {
            allowConnections(true);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);
        assertThat(status(MidtierTestApp.json(ready().body()), "database")).isEqualTo("UP");
        // renewed on a new session by the readiness check
        assertThat(status(MidtierTestApp.json(ready().body()), "instance-claim")).isEqualTo("UP");
    }

    @Test
    void readiness_goes_down_naming_the_transaction_manager_while_its_object_store_cannot_be_written() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode() == 200);
        Path store = Path.of(arjPropertyManager.getObjectStoreEnvironmentBean().getObjectStoreDir());
        Path aside = store.resolveSibling(store.getFileName() + ".aside");

        // a file where the object store directory belongs: nothing can be logged there, even as root
        Files.move(store, aside);
        Files.writeString(store, "not a directory");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode() == 503);
            JsonNode down = MidtierTestApp.json(ready().body());
            assertThat(status(down, "transaction-manager")).isEqualTo("DOWN");
            assertThat(check(down, "transaction-manager").path("message").asText())
                    .startsWith("transaction manager: cannot create object store");
            assertThat(status(down, "database")).isEqualTo("UP");
            assertThat(status(down, "broker")).isEqualTo("UP");
        } finally {
            Files.delete(store);
            Files.move(aside, store);
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);
        assertThat(status(MidtierTestApp.json(ready().body()), "transaction-manager")).isEqualTo("UP");
    }

    /** Opens or closes the test class's database for new connections (through the maintenance database). */
    private static void allowConnections(boolean allow) {
        TestDatabase.at(db.url("postgres")).execute("alter database \"" + db.name() + "\" with allow_connections " + allow);
    }

    private static HttpResponse<String> ready() {
        return Http.get(app.managementUrl("/observe/health/ready"));
    }

    private static String status(JsonNode health, String name) {
        return check(health, name).path("status").asText();
    }

    private static JsonNode check(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check named " + name + " in " + health);
    }
}
