package io.midtier.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.SseClient;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Retention by age: changes older than the window are removed and asking for them is 410; the number of open
// SSE streams is bounded (503 beyond it).
class ChangeRetentionTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static ProducerTemplate template;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "change-retention");
        p.put("midtier.changes.retention-check-ms", "200");
        p.put("midtier.changes.retention-max-age-seconds", "2");
        p.put("midtier.changes.sse-max-streams", "1");
        app = MidtierTestApp.start(p);
        template = app.context().createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void changes_older_than_the_age_window_are_removed_and_asking_for_them_is_410() {
        template.send("direct:change-evicted", exchange -> {
            exchange.setProperty("type", "test");
            exchange.setProperty("id", "aged-" + UUID.randomUUID());
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count("select count(*) from change_event") == 0);
        long seq = ChangeLogTest.latest(app);

        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "select pruned_through from change_counter where id = 1") >= seq);

        assertThat(db.count("select count(*) from change_log where seq <= ?", seq)).isZero();
        HttpResponse<String> gone = Http.get(app.url("/api/changes?after=" + (seq - 1)));
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(MidtierTestApp.json(gone.body()).get("message").asText()).contains("reload");
        // from the latest number on, the client can follow again
        assertThat(Http.get(app.url("/api/changes?after=" + seq)).statusCode()).isEqualTo(200);
    }

    @Test
    void a_stream_beyond_the_bound_is_503_json() {
        try (SseClient first = SseClient.open(app.url("/api/changes/stream"), Map.of())) {
            HttpResponse<String> second = Http.get(app.url("/api/changes/stream"));
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(MidtierTestApp.json(second.body()).get("error").asText()).isEqualTo("TOO_MANY_STREAMS");
        }
    }
}
