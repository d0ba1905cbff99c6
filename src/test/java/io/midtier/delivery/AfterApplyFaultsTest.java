package io.midtier.delivery;

import static io.midtier.testsupport.Updates.appliedCopies;
import static io.midtier.testsupport.Updates.awaitStatus;
import static io.midtier.testsupport.Updates.rename;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The back-end applies an update and then the answer is lost (an abend after the apply, or an answer later than
// midtier's call timeout): delivery rolls back, the redelivery finds the update's token on the account, records it
// APPLIED and does not send it again. The case the token check exists for, produced by the real back-end program.
class AfterApplyFaultsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    /** midtier's back-end call timeout here; the slow answer comes well after it. */
    private static final long CALL_TIMEOUT_MS = 1000;
    private static final long SLOW_AFTER_APPLY_MS = 4000;
    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "after-apply");
        p.put("midtier.backend.timeout-ms", Long.toString(CALL_TIMEOUT_MS));
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void clearFaults() {
        app.simulatorFaults("{\"abendAfterApplyNextUpdates\":0,\"slowAfterApplyNextUpdates\":0}");
    }

    @Test
    void an_update_applied_then_abended_is_retried_recognised_by_its_token_and_applied_once() {
        JsonNode before = app.simulatorStats();
        app.simulatorFaults("{\"abendAfterApplyNextUpdates\":1}");
        String name = "ABEND AFTER APPLY " + System.nanoTime() % 1_000_000_000L;

        String updateId = rename(app, "1041", name);

        JsonNode applied = awaitStatus(app, updateId, "APPLIED");
        assertThat(applied.get("attempts").asInt()).as("the abended attempt, then the one that found the token").isEqualTo(2);
        assertThat(firstAttemptError(updateId)).contains("ABEND");
        assertThat(appliedCopies(db, updateId)).isEqualTo(1);
        JsonNode after = app.simulatorStats();
        assertThat(after.get("abends").asLong()).isEqualTo(before.get("abends").asLong() + 1);
        assertThat(after.get("updates").asLong()).as("sent to the back-end once").isEqualTo(before.get("updates").asLong() + 1);
        assertThat(after.get("duplicates").asLong()).isEqualTo(before.get("duplicates").asLong());
        assertThat(Updates.backendAccount(app, "1041").get("name").asText().strip()).isEqualTo(name);
        assertThat(app.simulatorFaults("{}").get("abendAfterApplyNextUpdates").asInt()).isZero();
    }

    @Test
    void an_update_applied_then_answered_after_the_call_timeout_is_recognised_by_its_token_and_applied_once() {
        JsonNode before = app.simulatorStats();
        app.simulatorFaults("{\"slowAfterApplyNextUpdates\":1,\"slowAfterApplyMs\":" + SLOW_AFTER_APPLY_MS + "}");
        String name = "SLOW AFTER APPLY " + System.nanoTime() % 1_000_000_000L;

        String updateId = rename(app, "1042", name);

        JsonNode applied = awaitStatus(app, updateId, "APPLIED");
        assertThat(applied.get("attempts").asInt()).as("the timed-out attempt, then the one that found the token").isEqualTo(2);
        assertThat(firstAttemptError(updateId)).isNotBlank();
        assertThat(appliedCopies(db, updateId)).isEqualTo(1);
        JsonNode after = app.simulatorStats();
        assertThat(after.get("updates").asLong()).as("sent to the back-end once").isEqualTo(before.get("updates").asLong() + 1);
        assertThat(after.get("duplicates").asLong()).isEqualTo(before.get("duplicates").asLong());
        assertThat(Updates.backendAccount(app, "1042").get("name").asText().strip()).isEqualTo(name);
    }

    private static String firstAttemptError(String updateId) {
        List<Map<String, Object>> attempts = db.query(
                "select error from delivery_attempt where update_id = ? order by attempt", UUID.fromString(updateId));
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(1).get("error")).isNull();
        return String.valueOf(attempts.get(0).get("error"));
    }
}
