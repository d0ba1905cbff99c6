package io.midtier.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

// Which console file a request path gets: only the listed files, relative links only, nothing from elsewhere.
class ConsoleAssetsTest {

    private final ConsoleAssets assets = new ConsoleAssets();

    @Test
    void the_bare_path_is_redirected_relatively_so_a_path_prefix_is_kept() {
        ConsoleAssets.Answer answer = assets.answer("/console");
        assertThat(answer.status()).isEqualTo(301);
        assertThat(answer.location()).isEqualTo("console/");
    }

    @Test
    void the_folder_serves_the_page_and_the_page_names_its_files_relatively() {
        ConsoleAssets.Answer answer = assets.answer("/console/");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.contentType()).startsWith("text/html");
        String html = new String(answer.body(), StandardCharsets.UTF_8);
        assertThat(html).contains("href=\"console.css\"", "src=\"console.js\"").doesNotContain("http://", "https://");
    }

    @Test
    void the_script_calls_the_api_by_relative_urls_only() {
        String js = new String(assets.answer("/console/console.js").body(), StandardCharsets.UTF_8);
        assertThat(js).contains("'../api/changes/stream'", "'../api/dead-letters", "'../admin/dead-letters")
                .doesNotContain("'/api/", "http://", "https://");
    }

    @Test
    void anything_else_is_not_found() {
        assertThat(assets.answer("/console/../application.properties").status()).isEqualTo(404);
        assertThat(assets.answer("/console/console.js.map").status()).isEqualTo(404);
        assertThat(assets.answer("/console/sql/find-updates.sql").status()).isEqualTo(404);
    }

    @Test
    void the_first_load_stays_small() {
        long bytes = ConsoleAssets.FILES.keySet().stream().mapToLong(f -> assets.answer("/console/" + f).body().length).sum();
        assertThat(bytes).as("the page, its style and its script").isLessThan(300_000);
    }
}
