package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.cache.CacheCounters;
import io.midtier.cache.NearCache;
import io.midtier.cache.NearCacheListener;
import io.midtier.testsupport.CacheMetrics;
import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The near cache across two instances on one database and broker: this JVM in notify mode, a child JVM in validate mode. A
// write accepted by one is never served as before by the validate instance once its 202 is out, and not by the
// notify instance from max-lag-ms after it; a gap in the change log's sequence clears the notify instance's cache. The
// notify instance answers its near hits on the HTTP server's event loop, as the route would have answered them.
class NearCacheTwoInstancesTest {

    private static final long MAX_LAG_MS = 500;

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp notifying;
    static MidtierProcess validating;

    @BeforeAll
    static void start() {
        Map<String, String> first = MidtierTestApp.defaults(db, "near-notify");
        first.put("midtier.cache.near.mode", "notify");
        first.put("midtier.cache.near.notify.max-lag-ms", String.valueOf(MAX_LAG_MS));
        // one broker for both, as instances sharing a database must (the second would be refused with a broker of
        // its own): the first's embedded broker, which accepts TCP
        first.put("midtier.broker.tcp-port", String.valueOf(FreePorts.next()));
        notifying = MidtierTestApp.start(first);
        Map<String, String> other = MidtierTestApp.defaults(db, "near-validate");
        other.put("midtier.backend.url", notifying.property("midtier.backend.url"));
        other.put("midtier.cache.near.mode", "validate");
        other.put("midtier.broker.url", "tcp://127.0.0.1:" + first.get("midtier.broker.tcp-port"));
        validating = MidtierProcess.testApp("near-validate", other).start(Duration.ofSeconds(120));
    }

    @AfterAll
    static void stop() {
        if (validating != null) {
            validating.close();
        }
        notifying.close();
    }

    @Test
    void validate_mode_never_serves_the_value_before_a_write_once_its_202_is_out() {
        // each update must still be pending when the other instance reads it: at the simulator's 5 ms a delivery can
        // be done before that read, so the back-end takes a second per call meanwhile
        Http.put(notifying.simulatorUrl("/simulator/faults"), "{\"latencyMs\":1000}");
        try {
            for (int round = 0; round < 5; round++) {
                warm(validating.url("/api/accounts/1071"));

                String updateId = rename(notifying.url("/api/accounts/1071"), "VALIDATE " + round);
                HttpResponse<String> read = Http.get(validating.url("/api/accounts/1071"));

                assertThat(MidtierTestApp.json(read.body()).get("pendingUpdate").asText()).isEqualTo(updateId);
                assertThat(MidtierTestApp.json(read.body()).get("name").asText()).isEqualTo("VALIDATE " + round);
            }
        } finally {
            Http.put(notifying.simulatorUrl("/simulator/faults"), "{\"latencyMs\":5}");
        }
    }

    @Test
    void notify_mode_serves_a_write_of_the_other_instance_within_max_lag_and_hits_without_asking_meanwhile() {
        warmNear("1072");
        double nearHits = CacheMetrics.count(notifying, CacheCounters.NEAR_HITS);
        assertThat(Http.get(notifying.url("/api/accounts/1072")).headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(CacheMetrics.count(notifying, CacheCounters.NEAR_HITS)).isEqualTo(nearHits + 1);

        rename(validating.url("/api/accounts/1072"), "NOTIFY");
        long out = System.nanoTime();
        List<Long> oldAfterBoundMs = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            long started = System.nanoTime();
            HttpResponse<String> read = Http.get(notifying.url("/api/accounts/1072"));
            // the name, not pendingUpdate: the update may be applied (and no longer pending) before a read sees it
            boolean current = "NOTIFY".equals(MidtierTestApp.json(read.body()).path("name").asText());
            long sinceOutMs = (started - out) / 1_000_000;
            if (!current && sinceOutMs >= MAX_LAG_MS) {
                oldAfterBoundMs.add(sinceOutMs);
            }
            return current;
        });

        assertThat(oldAfterBoundMs).as("reads begun max-lag-ms or more after the 202 that showed the old value").isEmpty();
    }

    @Test
    void notify_mode_answers_its_near_hits_in_front_of_the_routes_with_the_routes_headers_and_bytes() {
        String url = notifying.url("/api/accounts/1074");
        warmNear("1074");
        // without its near copy, the read-through route answers the entry (a hit on the SQL cache) and holds it again
        notifying.bean("nearCache", NearCache.class).invalidate("accounts:1074");
        HttpResponse<String> routed = Http.get(url);
        double routeExchanges = CacheMetrics.routeExchanges(notifying, "get-account");
        double nearHits = CacheMetrics.count(notifying, CacheCounters.NEAR_HITS);

        HttpResponse<String> hit = Http.get(url);
        String etag = hit.headers().firstValue("ETag").orElseThrow();
        HttpResponse<String> notModified = Http.get(url, Map.of("If-None-Match", etag));
        HttpResponse<String> notModifiedOverTwoLines = Http.send(HttpRequest.newBuilder(URI.create(url)).GET()
                .header("If-None-Match", "\"0\"").header("If-None-Match", etag), Map.of());
        HttpResponse<String> otherTag = Http.get(url, Map.of("If-None-Match", "\"0\""));

        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.body()).isEqualTo(routed.body());
        for (String header : List.of("ETag", "X-Cache", "Content-Type")) {
            assertThat(hit.headers().firstValue(header)).as(header).isEqualTo(routed.headers().firstValue(header));
        }
        assertThat(hit.headers().firstValue("Cache-Control").orElseThrow()).matches("max-age=[1-9][0-9]*");
        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
        assertThat(notModifiedOverTwoLines.statusCode()).isEqualTo(304);
        assertThat(otherTag.statusCode()).isEqualTo(200);
        assertThat(CacheMetrics.count(notifying, CacheCounters.NEAR_HITS)).isEqualTo(nearHits + 4);
        assertThat(CacheMetrics.routeExchanges(notifying, "get-account")).as("exchanges of the get-account route")
                .isEqualTo(routeExchanges);
    }

    @Test
    void a_gap_in_the_change_sequence_clears_the_near_cache() {
        warmNear("1073");
        NearCache near = notifying.bean("nearCache", NearCache.class);
        NearCacheListener listener = notifying.bean("nearCacheListener", NearCacheListener.class);

        // a change numbered past the next ones (under the counter's lock, as the publisher numbers): the numbers in
        // between never reach the listener
        long gap = db.count("with c as (update change_counter set last_seq = last_seq + 100 where id = 1 returning last_seq), "
                + "logged as (insert into change_log (seq, type, id, version, op, at) "
                + "select last_seq, 'accounts', '9990', 1, 'EVICTED', now() from c) select last_seq from c");

        await().atMost(Duration.ofSeconds(10)).until(() -> listener.lastSeq() >= gap);
        assertThat(near.get("accounts:1073")).isNull();
    }

    /**
     * Reads an account on the notify instance until its near cache holds it: the first read stores it and logs the
     * refresh, whose invalidation drops the copy; once the listener is past that change, a read's copy stays.
     */
    private static void warmNear(String id) {
        NearCacheListener listener = notifying.bean("nearCacheListener", NearCacheListener.class);
        String url = notifying.url("/api/accounts/" + id);
        assertThat(Http.get(url).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.lastSeq() >= db.count(
                "select coalesce(max(seq), 9223372036854775807) from change_log where type = 'accounts' and id = ?", id));
        assertThat(Http.get(url).headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(notifying.bean("nearCache", NearCache.class).get("accounts:" + id)).isNotNull();
    }

    private static void warm(String url) {
        assertThat(Http.get(url).statusCode()).isEqualTo(200);
        assertThat(Http.get(url).headers().firstValue("X-Cache")).hasValue("HIT");
    }

    private static String rename(String url, String name) {
        HttpResponse<String> put = Http.put(url, "{\"name\":\"" + name + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
        return MidtierTestApp.json(put.body()).get("updateId").asText();
    }
}
