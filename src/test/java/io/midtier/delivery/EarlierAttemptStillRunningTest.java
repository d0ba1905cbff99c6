package io.midtier.delivery;

import static io.midtier.testsupport.Updates.awaitStatus;
import static io.midtier.testsupport.Updates.rename;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// A call that timed out here may still be carried out by the back-end afterwards (it waits before it applies).
// The retry must not ask "do you hold it?" before that call can have finished (midtier.backend.max-call-ms from its
// start): asked earlier, the back-end says no, the update is sent again and then applied twice. Found by the
// 30-minute soak (issue 17): a slow back-end's calls, the first timing out, the retry a second later.
class EarlierAttemptStillRunningTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static final String ACCOUNT = "1093";
    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "earlier-attempt");
        p.put("midtier.backend.timeout-ms", "1000");
        p.put("midtier.backend.max-call-ms", "3000");
        p.put("midtier.broker.redelivery-delay-ms", "200");
        p.put("midtier.broker.redelivery-multiplier", "1.0");
        p.put("midtier.broker.max-delivery-attempts", "20");
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"latencyMs\":0}");
        app.close();
    }

    @Test
    void a_retry_waits_for_a_timed_out_call_that_may_still_apply_and_the_update_is_applied_once() {
        Http.get(app.url("/api/accounts/" + ACCOUNT));
        long duplicatesBefore = app.simulatorStats().get("duplicates").asLong();

        // the first call waits 1.8 s at the back-end, then applies: midtier gave up on it after 1 s
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"latencyMs\":1800}");
        String updateId = rename(app, ACCOUNT, "LATE " + System.nanoTime());
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> app.simulatorStats().get("inFlight").asInt() > 0);
        // every later call is answered at once: a retry's question would be answered before the first call applies
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"latencyMs\":0}");

        JsonNode applied = awaitStatus(app, updateId, "APPLIED");
        await().atMost(Duration.ofSeconds(10)).until(() -> app.simulatorStats().get("inFlight").asInt() == 0);

        assertThat(applied.get("attempts").asInt()).as("the first attempt timed out").isGreaterThanOrEqualTo(2);
        assertThat(db.count("select count(*) from simulator.applied_update where token = ?", updateId))
                .as("times the back-end applied the update").isEqualTo(1);
        assertThat(app.simulatorStats().get("duplicates").asLong()).isEqualTo(duplicatesBefore);
        // the answer that settled it was asked for only once the first call could no longer be running
        assertThat(db.count("select count(*) from cache_update u join delivery_attempt a"
                        + " on a.update_id = u.update_id and a.attempt = 1"
                        + " where u.update_id = ? and u.applied_at >= a.started_at + interval '3000 milliseconds'",
                UUID.fromString(updateId))).isEqualTo(1);
    }
}
