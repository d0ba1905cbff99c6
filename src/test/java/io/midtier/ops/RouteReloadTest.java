package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// route hot reload: editing one route file in the watched folder changes what the running application
// answers within seconds, without restarting the context or the other routes.
class RouteReloadTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static Path routes;

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> properties = MidtierTestApp.defaults(db, "reload");
        // a copy of the project's routes, so the test never edits the real ones
        routes = Files.createDirectories(Path.of(properties.get("midtier.data-dir"), "routes")).toAbsolutePath();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".camel.yaml")).toList()) {
                Files.copy(file, routes.resolve(file.getFileName()));
            }
        }
        Files.writeString(routes.resolve("reload-probe.camel.yaml"), probe("version one"));
        // served and watched as an operator configures a routes folder
        properties.remove("camel.main.routes-reload-enabled");
        properties.put("midtier.routes.directory", routes.toString());
        app = MidtierTestApp.start(properties);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void an_edited_route_file_is_reloaded_while_the_context_and_other_routes_keep_running() throws IOException {
        assertThat(Http.get(app.url("/reload-probe")).body()).isEqualTo("version one");
        Http.get(app.url("/api/accounts/1001"));
        assertThat(Http.get(app.url("/api/accounts/1001")).headers().firstValue("X-Cache")).hasValue("HIT");
        CamelContext context = app.context();
        Route readThrough = context.getRoute("read-through");
        Route probeBefore = context.getRoute("reload-probe");

        Files.writeString(routes.resolve("reload-probe.camel.yaml"), probe("version two"));

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> Http.get(app.url("/reload-probe")).body(), "version two"::equals);
        assertThat(app.context()).isSameAs(context);
        assertThat(context.isStarted()).isTrue();
        assertThat(context.getRoute("read-through")).as("other routes are not reloaded").isSameAs(readThrough);
        assertThat(context.getRoute("reload-probe")).as("the edited file's route is new").isNotSameAs(probeBefore);
        // midtier's meters survive the reload (Camel clears the registry on reload unless told not to)
        String metrics = Http.get(app.managementUrl("/observe/metrics")).body();
        assertThat(metrics).contains("midtier_cache_hits_total").contains("midtier_updates_outstanding");
        assertThat(Http.get(app.url("/api/accounts/1001")).statusCode()).isEqualTo(200);
    }

    private static String probe(String answer) {
        return """
                - route:
                    id: reload-probe
                    from:
                      uri: platform-http:/reload-probe
                      steps:
                        - setBody:
                            constant: "%s"
                """.formatted(answer);
    }
}
