package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.CacheMetrics;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

// stale-if-error and the circuit breaker: a failing, slow or down back-end is answered from the stale entry
// (X-Cache: STALE, Warning, Age) or with 503; the circuit opens after the configured failures and closes again
// once the back-end answers.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StaleIfErrorTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "stale-if-error");
        p.put("midtier.backend.timeout-ms", "500");
        p.put("midtier.backend.circuit.minimum-calls", "4");
        p.put("midtier.backend.circuit.window-size", "4");
        p.put("midtier.backend.circuit.failure-rate-threshold", "50");
        p.put("midtier.backend.circuit.open-seconds", "2");
        p.put("midtier.backend.circuit.half-open-calls", "1");
        app = MidtierTestApp.start(p);
    }

    @AfterEach
    void clearFaults() {
        app.simulatorFaults("{\"down\": false, \"errorRate\": 0, \"latencyMs\": 5}");
        circuit().transitionToCloseState();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    @Order(1)
    void a_slow_backend_times_out_and_the_stale_entry_is_served_with_a_warning_and_its_age() {
        JsonNode cached = MidtierTestApp.json(Http.get(app.url("/api/accounts/1011")).body());
        expire("1011");
        app.simulatorFaults("{\"latencyMs\": 1500}");
        double stale = CacheMetrics.count(app, "midtier.cache.stale");

        HttpResponse<String> response = Http.get(app.url("/api/accounts/1011"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Cache")).hasValue("STALE");
        assertThat(response.headers().firstValue("Warning").orElse("")).startsWith("110 ");
        assertThat(response.headers().firstValue("Age").orElse("")).matches("[0-9]+");
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("max-age=0, must-revalidate");
        assertThat(MidtierTestApp.json(response.body())).isEqualTo(cached);
        assertThat(CacheMetrics.count(app, "midtier.cache.stale")).isEqualTo(stale + 1);
    }

    @Test
    @Order(2)
    void an_abending_backend_is_answered_from_the_stale_entry() {
        JsonNode cached = MidtierTestApp.json(Http.get(app.url("/api/accounts/1012")).body());
        expire("1012");
        app.simulatorFaults("{\"errorRate\": 1.0}");

        HttpResponse<String> response = Http.get(app.url("/api/accounts/1012"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Cache")).hasValue("STALE");
        assertThat(MidtierTestApp.json(response.body())).isEqualTo(cached);
    }

    @Test
    @Order(3)
    void backend_down_serves_cached_keys_stale_and_uncached_keys_503_then_the_circuit_opens_and_closes_again() {
        Http.get(app.url("/api/accounts/1013"));
        expire("1013");
        app.simulatorFaults("{\"down\": true}");
        long refusedBefore = app.simulatorStats().get("unavailable").asLong();

        HttpResponse<String> stale = Http.get(app.url("/api/accounts/1013"));
        assertThat(stale.statusCode()).isEqualTo(200);
        assertThat(stale.headers().firstValue("X-Cache")).hasValue("STALE");
        for (String uncached : new String[] {"1014", "1015"}) {
            HttpResponse<String> unavailable = Http.get(app.url("/api/accounts/" + uncached));
            assertThat(unavailable.statusCode()).as(uncached).isEqualTo(503);
            assertThat(MidtierTestApp.json(unavailable.body()).get("error").asText()).isEqualTo("UNAVAILABLE");
        }
        // the window of 4 calls holds 1 success (loading 1013) and 3 failures, above the 50 % threshold: the
        // circuit is open and the back-end is no longer asked
        assertThat(circuit().getCircuitBreakerState()).isEqualTo("OPEN");
        long refused = app.simulatorStats().get("unavailable").asLong();
        assertThat(refused).isEqualTo(refusedBefore + 3);
        assertThat(Http.get(app.url("/api/accounts/1016")).statusCode()).isEqualTo(503);
        assertThat(Http.get(app.url("/api/accounts/1017")).statusCode()).isEqualTo(503);
        assertThat(Http.get(app.url("/api/accounts/1013")).headers().firstValue("X-Cache")).hasValue("STALE");
        assertThat(app.simulatorStats().get("unavailable").asLong()).isEqualTo(refused);

        app.simulatorFaults("{\"down\": false}");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.get(app.url("/api/accounts/1017")).statusCode() == 200);
        assertThat(circuit().getCircuitBreakerState()).isEqualTo("CLOSED");
        HttpResponse<String> refreshed = Http.get(app.url("/api/accounts/1013"));
        assertThat(refreshed.headers().firstValue("X-Cache")).hasValue("MISS");
    }

    private static void expire(String id) {
        db.update("update cache_entry set expires_at = now() - interval '1 second' where type = 'accounts' and id = ?", id);
    }

    private static ResilienceProcessor circuit() {
        return app.context().getProcessor("backend-circuit", ResilienceProcessor.class);
    }
}
