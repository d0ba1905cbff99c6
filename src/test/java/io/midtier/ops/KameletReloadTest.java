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
import org.apache.camel.Route;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// kamelet hot reload: editing a kamelet file reloads the routes that call it, in the running context; the
// routes that do not call it are left alone.
class KameletReloadTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static Path kamelets;

    @BeforeAll
    static void start() throws IOException {
        Map<String, String> properties = MidtierTestApp.defaults(db, "kamelet-reload");
        Path data = Path.of(properties.get("midtier.data-dir")).toAbsolutePath();
        // copies of the project's routes and kamelets, so the test never edits the real ones
        Path routes = copy(Path.of("routes"), data.resolve("routes"), ".camel.yaml");
        kamelets = copy(Path.of("kamelets"), data.resolve("kamelets"), ".kamelet.yaml");
        // served and watched as an operator configures folders (kamelets/ beside routes/ would be found too)
        properties.remove("camel.main.routes-reload-enabled");
        properties.put("midtier.routes.directory", routes.toString());
        properties.put("midtier.kamelets.directory", kamelets.toString());
        app = MidtierTestApp.start(properties);
    }

    @AfterAll
    static void stop() throws IOException {
        // an operator saves a kamelet as midtier stops: the stop waits for the reload or refuses it, and ends cleanly
        // (a reload that replaced routes while the context stopped failed the stop once)
        Path inquiry = kamelets.resolve("backend-inquiry.kamelet.yaml");
        Files.writeString(inquiry, Files.readString(inquiry).replace("default: \"NOSUCH\"", "default: \"ACCTINQ\""));
        app.close();
    }

    @Test
    void an_edited_kamelet_reloads_the_routes_that_call_it_and_nothing_else() throws IOException {
        assertThat(Http.delete(app.url("/admin/cache/accounts/1023")).statusCode()).isIn(204, 409);
        assertThat(Http.get(app.url("/api/accounts/1023")).statusCode()).isEqualTo(200);
        Route caller = app.context().getRoute("ask-backend");
        Route bystander = app.context().getRoute("update-status");
        java.util.List<String> oldKameletRoutes = app.context().getRoutes().stream().map(Route::getRouteId)
                .filter(id -> id.matches("backend-inquiry-\\d+")).toList();
        assertThat(oldKameletRoutes).isNotEmpty();

        // the inquiry kamelet now runs a transaction the back-end does not know
        Path inquiry = kamelets.resolve("backend-inquiry.kamelet.yaml");
        String original = Files.readString(inquiry);
        assertThat(original).contains("default: \"ACCTINQ\"");
        Files.writeString(inquiry, original.replace("default: \"ACCTINQ\"", "default: \"NOSUCH\""));

        await("a read that goes to the back-end through the edited kamelet fails").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    Http.delete(app.url("/admin/cache/accounts/1024"));
                    return Http.get(app.url("/api/accounts/1024")).statusCode() == 503;
                });
        // the routes made from the old kamelet are gone (and the reload is over before the test ends)
        await().atMost(Duration.ofSeconds(30)).until(() ->
                oldKameletRoutes.stream().allMatch(id -> app.context().getRoute(id) == null));
        assertThat(app.context().getRoute("ask-backend")).isNotSameAs(caller);
        assertThat(app.context().getRoute("update-status")).isSameAs(bystander);
        assertThat(app.context().isStarted()).isTrue();
    }

    private static Path copy(Path from, Path to, String suffix) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> files = Files.list(from)) {
            for (Path file : files.filter(f -> f.toString().endsWith(suffix)).toList()) {
                Files.copy(file, to.resolve(file.getFileName()));
            }
        }
        return to.toAbsolutePath();
    }
}
