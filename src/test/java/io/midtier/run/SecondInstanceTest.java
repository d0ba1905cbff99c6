package io.midtier.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

// a second midtier on a database a running one uses (a child JVM with an embedded broker that accepts TCP): with a
// broker of its own, or with the first one's node id, it is refused in one line naming the setting; once the first is
// killed (kill -9: no shutdown ran) the same start succeeds. The refused starts run in this JVM: they stop before
// Narayana, so the last, successful one may still start here.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecondInstanceTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static Map<String, String> firstSettings;
    static MidtierProcess first;

    @BeforeAll
    static void startFirst() {
        firstSettings = MidtierTestApp.defaults(db, "first-instance");
        firstSettings.put("midtier.broker.tcp-port", String.valueOf(FreePorts.next()));
        first = MidtierProcess.testApp("first-instance", firstSettings).start(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stopFirst() {
        if (first != null) {
            first.close();
        }
    }

    @Test
    @Order(1)
    void a_second_instance_with_an_embedded_broker_is_refused_naming_midtier_broker_url() {
        Map<String, String> second = MidtierTestApp.defaults(db, "second-embedded");

        assertThatThrownBy(() -> MidtierTestApp.start(second).close())
                .satisfies(e -> assertThat(refusal(e).getMessage())
                        .startsWith("another midtier instance is running on " + db.url())
                        .contains("set midtier.broker.url to a shared broker on every instance")
                        .contains("'midtier " + firstSettings.get("midtier.tx.node-id") + "'")
                        .doesNotContain("\n"));
    }

    @Test
    @Order(2)
    void a_second_instance_with_the_first_ones_node_id_is_refused_naming_midtier_tx_node_id() {
        Map<String, String> second = MidtierTestApp.defaults(db, "second-same-node");
        second.put("midtier.tx.node-id", firstSettings.get("midtier.tx.node-id"));
        second.put("midtier.broker.url", "tcp://127.0.0.1:" + firstSettings.get("midtier.broker.tcp-port"));

        assertThatThrownBy(() -> MidtierTestApp.start(second).close())
                .satisfies(e -> assertThat(refusal(e).getMessage())
                        .startsWith("midtier.tx.node-id '" + firstSettings.get("midtier.tx.node-id")
                                + "' is in use by another running midtier instance")
                        .doesNotContain("midtier.broker.url"));
    }

    @Test
    @Order(3)
    void after_a_kill_9_of_the_first_the_refused_start_succeeds() {
        first.kill();

        try (MidtierTestApp second = MidtierTestApp.start(MidtierTestApp.defaults(db, "second-after-kill"))) {
            assertThat(Http.get(second.managementUrl("/observe/health/ready")).statusCode()).isEqualTo(200);
            assertThat(Http.get(second.url("/api/accounts/1001")).statusCode()).isEqualTo(200);
        }
    }

    private static StartRefused refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartRefused refused) {
                return refused;
            }
        }
        throw new AssertionError("no StartRefused behind " + e, e);
    }
}
