package io.midtier.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.apache.camel.component.jms.ConsumerType;
import org.apache.camel.component.jms.JmsConfiguration;
import org.junit.jupiter.api.Test;

// The XA connection factory takes midtier's client tuning where the broker URL is silent, and the URL's own
// parameters where it names them (a broker pair's failover URL).
class JmsSetupTest {

    @Test
    void a_failover_url_keeps_its_own_reconnect_attempts_and_retry_interval() {
        try (ActiveMQXAConnectionFactory factory = JmsSetup.xaConnectionFactory(settings(
                "(tcp://127.0.0.1:61616,tcp://127.0.0.1:61617)?ha=true&reconnectAttempts=-1&retryInterval=200"))) {
            assertThat(factory.getServerLocator().getReconnectAttempts()).isEqualTo(-1);
            assertThat(factory.getServerLocator().getRetryInterval()).isEqualTo(200);
            assertThat(factory.getServerLocator().isHA()).isTrue();
            // what the URL does not name is midtier's setting
            assertThat(factory.getServerLocator().getCallFailoverTimeout()).isEqualTo(5_000);
            assertThat(factory.getServerLocator().getConsumerWindowSize()).isZero();
        }
    }

    @Test
    void a_plain_url_gets_midtiers_reconnect_attempts() {
        try (ActiveMQXAConnectionFactory factory = JmsSetup.xaConnectionFactory(settings("tcp://127.0.0.1:61616"))) {
            assertThat(factory.getServerLocator().getReconnectAttempts()).isEqualTo(2);
            assertThat(factory.getServerLocator().getRetryInterval()).isEqualTo(500);
        }
    }

    @Test
    void the_url_cannot_turn_prefetch_back_on() {
        try (ActiveMQXAConnectionFactory factory = JmsSetup.xaConnectionFactory(
                settings("tcp://127.0.0.1:61616?consumerWindowSize=1048576"))) {
            assertThat(factory.getServerLocator().getConsumerWindowSize()).isZero();
        }
    }

    // the delivery's consumer: client acknowledgement after the exchange, no JMS transaction whose commit waits for
    // the broker's journal sync, the consumer kept (docs/reliability.md, "Delivery by claim")
    @Test
    void the_delivery_consumer_acknowledges_after_the_exchange_without_waiting_for_the_broker() {
        try (ActiveMQXAConnectionFactory factory = JmsSetup.xaConnectionFactory(settings("tcp://127.0.0.1:61616"))) {
            JmsConfiguration local = JmsSetup.localJmsComponent(factory).getConfiguration();
            assertThat(local.isTransacted()).isFalse();
            assertThat(local.getAcknowledgementModeName()).isEqualTo("CLIENT_ACKNOWLEDGE");
            assertThat(local.getCacheLevelName()).isEqualTo("CACHE_CONSUMER");
            assertThat(factory.isBlockOnAcknowledge()).isFalse();
        }
    }

    // an idle XA consumer's receive runs inside a JTA transaction: it waits half the transaction timeout, and its
    // container ends it when the route stops (IdleXaReceiveTest)
    @Test
    void the_xa_consumers_wait_half_the_transaction_timeout_in_a_container_that_wakes_them_on_stop() {
        try (ActiveMQXAConnectionFactory factory = JmsSetup.xaConnectionFactory(settings("tcp://127.0.0.1:61616"))) {
            JmsConfiguration xa = JmsSetup.xaJmsComponent(factory, null, 60).getConfiguration();
            assertThat(xa.getReceiveTimeout()).isEqualTo(30_000);
            assertThat(xa.getConsumerType()).isEqualTo(ConsumerType.Custom);
            assertThat(xa.getCacheLevelName()).isEqualTo("CACHE_NONE");
            JmsConfiguration local = JmsSetup.localJmsComponent(factory).getConfiguration();
            assertThat(local.getReceiveTimeout()).isEqualTo(JmsSetup.IDLE_RECEIVE_TIMEOUT_MS);
        }
        assertThat(JmsSetup.xaIdleReceiveMillis(1)).isEqualTo(500);
        assertThatThrownBy(() -> JmsSetup.xaIdleReceiveMillis(0)).hasMessageContaining("midtier.tx.timeout-seconds");
    }

    private static BrokerSettings settings(String url) {
        return new BrokerSettings(url, "midtier", "secret", Path.of("unused"), "127.0.0.1", 61616,
                "midtier.updates", "DLQ.midtier.updates", 1000, 2.0, 60_000, 6, 500_000, 4, 500, 5_000, 2,
                104_857_600, 0, 10_485_760, List.of("midtier.orders"));
    }
}
