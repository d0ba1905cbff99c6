package io.midtier.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.MidtierSettings;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.run.SettingsReader;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// A PUT whose dual-write transaction halts the JVM after PostgreSQL and Artemis are prepared and before either commits
// leaves both branches in doubt: PostgreSQL lists one in pg_prepared_xacts, the broker (started alone on the crashed
// process's journal, no transaction manager, so no recovery) lists one through its management API. The restarted
// midtier's recovery manager commits both, and the update reaches the back-end once.
class XaCrashRecoveryTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String PREPARED_HERE =
            "select count(*) from pg_prepared_xacts where database = current_database()";

    @Test
    void a_put_halted_between_prepare_and_commit_leaves_both_branches_in_doubt_and_recovery_completes_them() throws Exception {
        Map<String, String> settings = MidtierTestApp.defaults(db, "xa-crash");
        String account = "1007";
        String name = "RECOVERED " + (System.nanoTime() % 1_000_000_000L);
        long preparedBefore = db.count(PREPARED_HERE);

        Map<String, String> crashing = new HashMap<>(settings);
        crashing.put(HaltOnCommit.HALT_PROPERTY, "true");
        try (MidtierProcess crash = MidtierProcess.onTestClassPath("xa-crash", CrashDuringCommit.class.getName(),
                crashing, account, "-", name, CrashDuringCommit.BEFORE_COMMIT)) {
            var child = crash.launch();
            child.awaitOutput("HALTING in the commit phase", Duration.ofMinutes(2));
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isEqualTo(42);
            assertThat(child.output()).contains("PUT of account " + account).doesNotContain("ANSWERED");
        }

        // In doubt, both branches: PostgreSQL's prepared, the broker's prepared, nothing of the update visible yet.
        assertThat(db.count(PREPARED_HERE)).isEqualTo(preparedBefore + 1);
        assertThat(brokerPreparedTransactions(settings)).as("Artemis' prepared transactions").hasSize(1);
        assertThat(db.count("select count(*) from cache_update where payload->>'name' = ?", name)).isZero();

        try (MidtierTestApp app = MidtierTestApp.start(settings)) {
            await("recovery of the prepared PostgreSQL branch").atMost(Duration.ofSeconds(90))
                    .until(() -> db.count(PREPARED_HERE) == preparedBefore);
            await("recovery of the prepared Artemis branch").atMost(Duration.ofSeconds(90))
                    .until(() -> app.bean("embeddedBroker", EmbeddedBroker.class).preparedTransactions().isEmpty());
            List<Map<String, Object>> rows = db.query(
                    "select update_id::text as id from cache_update where payload->>'name' = ?", name);
            assertThat(rows).hasSize(1);
            String updateId = (String) rows.get(0).get("id");
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

    /**
     * The embedded broker of these settings started alone on its journal (what the halted process left), asked for its
     * prepared transactions, and stopped: no transaction manager runs, so nothing recovers them meanwhile.
     */
    private static List<String> brokerPreparedTransactions(Map<String, String> settings) throws Exception {
        Map<String, String> all = new HashMap<>();
        Properties defaults = new Properties();
        try (InputStream in = XaCrashRecoveryTest.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IOException("application.properties is not on the class path");
            }
            defaults.load(in);
        }
        defaults.forEach((key, value) -> all.put(key.toString(), value.toString().trim()));
        all.putAll(settings);
        try (EmbeddedBroker broker = EmbeddedBroker.start(MidtierSettings.read(SettingsReader.of(all)).broker())) {
            return broker.preparedTransactions();
        }
    }
}
