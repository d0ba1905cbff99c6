package io.midtier.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.broker.EmbeddedBroker;
import io.midtier.subscriber.ChangeSubscriber;
import io.midtier.subscriber.LocalCopy;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The sample subscriber against the real broker and HTTP API, with small bounds: it ignores stale changes, fills
// the gap a size-bounded subscription leaves from the change log, and reloads when it was away longer than the
// change log's retention (410).
class SampleSubscriberTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static ProducerTemplate template;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "sample-subscriber");
        p.put("midtier.changes.subscription-max-messages", "10");
        p.put("midtier.changes.retention-check-ms", "200");
        p.put("midtier.changes.retention-max-count", "40");
        app = MidtierTestApp.start(p);
        template = app.context().createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_stale_change_delivered_late_is_ignored() throws Exception {
        String key = "stale-" + UUID.randomUUID();
        LocalCopy copy = new LocalCopy();
        try (ChangeSubscriber subscriber = subscriber("stale", copy)) {
            subscriber.start();
            record(key, 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> version(copy, key) == 5);

            // an older version of the entry arrives late (e.g. from another instance, unnumbered)
            sendOnTopic("{\"type\":\"test\",\"id\":\"" + key + "\",\"version\":3,\"op\":\"APPLIED\"}");
            await().atMost(Duration.ofSeconds(30)).until(() -> copy.staleIgnored() == 1);
            assertThat(version(copy, key)).isEqualTo(5);

            record(key, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> version(copy, key) == 6);
        }
    }

    @Test
    void a_subscriber_whose_bounded_subscription_dropped_changes_fills_the_gap_from_the_change_log() throws Exception {
        String key = "gap-" + UUID.randomUUID();
        String clientId = "gap-" + UUID.randomUUID();
        LocalCopy copy = new LocalCopy();
        try (ChangeSubscriber subscriber = subscriber(clientId, copy)) {
            subscriber.start();
            record(key, 3);
            await().atMost(Duration.ofSeconds(30)).until(() -> version(copy, key) == 3);
        }
        // away: 25 changes, of which the subscription keeps only the newest 10
        long latest = record(key, 25);
        await().atMost(Duration.ofSeconds(30)).until(() -> ChangeLogTest.latest(app) >= latest);
        // the broker kept only the newest 10 for the absent subscriber: the rest must come from the change log
        assertThat(app.bean("embeddedBroker", EmbeddedBroker.class).messageCount(clientId + "." + clientId)).isEqualTo(10);
        try (ChangeSubscriber subscriber = subscriber(clientId, copy)) {
            subscriber.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> version(copy, key) == 28);
            record(key, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> version(copy, key) == 29);
        }
        assertThat(copy.reloads()).isZero();
        assertThat(copy.lastSeq()).isGreaterThanOrEqualTo(latest + 1);
    }

    @Test
    void a_subscriber_away_longer_than_the_retention_window_gets_410_and_recovers_by_reloading() throws Exception {
        String key = "away-" + UUID.randomUUID();
        String clientId = "away-" + UUID.randomUUID();
        LocalCopy copy = new LocalCopy();
        Http.get(app.url("/api/accounts/1061"));
        long seen;
        try (ChangeSubscriber subscriber = subscriber(clientId, copy)) {
            subscriber.start();
            record(key, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> version(copy, key) == 1);
            seen = copy.lastSeq();
        }
        // away while 100 changes happen: the change log keeps 40, the subscription 10
        long latest = record(key, 100);
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "select pruned_through from change_counter where id = 1") > seen);

        HttpResponse<String> gone = Http.get(app.url("/api/changes?after=" + seen));
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(MidtierTestApp.json(gone.body()).get("error").asText()).isEqualTo("CHANGES_GONE");
        HttpResponse<String> goneStream = Http.get(app.url("/api/changes/stream"),
                Map.of("Last-Event-ID", String.valueOf(seen)));
        assertThat(goneStream.statusCode()).isEqualTo(410);

        try (ChangeSubscriber subscriber = subscriber(clientId, copy)) {
            subscriber.start();
            await().atMost(Duration.ofSeconds(30)).until(() -> copy.reloads() == 1);
            assertThat(copy.lastSeq()).isGreaterThanOrEqualTo(latest);
            record(key, 1);
            await().atMost(Duration.ofSeconds(30)).until(() -> version(copy, key) == 102);
        }
    }

    private static ChangeSubscriber subscriber(String clientId, LocalCopy copy) {
        return new ChangeSubscriber("vm://0", brokerUser(), brokerPassword(), app.url(""), clientId, clientId,
                "midtier.changes", copy, line -> { });
    }

    static String brokerUser() {
        return app.context().resolvePropertyPlaceholders("{{midtier.broker.user}}");
    }

    static String brokerPassword() {
        return app.context().resolvePropertyPlaceholders("{{midtier.broker.password}}");
    }

    private static long version(LocalCopy copy, String key) {
        LocalCopy.Entry entry = copy.get("test:" + key);
        return entry == null ? 0 : entry.version();
    }

    private static void sendOnTopic(String json) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory("vm://0", brokerUser(), brokerPassword()).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createTopic("midtier.changes"));
            producer.send(session.createTextMessage(json));
        }
    }

    /** Records {@code count} changes of a test entry; returns the change log's latest number once they are in it. */
    private static long record(String key, int count) {
        for (int i = 0; i < count; i++) {
            template.send("direct:change-evicted", exchange -> {
                exchange.setProperty("type", "test");
                exchange.setProperty("id", key);
            });
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("select count(*) from change_event") == 0);
        return ChangeLogTest.latest(app);
    }
}
