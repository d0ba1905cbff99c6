package io.midtier.delivery;

import static io.midtier.testsupport.Updates.appliedCopies;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// A JVM halted after the back-end applied an update and before the delivery committed: after the restart the
// redelivered update is recognised as applied (the account's last-update token), not sent again.
class DeliveryCrashTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void an_update_applied_just_before_a_crash_is_recognised_after_restart_and_not_applied_twice() {
        Map<String, String> settings = MidtierTestApp.defaults(db, "delivery-crash");
        String account = "1008";
        String name = "CRASHED " + (System.nanoTime() % 1_000_000_000L);

        String updateId;
        try (MidtierProcess crash = MidtierProcess.onTestClassPath("delivery-crash",
                HaltAfterBackendCall.class.getName(), settings, account, name)) {
            var child = crash.launch();
            child.awaitOutput("HALTING after the back-end call", Duration.ofMinutes(2));
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isEqualTo(HaltAfterBackendCall.HALT_STATUS);
            Matcher halted = Pattern.compile("HALTING after the back-end call for update (\\S+)").matcher(child.output());
            assertThat(halted.find()).isTrue();
            updateId = halted.group(1);
        }
        // the back-end has it, midtier does not know yet
        assertThat(appliedCopies(db, updateId)).isEqualTo(1);
        assertThat(db.query("select status from cache_update where update_id = cast(? as uuid)", updateId)
                .get(0).get("status")).isEqualTo("PENDING");

        try (MidtierTestApp app = MidtierTestApp.start(settings)) {
            JsonNode applied = Updates.awaitStatus(app, updateId, "APPLIED");

            assertThat(applied.get("attempts").asInt()).isEqualTo(2);
            assertThat(appliedCopies(db, updateId)).isEqualTo(1);
            assertThat(db.count("select count(*) from simulator.applied_update where token = ? and duplicate",
                    updateId)).isZero();
            assertThat(app.simulatorStats().get("duplicates").asLong()).isZero();
            assertThat(app.simulatorStats().get("updates").asLong()).isZero();
            assertThat(Updates.backendAccount(app, account).get("name").asText().strip()).isEqualTo(name);
        }
    }
}
