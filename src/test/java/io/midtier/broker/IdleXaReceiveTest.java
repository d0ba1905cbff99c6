package io.midtier.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.camel.ServiceStatus;
import org.apache.camel.spi.RouteController;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

// An idle XA consumer waits half the transaction timeout in one receive (here 300 s, far beyond Camel's 20 s
// shutdown timeout): stopping or suspending its route must end that receive at once, not wait it out. The broker's
// consumer count shows the receive: the consumer of a receive in progress is registered, and gone once it ended.
class IdleXaReceiveTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String ORDERS = "midtier.orders";
    private static final String ORDER_REPLIES = "midtier.order-replies";
    private static final String ORDER_DELIVERY = "order-delivery";

    static MidtierTestApp app;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "idle-xa-receive");
        p.put("midtier.tx.timeout-seconds", "600");
        app = MidtierTestApp.start(p);
        broker = app.bean("embeddedBroker", EmbeddedBroker.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void stopping_a_route_ends_its_receive_and_a_restart_receives_again() throws Exception {
        awaitReceiving(ORDERS);

        routes().stopRoute(ORDER_DELIVERY);

        assertStoppedGracefullyAndReceivesAfterARestart();
    }

    // the stop comes while the consumer is still being created, before its receive: there is nothing to wake yet,
    // so the receive must see the stop and not begin (a stop right after the start, as DeadLetterPagingTest's)
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_route_stopped_as_it_starts_stops_gracefully() throws Exception {
        awaitReceiving(ORDERS);
        routes().stopRoute(ORDER_DELIVERY);

        routes().startRoute(ORDER_DELIVERY);
        routes().stopRoute(ORDER_DELIVERY);

        assertStoppedGracefullyAndReceivesAfterARestart();
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void suspending_a_route_ends_its_receive_and_resuming_receives_again() throws Exception {
        awaitReceiving(ORDER_REPLIES);

        routes().suspendRoute("order-answers");

        // a suspended container does not wait for its receive to end: the consumer goes away soon after
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.consumerCount(ORDER_REPLIES) == 0);
        routes().resumeRoute("order-answers");
        awaitReceiving(ORDER_REPLIES);
    }

    /**
     * The stopped route is stopped, not forced (a container that waited out its receive would be forced after Camel's
     * 20 s shutdown timeout) and its consumer gone; started again, it receives again.
     */
    private static void assertStoppedGracefullyAndReceivesAfterARestart() throws Exception {
        assertThat(routes().getRouteStatus(ORDER_DELIVERY)).isEqualTo(ServiceStatus.Stopped);
        assertThat(app.context().getShutdownStrategy().isTimeoutOccurred())
                .as("the route stopped gracefully: its receive ended by the stop, or never began").isFalse();
        assertThat(broker.consumerCount(ORDERS)).isZero();
        routes().startRoute(ORDER_DELIVERY);
        awaitReceiving(ORDERS);
    }

    private static RouteController routes() {
        return app.context().getRouteController();
    }

    private static void awaitReceiving(String queue) {
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.consumerCount(queue) == 1);
    }
}
