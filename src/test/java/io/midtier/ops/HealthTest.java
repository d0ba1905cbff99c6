package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

// health: readiness reports PostgreSQL, the broker and the transaction manager by name, goes DOWN naming the
// broker while it is stopped and UP when it is back; liveness stays UP through the outage.
class HealthTest {

    static MidtierTestApp app;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start("health");
        broker = app.bean("embeddedBroker", EmbeddedBroker.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (!broker.isActive()) {
            broker.restartServer();
        }
        app.close();
    }

    @Test
    void readiness_goes_down_naming_the_broker_while_it_is_stopped_and_up_when_it_is_back() throws Exception {
        await().atMost(Duration.ofSeconds(30)).until(() -> ready().statusCode() == 200);
        JsonNode up = MidtierTestApp.json(ready().body());
        assertThat(up.get("status").asText()).isEqualTo("UP");
        for (String check : new String[] {"database", "broker", "transaction-manager"}) {
            assertThat(status(up, check)).as(check).isEqualTo("UP");
        }

        broker.stopServer();
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
            broker.restartServer();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> ready().statusCode() == 200);
        assertThat(status(MidtierTestApp.json(ready().body()), "broker")).isEqualTo("UP");
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
