package io.midtier.delivery;

import static io.midtier.testsupport.Updates.awaitStatus;
import static io.midtier.testsupport.Updates.rename;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Message expiry: an update that waits in the queue longer than the expiry (the back-end does not come back)
// is dead-lettered and FAILED as expired, instead of waiting for ever.
class UpdateExpiryTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "update-expiry");
        p.put("midtier.broker.updates-expiry-ms", "1500");
        p.put("midtier.broker.redelivery-delay-ms", "3000");
        p.put("midtier.broker.max-delivery-attempts", "100");
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
        app.close();
    }

    @Test
    void an_update_waiting_longer_than_the_expiry_is_dead_lettered_as_expired() {
        Http.get(app.url("/api/accounts/1079"));
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":true}");

        String updateId = rename(app, "1079", "EXPIRED " + System.nanoTime());

        JsonNode failed = awaitStatus(app, updateId, "FAILED");
        assertThat(failed.get("lastError").asText()).startsWith("expired in the queue");
        assertThat(failed.get("attempts").asInt()).isLessThan(100);
        JsonNode deadLetters = MidtierTestApp.json(Http.get(app.url("/admin/dead-letters")).body());
        assertThat(deadLetters.findValuesAsText("updateId")).contains(updateId);
    }
}
