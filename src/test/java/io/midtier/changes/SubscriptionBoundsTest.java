package io.midtier.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// README, Changes: "Durable subscriptions are rings of midtier.changes.subscription-max-messages messages that expire
// after subscription-expiry-ms." A subscriber that is away keeps only the newest changes, and none of them for long.
class SubscriptionBoundsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final int RING = 5;
    private static final long EXPIRY_MS = 3_000;

    static MidtierTestApp app;
    static ProducerTemplate template;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "subscription-bounds");
        p.put("midtier.changes.subscription-max-messages", String.valueOf(RING));
        p.put("midtier.changes.subscription-expiry-ms", String.valueOf(EXPIRY_MS));
        app = MidtierTestApp.start(p);
        template = app.context().createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_durable_subscription_keeps_only_the_newest_changes_and_they_expire() throws Exception {
        EmbeddedBroker broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        String key = "ring-" + UUID.randomUUID();
        String subscription = "bounds-" + UUID.randomUUID();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0",
                app.context().resolvePropertyPlaceholders("{{midtier.broker.user}}"),
                app.context().resolvePropertyPlaceholders("{{midtier.broker.password}}"));
             Connection connection = factory.createConnection()) {
            connection.setClientID("bounds-test");
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("midtier.changes");
            session.createDurableConsumer(topic, subscription).close();
            String queue = "bounds-test." + subscription;

            // the subscriber is away while twice the ring's worth of changes is published
            long base = ChangeLogTest.latest(app);
            record(key, 2 * RING);
            await().atMost(Duration.ofSeconds(30)).until(() -> ChangeLogTest.latest(app) >= base + 2 * RING);
            await("the ring full").atMost(Duration.ofSeconds(30)).until(() -> broker.messageCount(queue) == RING);
            List<Long> kept = new ArrayList<>();
            try (MessageConsumer consumer = session.createDurableConsumer(topic, subscription)) {
                for (TextMessage m; (m = (TextMessage) consumer.receive(2_000)) != null; ) {
                    JsonNode change = MidtierTestApp.json(m.getText());
                    kept.add(change.get("seq").asLong());
                }
            }
            assertThat(kept).as("the newest %d changes, the oldest dropped", RING)
                    .containsExactly(base + RING + 1, base + RING + 2, base + RING + 3, base + RING + 4, base + 2 * RING);

            // away again: what it missed expires after subscription-expiry-ms
            long published = System.nanoTime();
            record(key, 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> broker.messageCount(queue) == 3);
            await("the missed changes expired").atMost(Duration.ofMillis(EXPIRY_MS + 30_000))
                    .pollInterval(Duration.ofMillis(100)).until(() -> broker.messageCount(queue) == 0);
            assertThat((System.nanoTime() - published) / 1_000_000).as("not before the expiry")
                    .isGreaterThanOrEqualTo(EXPIRY_MS);
            try (MessageConsumer consumer = session.createDurableConsumer(topic, subscription)) {
                assertThat(consumer.receive(1_000)).isNull();
            }
            session.unsubscribe(subscription);
        }
    }

    private static void record(String key, int count) {
        for (int i = 0; i < count; i++) {
            template.send("direct:change-evicted", exchange -> {
                exchange.setProperty("type", "test");
                exchange.setProperty("id", key);
            });
        }
    }
}
