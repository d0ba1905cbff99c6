package io.midtier.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.SseClient;
import io.midtier.testsupport.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.jms.Topic;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The change feed: the topic gets every change once, in sequence order, also for a durable subscriber that was
// away; an SSE client that reconnects with Last-Event-ID gets exactly what it missed, then live changes.
class ChangeFeedTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static ProducerTemplate template;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "change-feed");
        app = MidtierTestApp.start(p);
        template = app.context().createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void an_sse_client_that_reconnects_with_last_event_id_gets_exactly_the_missed_changes_then_live_ones() {
        String key = "sse-" + UUID.randomUUID();
        long base = ChangeLogTest.latest(app);
        List<Long> received = new ArrayList<>();
        try (SseClient first = SseClient.open(app.url("/api/changes/stream"), Map.of("Last-Event-ID", String.valueOf(base)))) {
            record(key, 20);
            for (int i = 0; i < 20; i++) {
                received.add(idOf(first.next(Duration.ofSeconds(30))));
            }
        }
        // changes go on while the client is away
        record(key, 30);
        await().atMost(Duration.ofSeconds(30)).until(() -> ChangeLogTest.latest(app) >= base + 50);

        long lastSeen = received.get(received.size() - 1);
        try (SseClient again = SseClient.open(app.url("/api/changes/stream"),
                Map.of("Last-Event-ID", String.valueOf(lastSeen)))) {
            for (int i = 0; i < 30; i++) {
                received.add(idOf(again.next(Duration.ofSeconds(30))));
            }
            record(key, 10);
            for (int i = 0; i < 10; i++) {
                received.add(idOf(again.next(Duration.ofSeconds(30))));
            }
        }
        List<Long> expected = new ArrayList<>();
        for (long seq = base + 1; seq <= base + 60; seq++) {
            expected.add(seq);
        }
        assertThat(received).isEqualTo(expected);
        // the server noticed both disconnects and let go of the streams
        ChangeStream streams = app.bean("changeStream", ChangeStream.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> streams.openStreams() == 0);
    }

    @Test
    void a_stream_event_carries_the_change_and_its_sequence_number_as_id() {
        String key = "sse-" + UUID.randomUUID();
        try (SseClient stream = SseClient.open(app.url("/api/changes/stream"), Map.of())) {
            record(key, 1);
            SseClient.Event event = stream.next(Duration.ofSeconds(30));
            JsonNode data = MidtierTestApp.json(event.data());
            assertThat(event.event()).isEqualTo("change");
            assertThat(data.get("seq").asLong()).isEqualTo(Long.parseLong(event.id()));
            assertThat(data.get("id").asText()).isEqualTo(key);
            assertThat(data.get("op").asText()).isEqualTo("EVICTED");
            assertThat(data.get("version").asLong()).isEqualTo(1);
        }
    }

    @Test
    void a_durable_subscriber_gets_every_change_once_in_sequence_order_also_those_published_while_it_was_away()
            throws Exception {
        String key = "topic-" + UUID.randomUUID();
        ActiveMQConnectionFactory factory = brokerFactory();
        String subscription = "test-" + UUID.randomUUID();
        long base = ChangeLogTest.latest(app);
        List<JsonNode> received = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.setClientID("feed-test");
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Topic topic = session.createTopic("midtier.changes");
            try (MessageConsumer consumer = session.createDurableConsumer(topic, subscription)) {
                record(key, 25);
                receive(consumer, 25, received);
            }
            record(key, 25);   // published while the subscriber is away
            await().atMost(Duration.ofSeconds(30)).until(() -> ChangeLogTest.latest(app) >= base + 50);
            try (MessageConsumer consumer = session.createDurableConsumer(topic, subscription)) {
                receive(consumer, 25, received);
            }
            session.unsubscribe(subscription);
        }
        for (int i = 0; i < received.size(); i++) {
            JsonNode change = received.get(i);
            assertThat(change.get("seq").asLong()).as("message %d of %s", i, received).isEqualTo(base + 1 + i);
            assertThat(change.get("version").asLong()).isEqualTo(1 + i);
            assertThat(change.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(change.get("key").asText()).isEqualTo("test:" + key);
        }
    }

    /**
     * A burst of 1,000 changes from 8 writers reaches a topic subscriber in sequence order. Prints the latency from
     * the change's commit (its recorded time) and from the topic send to the subscriber (figures, not asserted).
     */
    @Test
    void a_burst_of_1000_changes_reaches_a_subscriber_complete_and_in_order() throws Exception {
        ActiveMQConnectionFactory factory = brokerFactory();
        int burst = 1000;
        long base = ChangeLogTest.latest(app);
        List<Long> fromCommit = Collections.synchronizedList(new ArrayList<>());
        List<Long> fromSend = Collections.synchronizedList(new ArrayList<>());
        List<Long> seqs = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic("midtier.changes"));
            long writeStart = System.nanoTime();
            ExecutorService writers = Executors.newFixedThreadPool(8);
            List<Future<?>> writes = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                String key = "burst-" + UUID.randomUUID();
                writes.add(writers.submit(() -> record(key, burst / 8)));
            }
            while (seqs.size() < burst) {
                TextMessage message = (TextMessage) consumer.receive(30_000);
                assertThat(message).as("message %d of the burst", seqs.size() + 1).isNotNull();
                long now = System.currentTimeMillis();
                JsonNode change = MidtierTestApp.json(message.getText());
                seqs.add(change.get("seq").asLong());
                fromCommit.add(now - Instant.parse(change.get("at").asText()).toEpochMilli());
                fromSend.add(now - message.getJMSTimestamp());
            }
            for (Future<?> write : writes) {
                write.get(1, TimeUnit.MINUTES);
            }
            writers.shutdown();
            System.out.printf("the burst's 1000 changes were committed within %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - writeStart));
        }
        for (int i = 0; i < burst; i++) {
            assertThat(seqs.get(i)).as("message %d of %s", i, seqs).isEqualTo(base + 1 + i);
        }
        System.out.printf("change feed latency, burst of %d changes: commit->subscriber p50 %d ms, p99 %d ms;"
                        + " topic send->subscriber p50 %d ms, p99 %d ms%n", burst,
                percentile(fromCommit, 50), percentile(fromCommit, 99), percentile(fromSend, 50), percentile(fromSend, 99));
    }

    /** One change at a time reaches a subscriber; prints the latency of a single change (figures, not asserted). */
    @Test
    void single_changes_reach_a_subscriber_one_by_one() throws Exception {
        String key = "single-" + UUID.randomUUID();
        List<Long> latencies = new ArrayList<>();
        long base = ChangeLogTest.latest(app);
        try (Connection connection = brokerFactory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createTopic("midtier.changes"));
            for (int i = 0; i < 50; i++) {
                record(key, 1);
                TextMessage message = (TextMessage) consumer.receive(30_000);
                long now = System.currentTimeMillis();
                assertThat(message).isNotNull();
                JsonNode change = MidtierTestApp.json(message.getText());
                assertThat(change.get("seq").asLong()).isEqualTo(base + 1 + i);
                latencies.add(now - Instant.parse(change.get("at").asText()).toEpochMilli());
            }
        }
        System.out.printf("change feed latency, single changes: commit->subscriber p50 %d ms, p99 %d ms%n",
                percentile(latencies, 50), percentile(latencies, 99));
    }

    private static void receive(MessageConsumer consumer, int count, List<JsonNode> into) throws Exception {
        for (int i = 0; i < count; i++) {
            TextMessage message = (TextMessage) consumer.receive(30_000);
            assertThat(message).as("message %d", i + 1).isNotNull();
            into.add(MidtierTestApp.json(message.getText()));
        }
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    /** The embedded broker, in-VM, with midtier's broker login. */
    static ActiveMQConnectionFactory brokerFactory() {
        return new ActiveMQConnectionFactory("vm://0", app.context().resolvePropertyPlaceholders("{{midtier.broker.user}}"),
                app.context().resolvePropertyPlaceholders("{{midtier.broker.password}}"));
    }

    private static long idOf(SseClient.Event event) {
        return Long.parseLong(event.id());
    }

    /** Records {@code count} changes of one test entry (eviction changes: each is one version newer). */
    static void record(String key, int count) {
        recordEvictions(template, key, count);
    }

    /** Records {@code count} changes of the entry {@code test/key} through midtier's own change-log route. */
    static void recordEvictions(ProducerTemplate template, String key, int count) {
        for (int i = 0; i < count; i++) {
            template.send("direct:change-evicted", exchange -> {
                exchange.setProperty("type", "test");
                exchange.setProperty("id", key);
            });
        }
    }
}
