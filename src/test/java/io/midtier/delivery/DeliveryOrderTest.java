package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Per-key order with parallel consumers: 1,000 updates over 20 accounts, 8 concurrent consumers, a back-end with
// random latency; every account sees its updates in acceptance order, each exactly once.
class DeliveryOrderTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "delivery-order");
        p.put("midtier.delivery.concurrent-consumers", "8");
        p.put("simulator.max-concurrent", "8");
        p.put("simulator.latency-ms", "2");
        p.put("simulator.jitter-ms", "30");
        app = MidtierTestApp.start(p);
    }

    static io.midtier.broker.EmbeddedBroker broker() {
        return app.bean("embeddedBroker", io.midtier.broker.EmbeddedBroker.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void every_account_sees_its_updates_in_acceptance_order_and_each_once() throws Exception {
        List<String> accounts = IntStream.rangeClosed(1051, 1070).mapToObj(String::valueOf).toList();
        long duplicatesBefore = app.simulatorStats().get("duplicates").asLong();

        List<String> updateIds = UpdateLoad.submit(app, accounts, 1000, 16);
        UpdateLoad.awaitApplied(db, updateIds, Duration.ofMinutes(5));

        UpdateLoad.assertAppliedOnceInAcceptanceOrder(db, accounts, updateIds);
        assertThat(app.simulatorStats().get("duplicates").asLong()).isEqualTo(duplicatesBefore);
        long[] latency = UpdateLoad.latencyPercentiles(db, updateIds);
        System.out.printf("accepted-to-applied latency, 1000 updates, random back-end latency 2-32 ms:"
                + " p50 %d ms, p99 %d ms, max %d ms; messages sent to the queue %d (parked behind an older update and sent again: %d)%n",
                latency[0], latency[1], latency[2], broker().messagesAdded("midtier.updates"),
                broker().messagesAdded("midtier.updates") - 1000);
    }
}
