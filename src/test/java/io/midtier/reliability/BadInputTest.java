package io.midtier.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Database;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

// bad input (issue 5, scenario 5): every request of the corpus gets a 4xx with a JSON error body, and nothing
// changes: no table row, no queued message, no back-end call.
class BadInputTest {

    private static final Logger LOG = LoggerFactory.getLogger(BadInputTest.class);
    private static final String HOST = "127.0.0.1";
    private static final List<String> QUEUES = List.of("midtier.updates", "DLQ.midtier.updates", "midtier.orders",
            "midtier.order-replies");

    static MidtierTestApp app;
    static int port;

    @BeforeAll
    static void start() {
        Map<String, String> properties = MidtierTestApp.defaults("bad-input");
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
        String authorization = "Basic " + Base64.getEncoder().encodeToString(
                (Http.DEFAULT_USER + ":" + Http.DEFAULT_PASSWORD).getBytes(StandardCharsets.UTF_8));
        List<HostileRequest> corpus = BadInputCorpus.cases(HOST, port, authorization);
        assertThat(corpus).hasSizeGreaterThan(300);
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
                        + (v.ok() ? "ok" : v.problem())).toList());
        LOG.info("bad-input corpus: {} cases {} in {} ms, {} problems", corpus.size(), perCategory, millis, problems.size());
        assertThat(problems).as(problems.stream()
                        .map(v -> v.request().name() + " -> " + v.problem()).collect(Collectors.joining("\n")))
                .isEmpty();
        // the server still serves, then nothing has changed
        assertThat(Http.get(app.url("/api/changes/latest")).statusCode()).isEqualTo(200);
        assertThat(snapshot()).isEqualTo(before);
    }

    private static List<Verdict> sendAll(List<HostileRequest> corpus) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Verdict>> futures = new ArrayList<>();
            for (HostileRequest request : corpus) {
                futures.add(clients.submit(() -> BadInputCorpus.send(HOST, port, request, Duration.ofSeconds(15))));
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
        List<Map<String, Object>> tables = Database.query("select table_name from information_schema.tables "
                + "where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name");
        for (Map<String, Object> table : tables) {
            String name = (String) table.get("table_name");
            Map<String, Object> row = Database.query("select count(*) as n, md5(coalesce(string_agg(t::text, '|' "
                    + "order by t::text), '')) as digest from \"" + name + "\" t").get(0);
            s.append(name).append('=').append(row.get("n")).append('/').append(row.get("digest")).append('\n');
        }
        EmbeddedBroker broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        for (String queue : QUEUES) {
            s.append(queue).append(": added ").append(broker.messagesAdded(queue))
                    .append(", depth ").append(broker.messageCount(queue)).append('\n');
        }
        s.append("back-end: ").append(app.legacyStats()).append('\n');
        return s.toString();
    }
}
