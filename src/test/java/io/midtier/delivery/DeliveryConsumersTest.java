package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.camel.component.jms.JmsConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jms.listener.DefaultMessageListenerContainer;

// At rest one delivery consumer waits on the updates queue (each waiting consumer costs an XA transaction every
// receive timeout); a backlog starts the others up to midtier.delivery.concurrent-consumers, and they stop again
// once the queue has been empty for midtier.delivery.extra-consumer-idle-waits waits.
class DeliveryConsumersTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "delivery-consumers");
        p.put("midtier.delivery.concurrent-consumers", "4");
        p.put("midtier.delivery.idle-consumers", "1");
        p.put("midtier.delivery.extra-consumer-idle-waits", "1");
        p.put("simulator.max-concurrent", "8");
        // slow enough that a backlog of 40 keeps every consumer busy
        p.put("simulator.latency-ms", "150");
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    static int deliveryConsumers() throws Exception {
        JmsConsumer consumer = (JmsConsumer) app.context().getRoute("backend-delivery").getConsumer();
        return ((DefaultMessageListenerContainer) consumer.getListenerContainer()).getScheduledConsumerCount();
    }

    @Test
    void one_consumer_at_rest_all_of_them_under_a_backlog_and_one_again_after_it() throws Exception {
        assertThat(deliveryConsumers()).isEqualTo(1);

        List<String> accounts = IntStream.rangeClosed(1021, 1060).mapToObj(String::valueOf).toList();
        List<String> updateIds = UpdateLoad.submit(app, accounts, 40, 8);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(DeliveryConsumersTest::deliveryConsumers, n -> n == 4);
        UpdateLoad.awaitApplied(db, updateIds, Duration.ofMinutes(1));

        await().atMost(Duration.ofSeconds(60)).until(DeliveryConsumersTest::deliveryConsumers, n -> n == 1);
    }
}
