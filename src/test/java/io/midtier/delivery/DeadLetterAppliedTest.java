package io.midtier.delivery;

import static io.midtier.testsupport.Updates.appliedCopies;
import static io.midtier.testsupport.Updates.awaitStatus;
import static io.midtier.testsupport.Updates.rename;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// dead-letter: an update whose only attempt timed out after the back-end had applied it is APPLIED, not FAILED,
// even when the back-end cannot be asked at first (the reliability harness's outage scenario found it FAILED).
class DeadLetterAppliedTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "dead-letter-applied");
        p.put("midtier.backend.timeout-ms", "300");
        p.put("midtier.broker.redelivery-delay-ms", "100");
        p.put("midtier.broker.max-redelivery-delay-ms", "400");
        p.put("midtier.broker.max-delivery-attempts", "1");
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        app.simulatorFaults("{\"latencyMs\":0,\"down\":false}");
        app.close();
    }

    @Test
    void an_update_the_backend_applied_after_its_attempt_timed_out_is_applied_not_dead_lettered() {
        // cached first, so the PUT below needs no back-end call; the first call of a cold back-end may outlast the
        // 300 ms timeout on a loaded machine: asked again until it answers
        await().atMost(Duration.ofSeconds(30)).until(() -> Http.get(app.url("/api/accounts/1043")).statusCode() == 200);
        // every call outlasts midtier's timeout, yet the back-end carries it out
        app.simulatorFaults("{\"latencyMs\":1000}");
        String updateId = rename(app, "1043", "LATE APPLY " + System.nanoTime());

        // the one attempt timed out; the back-end applied it; the dead-letter route cannot ask it yet (too slow)
        await().atMost(Duration.ofSeconds(30)).until(() -> appliedCopies(db, updateId) == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "select count(*) from delivery_attempt where update_id = ? and error is not null", UUID.fromString(updateId)) > 0);
        assertThat(Updates.status(app, updateId).get("status").asText()).isEqualTo("PENDING");

        app.simulatorFaults("{\"latencyMs\":0}");

        awaitStatus(app, updateId, "APPLIED");
        assertThat(appliedCopies(db, updateId)).isEqualTo(1);
        assertThat(db.count("select count(*) from dead_letter where update_id = ?", UUID.fromString(updateId)))
                .as("no dead letter for support").isZero();
    }
}
