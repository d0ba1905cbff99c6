package io.midtier.delivery;

import static io.midtier.testsupport.Updates.rename;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The backlog warning by age (README, Storage bound): an update pending longer than
// midtier.delivery.backlog-warn-age-seconds is the delivery-backlog readiness check's message (the check stays UP)
// and the gauge midtier_delivery_oldest_pending_seconds on the metrics endpoint shows its age, with the queue far
// from its storage bound.
class BacklogAgeTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final long WARN_AGE_SECONDS = 2;
    private static final Pattern GAUGE = Pattern.compile("(?m)^midtier_delivery_oldest_pending_seconds(?:\\{[^}]*})? (\\S+)$");

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "backlog-age");
        p.put("midtier.delivery.backlog-warn-age-seconds", String.valueOf(WARN_AGE_SECONDS));
        // the update stays pending while the back-end is down (retried, not dead-lettered within the test)
        p.put("midtier.broker.redelivery-delay-ms", "500");
        p.put("midtier.broker.max-redelivery-delay-ms", "1000");
        p.put("midtier.broker.max-delivery-attempts", "1000");
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
        app.close();
    }

    @Test
    void an_update_pending_longer_than_the_warning_age_is_the_health_checks_message_and_the_gauges_value() {
        UpdatesBacklog backlog = app.bean("updatesBacklog", UpdatesBacklog.class);
        Http.get(app.url("/api/accounts/1091"));
        assertThat(backlog.warning()).isNull();
        assertThat(check().path("message").asText()).doesNotContain("WARNING");

        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":true}");
        rename(app, "1091", "WAITING " + System.nanoTime() % 100_000);

        await("the warning by age").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> check().path("message").asText().contains("the oldest pending update has waited"));
        JsonNode check = check();
        assertThat(check.path("status").asText()).as(check.toString()).isEqualTo("UP");
        assertThat(check.path("message").asText()).startsWith("WARNING: ");
        assertThat(backlog.storageUsage()).as("the warning is the age's, not the storage's").isLessThan(0.8);
        assertThat(backlog.check()).as("what the backlog-watch route logs").contains("oldest pending update");
        Matcher gauge = GAUGE.matcher(Http.get(app.managementUrl("/observe/metrics")).body());
        assertThat(gauge.find()).as("the gauge on the metrics endpoint").isTrue();
        assertThat(Double.parseDouble(gauge.group(1))).isGreaterThanOrEqualTo(WARN_AGE_SECONDS);

        // the back-end is back: the update is applied and the warning goes
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
        await("the warning gone once the update is applied").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).until(() -> backlog.warning() == null);
    }

    private static JsonNode check() {
        JsonNode health = MidtierTestApp.json(Http.get(app.managementUrl("/observe/health/ready?data=true")).body());
        for (JsonNode c : health.get("checks")) {
            if (c.path("name").asText().equals("delivery-backlog")) {
                return c;
            }
        }
        throw new AssertionError("no delivery-backlog check in " + health);
    }
}
