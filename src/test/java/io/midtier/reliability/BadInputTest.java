package io.midtier.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// bad input (issue 5, scenario 5): every request of the corpus gets a 4xx with a JSON error body, and nothing
// changes: no table row, no queued message, no back-end call.
class BadInputTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final Logger LOG = LoggerFactory.getLogger(BadInputTest.class);
    private static final String HOST = "127.0.0.1";
    private static final List<String> QUEUES = List.of("midtier.updates", "DLQ.midtier.updates", "midtier.orders",
            "midtier.order-replies");

    private static final Map<String, Long> MILLIS = new java.util.concurrent.ConcurrentHashMap<>();
    static MidtierTestApp app;
    static int port;

    @BeforeAll
    static void start() {
        Map<String, String> properties = MidtierTestApp.defaults(db, "bad-input");
        // the stalled-body cases are answered after this long
        properties.put("midtier.http.body-timeout-ms", "2000");
        app = MidtierTestApp.start(properties);
        port = Integer.parseInt(app.property("camel.server.port"));
        // the account the corpus aims at, once through the real path: its row exists before the snapshot
        assertThat(Http.get(app.url("/api/accounts/1001")).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void every_bad_request_is_refused_with_a_json_error_and_changes_nothing() throws Exception {
        List<HostileRequest> corpus = BadInputCorpus.cases(HOST, port, authorization());
        // the figure README gives ("634 raw requests"): a case added or lost changes both
        assertThat(corpus).hasSize(634);
        // nothing of the app's own background work (publishing, retention) is still moving the data
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500))
                .until(() -> snapshot().equals(snapshot()));
        String before = snapshot();

        long start = System.nanoTime();
        List<Verdict> verdicts = sendAll(corpus);
        long millis = (System.nanoTime() - start) / 1_000_000;

        Map<String, Long> perCategory = corpus.stream()
                .collect(Collectors.groupingBy(HostileRequest::category, TreeMap::new, Collectors.counting()));
        List<Verdict> problems = verdicts.stream().filter(v -> !v.ok()).toList();
        Files.write(Path.of("target", "bad-input-verdicts.txt"), verdicts.stream()
                .map(v -> v.request().category() + "\t" + v.request().name() + "\t" + v.status() + "\t"
                        + MILLIS.get(v.request().name()) + " ms\t" + (v.ok() ? "ok" : v.problem())).toList());
        LOG.info("bad-input corpus: {} cases {} in {} ms, {} problems", corpus.size(), perCategory, millis, problems.size());
        assertThat(problems).as(problems.stream()
                        .map(v -> v.request().name() + " -> " + v.problem()).collect(Collectors.joining("\n")))
                .isEmpty();
        // the server still serves, then nothing has changed
        assertThat(Http.get(app.url("/api/changes/latest")).statusCode()).isEqualTo(200);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void the_refusals_found_by_the_corpus_name_their_reason() {
        // each row: a corpus case that was answered wrongly before, the status and error code it gets now
        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("put-account/json-duplicate-field", "400 DUPLICATE_FIELD"),
                Map.entry("post-order/json-duplicate-item", "400 DUPLICATE_FIELD"),
                Map.entry("post-order/json-trailing-garbage", "400 MALFORMED_JSON"),
                Map.entry("put-account/charset-odd-nonsense", "415 UNSUPPORTED_CHARSET"),
                Map.entry("put-account/charset-UTF-16", "415 UNSUPPORTED_CHARSET"),
                Map.entry("post-order/charset-ISO-8859-1", "415 UNSUPPORTED_CHARSET"),
                Map.entry("post-order/content-type-text_plain", "415 UNSUPPORTED_MEDIA_TYPE"),
                Map.entry("post-order/over-update-limit", "413 PAYLOAD_TOO_LARGE"),
                Map.entry("post-order/extra-field", "400 UNKNOWN_FIELD"),
                Map.entry("post-order/item-number", "400 INVALID_ORDER"),
                Map.entry("post-order/item-sharp-s", "400 INVALID_ORDER"),
                Map.entry("get-account/bad-id-query-over-path", "400 AMBIGUOUS_PARAMETER"),
                Map.entry("put-account/other-id-header", "400 AMBIGUOUS_PARAMETER"),
                Map.entry("discard/actor-query", "400 AMBIGUOUS_PARAMETER"),
                Map.entry("path/_api_nope", "404 NOT_FOUND"),
                Map.entry("method/PATCH-api-accounts-", "405 METHOD_NOT_ALLOWED"),
                Map.entry("get-account/accept-html", "406 NOT_ACCEPTABLE"),
                Map.entry("put-account/chunked-over-server-limit", "413 PAYLOAD_TOO_LARGE"),
                Map.entry("put-account/idempotency-key-twice", "400 DUPLICATE_HEADER"),
                Map.entry("put-account/stalled-body", "408 BODY_TIMEOUT")));
        Map<String, HostileRequest> byName = BadInputCorpus.cases(HOST, port, authorization()).stream()
                .collect(Collectors.toMap(HostileRequest::name, r -> r));
        Map<String, String> actual = new TreeMap<>();
        expected.keySet().forEach(name -> {
            RawHttpClient.Response response = RawHttpClient.exchange(HOST, port, byName.get(name).bytes(),
                    Duration.ofSeconds(15));
            actual.put(name, response.status() + " " + MidtierTestApp.json(response.bodyText()).path("error").asText());
        });
        assertThat(actual).isEqualTo(expected);
    }

    private static String authorization() {
        return "Basic " + Base64.getEncoder().encodeToString(
                (Http.DEFAULT_USER + ":" + Http.DEFAULT_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    private static List<Verdict> sendAll(List<HostileRequest> corpus) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Verdict>> futures = new ArrayList<>();
            for (HostileRequest request : corpus) {
                futures.add(clients.submit(() -> {
                    long t0 = System.nanoTime();
                    Verdict verdict = BadInputCorpus.send(HOST, port, request, Duration.ofSeconds(15));
                    MILLIS.put(request.name(), (System.nanoTime() - t0) / 1_000_000);
                    return verdict;
                }));
            }
            List<Verdict> verdicts = new ArrayList<>();
            for (Future<Verdict> f : futures) {
                verdicts.add(f.get());
            }
            return verdicts;
        } finally {
            clients.shutdownNow();
        }
    }

    /** Every table's row count and a digest of its rows, the queues' counters, the simulator's counters. */
    private static String snapshot() {
        StringBuilder s = new StringBuilder();
        List<Map<String, Object>> tables = db.query("select table_name from information_schema.tables "
                + "where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name");
        for (Map<String, Object> table : tables) {
            String name = (String) table.get("table_name");
            Map<String, Object> row = db.query("select count(*) as n, md5(coalesce(string_agg(t::text, '|' "
                    + "order by t::text), '')) as digest from \"" + name + "\" t").get(0);
            s.append(name).append('=').append(row.get("n")).append('/').append(row.get("digest")).append('\n');
        }
        EmbeddedBroker broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        for (String queue : QUEUES) {
            s.append(queue).append(": added ").append(broker.messagesAdded(queue))
                    .append(", depth ").append(broker.messageCount(queue)).append('\n');
        }
        s.append("back-end: ").append(app.simulatorStats()).append('\n');
        return s.toString();
    }
}
