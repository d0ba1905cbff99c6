package io.midtier.delivery;

import static io.midtier.testsupport.Updates.rename;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Per-key order without going round the queue: while an entry's oldest update waits for the broker's redelivery
// (the back-end is down), the newer updates of the entry are parked with their messages, not sent back to the queue;
// the delivery that applies the older update sends the next one again, so all arrive once, in acceptance order.
class ParkedDeliveryTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static final String ACCOUNT = "1091";
    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "parked-delivery");
        p.put("midtier.broker.redelivery-delay-ms", "1500");
        p.put("midtier.broker.redelivery-multiplier", "1.0");
        p.put("midtier.broker.max-delivery-attempts", "100");
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
        app.close();
    }

    @Test
    void newer_updates_wait_parked_behind_an_older_one_and_are_sent_again_once_it_is_applied() {
        EmbeddedBroker broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        Http.get(app.url("/api/accounts/" + ACCOUNT));
        long sentBefore = broker.messagesAdded("midtier.updates");
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":true}");

        String first = rename(app, ACCOUNT, "PARKED A");
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(first) >= 1);
        String second = rename(app, ACCOUNT, "PARKED B");
        String third = rename(app, ACCOUNT, "PARKED C");

        await().atMost(Duration.ofSeconds(20)).until(() -> parked(second) && parked(third));
        assertThat(attempts(second)).as("a parked update is never sent").isZero();
        assertThat(attempts(third)).isZero();
        // three accepted updates, three messages: none went back to the queue to wait
        assertThat(broker.messagesAdded("midtier.updates") - sentBefore).isEqualTo(3);

        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
        List<String> updates = List.of(first, second, third);
        UpdateLoad.awaitApplied(db, updates, Duration.ofSeconds(30));
        UpdateLoad.assertAppliedOnceInAcceptanceOrder(db, List.of(ACCOUNT), updates);
        // each parked message was sent again exactly once, and none is left parked
        assertThat(broker.messagesAdded("midtier.updates") - sentBefore).isEqualTo(5);
        assertThat(db.count("select count(*) from cache_update where parked_message is not null")).isZero();
        assertThat(attempts(second)).isEqualTo(1);
        assertThat(attempts(third)).isEqualTo(1);
    }

    private static long attempts(String updateId) {
        return db.count("select attempts from cache_update where update_id = ?", UUID.fromString(updateId));
    }

    private static boolean parked(String updateId) {
        return db.count("select count(*) from cache_update where update_id = ? and parked_message is not null",
                UUID.fromString(updateId)) == 1;
    }
}
