package io.midtier.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.SseClient;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.ProducerTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// midtier.changes.stream-max-seconds: the server ends an SSE stream after that long (and closes its connection, so a
// load balancer may send the client's next stream to another instance); a client that resumes with Last-Event-ID gets
// every change made across the cuts, in order, none twice.
class ChangeStreamLimitTest {

    static final long LIMIT_SECONDS = 2;
    static final Duration WAIT = Duration.ofSeconds(30);

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static ProducerTemplate template;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "stream-limit");
        p.put("midtier.changes.stream-max-seconds", String.valueOf(LIMIT_SECONDS));
        app = MidtierTestApp.start(p);
        template = app.context().createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void the_server_ends_a_stream_after_the_limit_and_a_resume_with_last_event_id_misses_nothing() {
        String key = "cut-" + UUID.randomUUID();
        long base = ChangeLogTest.latest(app);
        List<Long> received = new ArrayList<>();

        long opened = System.nanoTime();
        try (SseClient first = open(base)) {
            assertThat(first.header("Connection")).as("the connection is not reused after the cut").isEqualTo("close");
            record(key, 3);
            for (int i = 0; i < 3; i++) {
                received.add(idOf(first.next(WAIT)));
            }
            await("the server ends the stream").atMost(WAIT).until(first::ended);
            assertThat((first.endedAtNanos() - opened) / 1_000_000).as("ms the stream was open")
                    .isGreaterThanOrEqualTo(LIMIT_SECONDS * 1000);
            assertThat(first.pending()).isZero();
        }

        // changes while no stream is open, then more while the client resumes: it reconnects after every cut
        record(key, 4);
        await().atMost(WAIT).until(() -> ChangeLogTest.latest(app) >= base + 7);
        int streams = 1;
        boolean moreRecorded = false;
        while (received.size() < 9) {
            assertThat(streams).as("streams opened to get 9 changes").isLessThan(10);
            try (SseClient again = open(received.get(received.size() - 1))) {
                streams++;
                if (!moreRecorded) {
                    record(key, 2);
                    moreRecorded = true;
                }
                long giveUp = System.nanoTime() + WAIT.toNanos();
                while (!again.ended() || again.pending() > 0) {
                    assertThat(System.nanoTime()).as("the server ends every stream").isLessThan(giveUp);
                    SseClient.Event event = again.poll(Duration.ofMillis(200));
                    if (event != null) {
                        received.add(idOf(event));
                    }
                }
            }
        }

        List<Long> expected = new ArrayList<>();
        for (long seq = base + 1; seq <= base + 9; seq++) {
            expected.add(seq);
        }
        assertThat(received).isEqualTo(expected);
        ChangeStream changeStream = app.bean("changeStream", ChangeStream.class);
        await().atMost(WAIT).until(() -> changeStream.openStreams() == 0);
    }

    static SseClient open(long lastEventId) {
        return SseClient.open(app.url("/api/changes/stream"), Map.of("Last-Event-ID", String.valueOf(lastEventId)));
    }

    static long idOf(SseClient.Event event) {
        return Long.parseLong(event.id());
    }

    static void record(String key, int count) {
        ChangeFeedTest.recordEvictions(template, key, count);
    }
}
