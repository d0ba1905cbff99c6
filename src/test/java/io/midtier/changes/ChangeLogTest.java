package io.midtier.changes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The change log: concurrent XA writers get sequence numbers that readers see without holes or reordering;
// applied updates and read-through refreshes are logged; the catch-up endpoint refuses bad parameters.
class ChangeLogTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() throws Exception {
        app = MidtierTestApp.start(db, "change-log");
        // a writer's XA transaction: a JMS send (so the commit is a real two-phase one) and an appended change
        app.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:test-change-writer").routeId("test-change-writer")
                        .transacted()
                        .to("jms:queue:test.change-writers?exchangePattern=InOnly")
                        .to("direct:change-evicted");
            }
        });
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void ten_concurrent_writers_of_500_changes_are_read_without_holes_or_reordering() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        long base = latest();
        int writers = 10;
        int perWriter = 500;
        long total = (long) writers * perWriter;
        ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        List<Future<List<JsonNode>>> readers = new ArrayList<>();
        try {
            for (int r = 0; r < 2; r++) {
                readers.add(pool.submit(() -> readUntil(base, base + total, problems)));
            }
            List<Future<?>> writes = new ArrayList<>();
            ProducerTemplate template = app.context().createProducerTemplate();
            for (int w = 0; w < writers; w++) {
                String key = run + "-w" + w;
                writes.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        template.send("direct:test-change-writer", exchange -> {
                            exchange.setProperty("type", "test");
                            exchange.setProperty("id", key);
                            exchange.getMessage().setBody("change " + key);
                        }).getException();
                    }
                    return null;
                }));
            }
            for (Future<?> write : writes) {
                write.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<List<JsonNode>> reader : readers) {
                List<JsonNode> seen = reader.get(5, TimeUnit.MINUTES);
                assertThat(problems).isEmpty();
                assertThat(seen).hasSize((int) total);
                // per key, the versions come in the order the writer made them: 1, 2, ... 500
                Map<String, Long> lastVersion = new HashMap<>();
                for (JsonNode change : seen) {
                    String key = change.get("id").asText();
                    long version = change.get("version").asLong();
                    assertThat(version).as("version of " + key).isEqualTo(lastVersion.getOrDefault(key, 0L) + 1);
                    lastVersion.put(key, version);
                }
                assertThat(lastVersion).hasSize(writers).allSatisfy((key, version) -> assertThat(version).isEqualTo(perWriter));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Polls after=N until {@code until}; every item must be exactly the next number (a hole or step back is a problem). */
    private static List<JsonNode> readUntil(long base, long until, ConcurrentLinkedQueue<String> problems) {
        List<JsonNode> seen = new ArrayList<>();
        long last = base;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (last < until && System.nanoTime() < deadline) {
            HttpResponse<String> page = Http.get(app.url("/api/changes?after=" + last + "&limit=200"));
            if (page.statusCode() != 200) {
                problems.add("status " + page.statusCode() + ": " + page.body());
                return seen;
            }
            for (JsonNode change : MidtierTestApp.json(page.body()).get("items")) {
                long seq = change.get("seq").asLong();
                if (seq != last + 1) {
                    problems.add("after " + last + " came " + seq);
                    return seen;
                }
                last = seq;
                if (seq <= until) {
                    seen.add(change);
                }
            }
        }
        return seen;
    }

    @Test
    void an_applied_update_and_the_refresh_that_loaded_the_entry_are_logged_with_their_versions() {
        long base = latest();
        JsonNode loaded = MidtierTestApp.json(Http.get(app.url("/api/accounts/1051")).body());
        String updateId = Updates.rename(app, "1051", "LOGGED " + System.nanoTime());
        JsonNode applied = Updates.awaitStatus(app, updateId, "APPLIED");

        List<JsonNode> changes = await().atMost(Duration.ofSeconds(30)).until(
                () -> changesOf(base, "1051"), list -> list.stream().anyMatch(c -> c.get("op").asText().equals("APPLIED")));
        JsonNode last = changes.get(changes.size() - 1);
        assertThat(last.get("op").asText()).isEqualTo("APPLIED");
        assertThat(last.get("version").asLong()).isEqualTo(applied.get("version").asLong());
        assertThat(last.get("type").asText()).isEqualTo("accounts");
        // a read that loaded or changed the entry logged it before (unless it was already cached unchanged)
        if (changes.size() > 1) {
            assertThat(changes.get(0).get("op").asText()).isEqualTo("REFRESHED");
            assertThat(changes.get(0).get("version").asLong()).isEqualTo(loaded.get("version").asLong());
        }
        // a read of the unchanged entry logs nothing more
        Http.get(app.url("/api/accounts/1051"));
        assertThat(changesOf(base, "1051")).hasSameSizeAs(changes);
    }

    @Test
    void an_evicted_entry_is_logged_and_read_again_continues_from_the_logged_version() {
        long before = MidtierTestApp.json(Http.get(app.url("/api/accounts/1052")).body()).get("version").asLong();
        // on the class's new database that read was a miss, a change of its own: count from after it is logged
        await().atMost(Duration.ofSeconds(30)).until(() -> changesOf(0, "1052").stream()
                .anyMatch(change -> change.get("version").asLong() >= before));
        long base = latest();

        assertThat(Http.delete(app.url("/admin/cache/accounts/1052")).statusCode()).isEqualTo(204);
        JsonNode reloaded = MidtierTestApp.json(Http.get(app.url("/api/accounts/1052")).body());

        List<JsonNode> changes = await().atMost(Duration.ofSeconds(30)).until(
                () -> changesOf(base, "1052"), list -> list.size() >= 2);
        JsonNode evicted = changes.get(changes.size() - 2);
        JsonNode refreshed = changes.get(changes.size() - 1);
        assertThat(evicted.get("op").asText()).isEqualTo("EVICTED");
        assertThat(evicted.get("version").asLong()).isGreaterThan(before);
        assertThat(refreshed.get("op").asText()).isEqualTo("REFRESHED");
        assertThat(reloaded.get("version").asLong()).isEqualTo(refreshed.get("version").asLong())
                .isGreaterThan(evicted.get("version").asLong());
    }

    @Test
    void bad_catch_up_parameters_are_400_json() {
        for (String query : List.of("after=-1", "after=abc", "limit=0", "limit=5000", "limit=x")) {
            HttpResponse<String> response = Http.get(app.url("/api/changes?" + query));
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(MidtierTestApp.json(response.body()).get("error").asText()).isEqualTo("INVALID_PARAMETER");
        }
    }

    private static List<JsonNode> changesOf(long after, String id) {
        List<JsonNode> result = new ArrayList<>();
        MidtierTestApp.json(Http.get(app.url("/api/changes?after=" + after + "&limit=1000")).body()).get("items")
                .forEach(change -> {
                    if (change.get("type").asText().equals("accounts") && change.get("id").asText().equals(id)) {
                        result.add(change);
                    }
                });
        return result;
    }

    static long latest() {
        return latest(app);
    }

    /** The highest sequence number given so far. */
    static long latest(MidtierTestApp app) {
        return MidtierTestApp.json(Http.get(app.url("/api/changes/latest")).body()).get("latest").asLong();
    }
}
