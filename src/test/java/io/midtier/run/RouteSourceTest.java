package io.midtier.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// Where the routes come from: the jar unless a folder is configured, or (outside prod) the working directory has
// routes/; a configured folder that does not exist is refused naming the setting.
class RouteSourceTest {

    @TempDir
    Path work;

    @Test
    void a_folder_without_routes_serves_the_jars_routes_and_kamelets() throws IOException {
        RouteSource source = RouteSource.decide("", "", false, work);

        assertThat(source.fromJar()).isTrue();
        // every packaged route file, named one by one (no class path wildcard to search the jar with)
        assertThat(source.includePattern().split(",")).contains("classpath:routes/read-through.camel.yaml",
                "classpath:routes/dual-write.camel.yaml").allMatch(p -> p.startsWith("classpath:routes/")
                && p.endsWith(".camel.yaml") && !p.contains("*"));
        try (var files = Files.list(Path.of("routes"))) {
            assertThat(source.includePattern().split(",")).hasSize(
                    (int) files.filter(f -> f.toString().endsWith(".camel.yaml")).count());
        }
        assertThat(source.kameletLocation()).isEqualTo("classpath:kamelets");
        assertThat(RouteSourceSetup.settings(source)).containsEntry("camel.main.routes-reload-enabled", "false")
                .doesNotContainKey("camel.main.routes-reload-directory");
    }

    @Test
    void the_projects_routes_folder_is_served_and_watched_outside_prod() throws IOException {
        Files.createDirectories(work.resolve("routes"));
        Files.createDirectories(work.resolve("kamelets"));

        RouteSource source = RouteSource.decide(null, null, false, work);

        assertThat(source.routesDirectory()).contains(work.resolve("routes").toAbsolutePath());
        assertThat(source.includePattern()).isEqualTo("file:" + work.resolve("routes").toAbsolutePath() + "/*.camel.yaml");
        assertThat(source.kameletLocation()).isEqualTo("file:" + work.resolve("kamelets").toAbsolutePath() + ",classpath:kamelets");
        assertThat(RouteSourceSetup.settings(source)).containsEntry("camel.main.routes-reload-enabled", "true")
                .containsEntry("camel.main.routes-reload-directory", work.resolve("routes").toAbsolutePath().toString());
        assertThat(source.kameletDirectory()).contains(work.resolve("kamelets").toAbsolutePath());
    }

    @Test
    void the_prod_profile_ignores_the_working_directorys_routes_folder() throws IOException {
        Files.createDirectories(work.resolve("routes"));

        assertThat(RouteSource.decide("", "", true, work).fromJar()).isTrue();
    }

    @Test
    void a_configured_folder_is_served_in_prod_too_with_the_jars_kamelets_when_none_is_beside_it() throws IOException {
        Path routes = Files.createDirectories(work.resolve("custom/flows"));

        RouteSource source = RouteSource.decide(routes.toString(), "", true, work);

        assertThat(source.routesDirectory()).contains(routes.toAbsolutePath());
        assertThat(source.kameletDirectory()).isEmpty();
        assertThat(source.kameletLocation()).isEqualTo("classpath:kamelets");
    }

    @Test
    void a_configured_folder_that_does_not_exist_is_refused_naming_the_setting() {
        assertThatThrownBy(() -> RouteSource.decide("no-such-routes", "", false, work))
                .isInstanceOf(StartRefused.class)
                .hasMessageStartingWith("midtier.routes.directory=")
                .hasMessageContaining("no such folder");
        assertThatThrownBy(() -> RouteSource.decide(Files.createDirectories(work.resolve("r")).toString(),
                "missing-kamelets", false, work))
                .isInstanceOf(StartRefused.class)
                .hasMessageStartingWith("midtier.kamelets.directory=");
    }
}
