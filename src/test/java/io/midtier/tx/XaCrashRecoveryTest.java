package io.midtier.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// A JVM that halts after PostgreSQL and Artemis are prepared and before either commits leaves the
// transaction in doubt; the restarted midtier's recovery manager commits both branches.
class XaCrashRecoveryTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String PREPARED_HERE =
            "select count(*) from pg_prepared_xacts where database = current_database()";

    @Test
    void a_dual_write_halted_between_prepare_and_commit_is_completed_on_restart() {
        Map<String, String> settings = MidtierTestApp.defaults(db, "xa-crash");
        String account = "1007";
        String updateId = UUID.randomUUID().toString();
        String name = "RECOVERED " + (System.nanoTime() % 1_000_000_000L);
        long preparedBefore = db.count(PREPARED_HERE);

        Map<String, String> crashing = new HashMap<>(settings);
        crashing.put(HaltOnCommit.HALT_PROPERTY, "true");
        try (MidtierProcess crash = MidtierProcess.onTestClassPath("xa-crash", CrashDuringCommit.class.getName(),
                crashing, account, updateId, name, CrashDuringCommit.BEFORE_COMMIT)) {
            var child = crash.launch();
            child.awaitOutput("HALTING in the commit phase", Duration.ofMinutes(2));
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isEqualTo(42);
        }

        // In doubt: the PostgreSQL branch is prepared, nothing of the update is visible yet.
        assertThat(db.count(PREPARED_HERE)).isGreaterThan(preparedBefore);
        assertThat(db.count("select count(*) from cache_update where update_id = cast(? as uuid)", updateId))
                .isZero();

        try (MidtierTestApp app = MidtierTestApp.start(settings)) {
            await("recovery of the prepared PostgreSQL branch").atMost(Duration.ofSeconds(90))
                    .until(() -> db.count(PREPARED_HERE) == 0);
            assertThat(db.count("select count(*) from cache_update where update_id = cast(? as uuid)", updateId))
                    .isEqualTo(1);
            JsonNode cached = MidtierTestApp.json(Http.get(app.url("/api/accounts/" + account)).body());
            assertThat(cached.get("name").asText()).isEqualTo(name);

            // The Artemis branch was committed too: its message reaches the back-end, once.
            await("delivery of the recovered message").atMost(Duration.ofSeconds(90)).until(() ->
                    MidtierTestApp.json(Http.get(app.url("/api/updates/" + updateId)).body())
                            .path("status").asText(), "APPLIED"::equals);
            long applied = 0;
            for (JsonNode row : MidtierTestApp.json(
                    Http.get(app.simulatorUrl("/simulator/applied?account=" + account)).body())) {
                if (row.get("token").asText().equals(updateId)) {
                    applied++;
                    assertThat(row.get("name").asText()).isEqualTo(name);
                }
            }
            assertThat(applied).isEqualTo(1);
        }
    }
}
