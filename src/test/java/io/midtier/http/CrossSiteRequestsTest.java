package io.midtier.http;

import static io.midtier.http.CrossSiteRequests.Verdict.CROSS_SITE;
import static io.midtier.http.CrossSiteRequests.Verdict.NOT_FROM_A_BROWSER;
import static io.midtier.http.CrossSiteRequests.Verdict.READ;
import static io.midtier.http.CrossSiteRequests.Verdict.SAME_ORIGIN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

// Which state-changing requests the CSRF check lets through, from the browser's provenance headers.
class CrossSiteRequestsTest {

    @Test
    void reads_are_never_refused() {
        assertThat(CrossSiteRequests.judge("GET", "cross-site", "http://evil.example", "midtier:8080")).isEqualTo(READ);
        assertThat(CrossSiteRequests.judge("head", "cross-site", null, null)).isEqualTo(READ);
    }

    @Test
    void a_post_from_the_same_origin_goes_on() {
        assertThat(CrossSiteRequests.judge("POST", "same-origin", "http://127.0.0.1:8080", "127.0.0.1:8080"))
                .isEqualTo(SAME_ORIGIN);
        assertThat(CrossSiteRequests.judge("DELETE", "none", null, "127.0.0.1:8080")).isEqualTo(SAME_ORIGIN);
    }

    @Test
    void a_post_from_another_site_or_a_sibling_site_is_refused() {
        assertThat(CrossSiteRequests.judge("POST", "cross-site", "http://localhost:9999", "127.0.0.1:8080"))
                .isEqualTo(CROSS_SITE);
        assertThat(CrossSiteRequests.judge("PUT", "same-site", "http://other.midtier.example", "midtier.example"))
                .isEqualTo(CROSS_SITE);
    }

    @Test
    void without_sec_fetch_site_the_origin_must_name_the_host() {
        assertThat(CrossSiteRequests.judge("POST", null, "http://127.0.0.1:8080", "127.0.0.1:8080")).isEqualTo(SAME_ORIGIN);
        assertThat(CrossSiteRequests.judge("POST", null, "http://127.0.0.1:9999", "127.0.0.1:8080")).isEqualTo(CROSS_SITE);
        assertThat(CrossSiteRequests.judge("POST", null, "null", "127.0.0.1:8080")).isEqualTo(CROSS_SITE);
        assertThat(CrossSiteRequests.judge("POST", null, "http://127.0.0.1:8080", null)).isEqualTo(CROSS_SITE);
    }

    @Test
    void a_client_that_is_not_a_browser_goes_on_to_the_credential_check() {
        assertThat(CrossSiteRequests.judge("POST", null, null, "127.0.0.1:8080")).isEqualTo(NOT_FROM_A_BROWSER);
    }
}
