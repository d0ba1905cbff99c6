package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The JMS side of the XA dual-write fails (the broker is down): the PUT answers a JSON 503 promptly and
// neither the cache row nor the update table changes; once the broker is back, updates flow again.
class BrokerDownAtomicityTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String ACCOUNT = "1012";
    private static final long CALL_TIMEOUT_MS = 2_000;
    /**
     * What the rest of the request may take besides the broker call: the statement, the rollback and an HTTP round
     * trip, on a shared 2-core machine.
     */
    private static final long MARGIN_MS = 1_000;
    private static final String CACHE_ROW =
            "select version, body->>'name' as name from cache_entry where type = 'accounts' and id = '" + ACCOUNT + "'";

    static MidtierTestApp app;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        var settings = MidtierTestApp.defaults(db, "broker-down");
        settings.put("midtier.broker.call-timeout-ms", String.valueOf(CALL_TIMEOUT_MS));
        app = MidtierTestApp.start(settings);
        broker = app.bean("embeddedBroker", EmbeddedBroker.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void with_the_broker_down_a_put_is_a_503_and_changes_nothing() throws Exception {
        assertThat(Http.get(app.url("/api/accounts/" + ACCOUNT)).statusCode()).isEqualTo(200);
        var rowBefore = db.query(CACHE_ROW);
        long updates = db.count("select count(*) from cache_update");

        broker.stopBroker();
        try {
            long started = System.nanoTime();
            HttpResponse<String> response = Http.put(app.url("/api/accounts/" + ACCOUNT), "{\"name\":\"BROKER DOWN\"}");
            long tookMs = (System.nanoTime() - started) / 1_000_000;

            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
            assertThat(MidtierTestApp.json(response.body()).get("error").asText()).isEqualTo("UNAVAILABLE");
            assertThat(MidtierTestApp.json(response.body()).get("dependency").asText()).isEqualTo("broker");
            // promptly: bounded by the broker call timeout (README: "within midtier.broker.call-timeout-ms"), not by
            // the client's reconnect-forever
            assertThat(tookMs).as("answered within the call timeout plus %d ms", MARGIN_MS)
                    .isLessThanOrEqualTo(CALL_TIMEOUT_MS + MARGIN_MS);
            assertThat(db.query(CACHE_ROW)).isEqualTo(rowBefore);
            assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates);
            assertThat(db.count("select count(*) from pg_prepared_xacts where database = current_database()"))
                    .isZero();
        } finally {
            broker.startBroker();
        }

        // The broker is back: the same update is accepted and reaches the back-end.
        String[] updateId = new String[1];
        await("a PUT accepted after the broker restarted").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    HttpResponse<String> put = Http.put(app.url("/api/accounts/" + ACCOUNT), "{\"name\":\"BROKER BACK\"}");
                    if (put.statusCode() == 202) {
                        updateId[0] = MidtierTestApp.json(put.body()).get("updateId").asText();
                        return true;
                    }
                    return false;
                });
        await("delivery after the broker restarted").atMost(Duration.ofSeconds(60)).until(() ->
                MidtierTestApp.json(Http.get(app.url("/api/updates/" + updateId[0])).body()).path("status").asText(),
                "APPLIED"::equals);
        assertThat(db.count("select count(*) from cache_update where status = 'PENDING' and id = ?", ACCOUNT))
                .isZero();
    }
}
