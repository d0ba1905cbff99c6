package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.vertx.core.Vertx;
import java.net.http.HttpResponse;
import java.util.Locale;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.apache.camel.model.Model;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.VerbDefinition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// metrics, the per-request hygiene of the hot path and the API description: the Prometheus endpoint shows route
// metrics and the cache counters the routes increment, no event is raised per exchange, the HTTP server runs on
// Netty's native transport; the OpenAPI document lists every REST operation the application serves.
class MetricsAndOpenApiTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start(db, "metrics");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void prometheus_shows_the_cache_counters_moving_and_the_route_metrics() {
        double hits = metric("midtier_cache_hits_total");
        double misses = metric("midtier_cache_misses_total");

        assertThat(Http.get(app.url("/api/accounts/1006")).headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(Http.get(app.url("/api/accounts/1006")).headers().firstValue("X-Cache")).hasValue("HIT");

        assertThat(metric("midtier_cache_misses_total")).isEqualTo(misses + 1);
        assertThat(metric("midtier_cache_hits_total")).isEqualTo(hits + 1);
        String scrape = scrape();
        assertThat(scrape).contains("camel_exchanges_total{").contains("routeId=\"read-through\"");
        assertThat(scrape).contains("midtier_updates_outstanding")
                .contains("midtier_queue_messages{queue=\"midtier.updates\"}")
                .contains("midtier_queue_messages{queue=\"DLQ.midtier.updates\"}");
    }

    @Test
    void no_event_is_raised_per_exchange() {
        // the route metrics come from a route policy; a notifier that takes exchange events (its default) would make
        // every exchange and every send of it create events for nothing
        assertThat(app.context().getManagementStrategy().getEventNotifiers().stream()
                .filter(n -> !n.isIgnoreExchangeEvents()).map(n -> n.getClass().getName()).toList()).isEmpty();
        assertThat(app.context().getCamelContextExtension().isEventNotificationApplicable()).isFalse();
        assertThat(app.context().getManagementStrategy().getEventNotifiers()).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void the_http_server_runs_on_nettys_native_epoll_transport_on_linux_x86_64() {
        // where the product jar carries the native library (the JDK's selector elsewhere): CI and the bench run here
        assumeTrue(System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64"),
                "Netty's epoll library in the jar is for Linux on x86-64");
        Vertx vertx = app.context().hasService(VertxPlatformHttpServer.class).getVertx();
        assertThat(vertx.isNativeTransportEnabled())
                .as("native transport (why not: %s)", vertx.unavailableNativeTransportCause()).isTrue();
    }

    @Test
    void the_openapi_document_lists_every_rest_operation() {
        HttpResponse<String> response = Http.get(app.url("/api-doc"), Http.anonymous());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode doc = MidtierTestApp.json(response.body());
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(doc.at("/info/title").asText()).isEqualTo("midtier");

        int operations = 0;
        Model model = app.context().getCamelContextExtension().getContextPlugin(Model.class);
        for (RestDefinition rest : model.getRestDefinitions()) {
            for (VerbDefinition verb : rest.getVerbs()) {
                String path = join(rest.getPath(), verb.getPath());
                assertThat(doc.path("paths").path(path).has(verb.asVerb().toLowerCase(Locale.ROOT)))
                        .as(verb.asVerb() + " " + path + " in " + doc.path("paths").toString()).isTrue();
                operations++;
            }
        }
        assertThat(operations).isGreaterThanOrEqualTo(3);
    }

    private static String join(String base, String sub) {
        String b = base == null ? "" : base;
        String s = sub == null ? "" : sub;
        return (b + "/" + s).replaceAll("/+", "/").replaceAll("(.)/$", "$1");
    }

    private static String scrape() {
        HttpResponse<String> response = Http.get(app.managementUrl("/observe/metrics"));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** The sum of a metric's samples (0 if the meter does not exist yet). */
    private static double metric(String name) {
        return scrape().lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
