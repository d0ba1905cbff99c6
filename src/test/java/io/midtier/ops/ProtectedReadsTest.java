package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.cache.NearCache;
import io.midtier.testsupport.CacheMetrics;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// reads protected by configuration (midtier.security.reads-open=false): any known user may read, nobody else, also
// where the near cache answers without the routes.
class ProtectedReadsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> properties = MidtierTestApp.defaults(db, "protected-reads");
        properties.put("midtier.security.reads-open", "false");
        // near hits answered on the event loop (io.midtier.cache.NearHits) must be behind the security handler too
        properties.put("midtier.cache.near.mode", "notify");
        app = MidtierTestApp.start(properties);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_read_without_credentials_is_401_and_a_reader_may_read() {
        String url = app.url("/api/accounts/1001");

        assertThat(Http.get(url, Http.anonymous()).statusCode()).isEqualTo(401);
        assertThat(Http.get(url, Http.basic(MidtierTestApp.READER, "wrong")).statusCode()).isEqualTo(401);
        assertThat(Http.get(url, Http.basic(MidtierTestApp.READER, MidtierTestApp.READER_PASSWORD)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void an_entry_the_near_cache_answers_without_the_routes_is_still_refused_without_credentials() {
        String url = app.url("/api/accounts/1002");
        Map<String, String> reader = Http.basic(MidtierTestApp.READER, MidtierTestApp.READER_PASSWORD);
        NearCache near = app.bean("nearCache", NearCache.class);
        // the first read loads the entry and logs its refresh, whose invalidation drops the copy: read until one stays
        await().atMost(Duration.ofSeconds(10)).until(() ->
                Http.get(url, reader).statusCode() == 200 && near.get("accounts:1002") != null);
        double routeExchanges = CacheMetrics.routeExchanges(app, "get-account");

        int anonymous = Http.get(url, Http.anonymous()).statusCode();
        int wrongPassword = Http.get(url, Http.basic(MidtierTestApp.READER, "wrong")).statusCode();
        HttpResponse<String> read = Http.get(url, reader);

        assertThat(anonymous).isEqualTo(401);
        assertThat(wrongPassword).isEqualTo(401);
        assertThat(read.headers().firstValue("X-Cache")).hasValue("HIT");
        // answered in front of the routes: the refusals above were the security handler's, not the route's
        assertThat(CacheMetrics.routeExchanges(app, "get-account")).isEqualTo(routeExchanges);
    }

    @Test
    void the_open_dead_letters_are_read_under_the_same_policy_as_the_other_lists() {
        String url = app.url("/api/dead-letters");

        var anonymous = Http.get(url, Http.anonymous());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(Http.get(url, Http.basic(MidtierTestApp.READER, MidtierTestApp.READER_PASSWORD)).statusCode())
                .isEqualTo(200);
    }

    @Test
    void a_reader_still_may_not_write() {
        var response = Http.put(app.url("/api/accounts/1001"), "{\"name\":\"READER\"}", Map.of(
                "Content-Type", "application/json",
                "Authorization", Http.basicValue(MidtierTestApp.READER, MidtierTestApp.READER_PASSWORD)));

        assertThat(response.statusCode()).isEqualTo(403);
    }
}
