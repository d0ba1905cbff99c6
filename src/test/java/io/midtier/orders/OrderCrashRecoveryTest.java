package io.midtier.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.tx.HaltOnCommit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// README, Call-back orders: "the order row and its message to the back-end commit in one XA transaction". A JVM
// halted (kill -9 alike) after both are prepared and before either commits leaves both in doubt and neither visible;
// the restarted midtier's recovery commits both: the order row is there once, and its message reaches the back-end,
// whose answers move the order to SHIPPED.
class OrderCrashRecoveryTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String PREPARED_HERE =
            "select count(*) from pg_prepared_xacts where database = current_database()";

    @Test
    void an_order_halted_between_prepare_and_commit_is_completed_on_restart_row_and_message_both() {
        Map<String, String> settings = MidtierTestApp.defaults(db, "order-crash");
        String orderId = UUID.randomUUID().toString();
        long preparedBefore = db.count(PREPARED_HERE);

        Map<String, String> crashing = new HashMap<>(settings);
        crashing.put(HaltOnCommit.HALT_PROPERTY, "true");
        try (MidtierProcess crash = MidtierProcess.onTestClassPath("order-crash", CrashDuringOrderSubmit.class.getName(),
                crashing, orderId, "CRATE", "3")) {
            var child = crash.launch();
            child.awaitOutput("HALTING in the commit phase", Duration.ofMinutes(2));
            assertThat(child.awaitExit(Duration.ofSeconds(30))).isEqualTo(42);
        }

        // in doubt: the PostgreSQL branch is prepared, the order not visible
        assertThat(db.count(PREPARED_HERE)).isEqualTo(preparedBefore + 1);
        assertThat(db.count("select count(*) from customer_order where order_id = cast(? as uuid)", orderId)).isZero();

        try (MidtierTestApp app = MidtierTestApp.start(settings)) {
            await("recovery of the prepared PostgreSQL branch").atMost(Duration.ofSeconds(90))
                    .until(() -> db.count(PREPARED_HERE) == preparedBefore);
            assertThat(db.count("select count(*) from customer_order where order_id = cast(? as uuid)", orderId))
                    .isEqualTo(1);
            // the Artemis branch was committed too: the message reached the back-end, which answered
            await("the recovered order's message delivered and answered").atMost(Duration.ofSeconds(90))
                    .until(() -> MidtierTestApp.json(Http.get(app.url("/api/orders/" + orderId)).body())
                            .path("status").asText(), "SHIPPED"::equals);
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                    "select count(*) from change_log where type = 'orders' and id = ?", orderId) == 2);
        }
    }
}
