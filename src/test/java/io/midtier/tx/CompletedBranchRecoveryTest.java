package io.midtier.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.TransactionLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// A crash after both resource managers committed but before Narayana removed its log record (as when the broker
// dies after its commit and before answering): on restart recovery finds the record, neither PostgreSQL nor the
// broker knows its branches any more, and the record is closed instead of being retried (ARJUNA016037/016038)
// on every recovery pass for ever. The write itself stands, applied once.
class CompletedBranchRecoveryTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void a_log_record_whose_branches_were_all_completed_is_closed_by_recovery() {
        Map<String, String> settings = MidtierTestApp.defaults(db, "completed-branch");
        String account = "1008";
        String updateId = UUID.randomUUID().toString();
        String name = "COMPLETED " + (System.nanoTime() % 1_000_000_000L);
        Path dataDir = Path.of(settings.get("midtier.data-dir"));

        Map<String, String> crashing = new HashMap<>(settings);
        crashing.put(HaltOnCommit.HALT_PROPERTY, "true");
        try (MidtierProcess crash = MidtierProcess.onTestClassPath("completed-branch",
                CrashDuringCommit.class.getName(), crashing, account, updateId, name, CrashDuringCommit.AFTER_COMMIT)) {
            var child = crash.launch();
            child.awaitOutput("HALTING in the commit phase", Duration.ofMinutes(2));
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isEqualTo(42);
        }
        // both resource managers committed; Narayana's record of the transaction is still there
        assertThat(db.count("select count(*) from cache_update where update_id = cast(? as uuid)", updateId))
                .isEqualTo(1);
        assertThat(TransactionLog.records(dataDir).size()).as("log records left by the crash").isEqualTo(1);

        try (MidtierTestApp app = MidtierTestApp.start(settings)) {
            await("recovery closes the record (recovery every "
                    + settings.get("midtier.tx.recovery-period-seconds") + " s)")
                    .atMost(Duration.ofSeconds(60)).until(() -> TransactionLog.records(dataDir).size() == 0);
            await("the update delivered once").atMost(Duration.ofSeconds(60)).until(() ->
                    MidtierTestApp.json(Http.get(app.url("/api/updates/" + updateId)).body())
                            .path("status").asText(), "APPLIED"::equals);
        }
    }
}
