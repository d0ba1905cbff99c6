package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.CacheMetrics;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// request coalescing in one instance: concurrent misses of a key make one back-end call and all get its answer;
// also prints the figures the issue asks for (back-end calls per key for 200 cold readers over 50 keys).
class CoalescingTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static ExecutorService clients;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start(db, "coalescing");
        clients = Executors.newFixedThreadPool(200);
    }

    @AfterAll
    static void stop() {
        clients.shutdownNow();
        app.close();
    }

    @Test
    void a_hundred_concurrent_reads_of_a_cold_key_make_one_backend_call_and_get_the_same_answer() throws Exception {
        db.update("delete from cache_entry where type = 'accounts' and id = '1031'");
        app.simulatorFaults("{\"latencyMs\": 300, \"jitterMs\": 0}");
        long before = inquiries();
        double coalesced = CacheMetrics.count(app, "midtier.cache.coalesced");

        List<HttpResponse<String>> responses = getAll(Collections.nCopies(100, "/api/accounts/1031"));

        assertThat(inquiries()).isEqualTo(before + 1);
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        JsonNode first = MidtierTestApp.json(responses.get(0).body());
        assertThat(responses).allSatisfy(r -> assertThat(MidtierTestApp.json(r.body())).isEqualTo(first));
        assertThat(CacheMetrics.count(app, "midtier.cache.coalesced")).isGreaterThan(coalesced);
    }

    @Test
    void concurrent_reads_of_an_unknown_key_make_one_backend_call_and_all_get_404() throws Exception {
        db.update("delete from cache_absent where type = 'accounts' and id = '9997'");
        app.simulatorFaults("{\"latencyMs\": 300, \"jitterMs\": 0}");
        long before = inquiries();

        List<HttpResponse<String>> responses = getAll(Collections.nCopies(20, "/api/accounts/9997"));

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(404));
        assertThat(inquiries()).isEqualTo(before + 1);
    }

    @Test
    void two_hundred_cold_readers_over_fifty_keys_make_one_backend_call_per_key() throws Exception {
        List<String> paths = new ArrayList<>();
        for (int account = 1040; account < 1090; account++) {
            for (int reader = 0; reader < 4; reader++) {
                paths.add("/api/accounts/" + account);
            }
        }
        Collections.shuffle(paths);
        db.update("delete from cache_entry where type = 'accounts' and id::int between 1040 and 1089");
        // the default back-end of application.properties: 100 ms, 4 transactions at once; plus jitter
        app.simulatorFaults("{\"latencyMs\": 100, \"jitterMs\": 50}");
        long before = inquiries();
        long started = System.nanoTime();

        List<HttpResponse<String>> responses = getAll(paths);

        long elapsedMs = (System.nanoTime() - started) / 1_000_000;
        long calls = inquiries() - before;
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        System.out.printf("FIGURE coalescing: 200 concurrent cold readers over 50 keys -> %d back-end calls, "
                + "%.2f per distinct key, all answered in %d ms%n", calls, calls / 50.0, elapsedMs);
        assertThat(calls).isEqualTo(50);
    }

    @Test
    void latency_of_a_hit_and_of_a_miss_is_measured() throws Exception {
        // warm-up: both paths compiled and pooled before timing
        app.simulatorFaults("{\"latencyMs\": 0, \"jitterMs\": 0}");
        for (int i = 0; i < 200; i++) {
            if (i % 4 == 0) {
                Http.delete(app.url("/admin/cache/accounts/" + (1080 + i % 10)));
            }
            Http.get(app.url("/api/accounts/" + (1080 + i % 10)));
        }
        app.simulatorFaults("{\"latencyMs\": 100, \"jitterMs\": 0}");
        long[] misses100 = new long[20];
        long[] hits = new long[1000];
        for (int i = 0; i < 20; i++) {
            String path = "/api/accounts/" + (1040 + i);
            Http.delete(app.url("/admin/cache/accounts/" + (1040 + i)));
            misses100[i] = timeGet(path, "MISS");
            for (int j = 0; j < 50; j++) {
                hits[i * 50 + j] = timeGet(path, "HIT");
            }
        }
        app.simulatorFaults("{\"latencyMs\": 0, \"jitterMs\": 0}");
        long[] misses0 = new long[20];
        for (int i = 0; i < 20; i++) {
            Http.delete(app.url("/admin/cache/accounts/" + (1060 + i)));
            misses0[i] = timeGet("/api/accounts/" + (1060 + i), "MISS");
        }
        System.out.printf("FIGURE latency (sequential GETs, microseconds, median / p90): hit %d / %d; "
                        + "miss with back-end latency 100 ms %d / %d; miss with back-end latency 0 ms %d / %d%n",
                percentile(hits, 50), percentile(hits, 90), percentile(misses100, 50), percentile(misses100, 90),
                percentile(misses0, 50), percentile(misses0, 90));
        assertThat(percentile(misses100, 50)).isGreaterThan(percentile(hits, 50));
    }

    private static long timeGet(String path, String expectedCache) {
        long started = System.nanoTime();
        HttpResponse<String> response = Http.get(app.url(path));
        long micros = (System.nanoTime() - started) / 1000;
        assertThat(response.headers().firstValue("X-Cache")).as(path).hasValue(expectedCache);
        return micros;
    }

    private static long percentile(long[] values, int p) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
    }

    /** Every path fetched at once (threads released together), in order of the paths. */
    private static List<HttpResponse<String>> getAll(List<String> paths) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (String path : paths) {
            futures.add(clients.submit(() -> {
                go.await();
                return Http.get(app.url(path));
            }));
        }
        go.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            responses.add(f.get());
        }
        return responses;
    }

    private static long inquiries() {
        return app.simulatorStats().get("inquiries").asLong();
    }
}
