package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.agroal.api.AgroalDataSource;
import io.midtier.cache.CacheCounters;
import io.midtier.cache.CheckConnection;
import io.midtier.cache.EntryValidators;
import io.midtier.db.DatabaseSettings;
import io.midtier.db.PlainDataSourceFactory;
import io.midtier.testsupport.CacheMetrics;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.springframework.jdbc.datasource.DelegatingDataSource;

// read path: freshness (TTL, refresh of expired entries, Cache-Control), ETag / If-None-Match, the negative
// cache, admin eviction, the cache counters, validate mode's near hits (answered in front of the routes once the
// database confirms them) and its questions (grouped; on a kept connection that a cut breaks), against the real
// simulator and PostgreSQL.
class ReadPathTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start(db, "read-path");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_fresh_entry_carries_its_version_as_etag_and_its_remaining_lifetime_as_max_age() {
        HttpResponse<String> miss = Http.get(app.url("/api/accounts/1021"));
        long version = MidtierTestApp.json(miss.body()).get("version").asLong();

        assertThat(miss.headers().firstValue("ETag")).hasValue("\"" + version + "\"");
        assertThat(miss.headers().firstValue("Cache-Control")).hasValue("max-age=300");
        HttpResponse<String> hit = Http.get(app.url("/api/accounts/1021"));
        assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(hit.headers().firstValue("Cache-Control").orElseThrow()).matches("max-age=(29[0-9]|300)");
    }

    @Test
    void if_none_match_with_the_current_etag_is_304_without_a_backend_call() {
        HttpResponse<String> first = Http.get(app.url("/api/accounts/1022"));
        String etag = first.headers().firstValue("ETag").orElseThrow();
        long before = inquiries();

        HttpResponse<String> notModified = Http.get(app.url("/api/accounts/1022"), Map.of("If-None-Match", etag));
        HttpResponse<String> weakList = Http.get(app.url("/api/accounts/1022"),
                Map.of("If-None-Match", "\"0\", W/" + etag));
        HttpResponse<String> other = Http.get(app.url("/api/accounts/1022"), Map.of("If-None-Match", "\"0\""));

        assertThat(notModified.statusCode()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        assertThat(notModified.headers().firstValue("ETag")).hasValue(etag);
        assertThat(weakList.statusCode()).isEqualTo(304);
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(MidtierTestApp.json(other.body())).isEqualTo(MidtierTestApp.json(first.body()));
        assertThat(inquiries()).isEqualTo(before);
    }

    @Test
    void applying_a_pending_update_changes_the_etag_so_the_pending_copy_is_not_answered_304() {
        Http.get(app.url("/api/accounts/1027"));
        // the update must still be pending at the next read: at the simulator's 5 ms a delivery can be done before it
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"latencyMs\":1000}");
        String updateId;
        HttpResponse<String> pending;
        try {
            updateId = Updates.rename(app, "1027", "ETAG CHECK");
            pending = Http.get(app.url("/api/accounts/1027"));
        } finally {
            Http.put(app.simulatorUrl("/simulator/faults"), "{\"latencyMs\":5}");
        }
        String pendingTag = pending.headers().firstValue("ETag").orElseThrow();
        assertThat(MidtierTestApp.json(pending.body()).get("pendingUpdate").asText()).isEqualTo(updateId);

        Updates.awaitStatus(app, updateId, "APPLIED");
        HttpResponse<String> applied = Http.get(app.url("/api/accounts/1027"), Map.of("If-None-Match", pendingTag));

        assertThat(applied.statusCode()).isEqualTo(200);
        assertThat(MidtierTestApp.json(applied.body()).get("pendingUpdate").isNull()).isTrue();
        assertThat(applied.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(pendingTag);
        assertThat(Http.get(app.url("/api/accounts/1027"),
                Map.of("If-None-Match", applied.headers().firstValue("ETag").orElseThrow())).statusCode()).isEqualTo(304);
    }

    @Test
    void an_expired_entry_is_refreshed_once_then_served_from_the_cache() {
        Http.get(app.url("/api/accounts/1023"));
        db.update("update cache_entry set expires_at = now() - interval '1 second' where type = 'accounts' and id = '1023'");
        long before = inquiries();

        HttpResponse<String> refreshed = Http.get(app.url("/api/accounts/1023"));
        HttpResponse<String> hit = Http.get(app.url("/api/accounts/1023"));

        assertThat(refreshed.statusCode()).isEqualTo(200);
        assertThat(refreshed.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(inquiries()).isEqualTo(before + 1);
        assertThat(db.count("select count(*) from cache_entry where type = 'accounts' and id = '1023' "
                + "and expires_at > now() + interval '200 seconds'")).isEqualTo(1);
        // same content: the refresh keeps the version, so clients' ETags stay valid
        assertThat(hit.headers().firstValue("ETag")).isEqualTo(refreshed.headers().firstValue("ETag"));
    }

    @Test
    void an_unknown_account_is_asked_for_once_and_remembered_until_its_not_found_ttl_ends() {
        long before = inquiries();

        HttpResponse<String> first = Http.get(app.url("/api/accounts/9998"));
        HttpResponse<String> second = Http.get(app.url("/api/accounts/9998"));

        assertThat(first.statusCode()).isEqualTo(404);
        assertThat(second.statusCode()).isEqualTo(404);
        assertThat(MidtierTestApp.json(second.body()).get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(inquiries()).isEqualTo(before + 1);

        db.update("update cache_absent set expires_at = now() - interval '1 second' where id = '9998'");
        assertThat(Http.get(app.url("/api/accounts/9998")).statusCode()).isEqualTo(404);
        assertThat(inquiries()).isEqualTo(before + 2);
    }

    @Test
    void eviction_makes_the_next_read_ask_the_backend_again() {
        Http.get(app.url("/api/accounts/1024"));
        long before = inquiries();

        HttpResponse<String> evicted = Http.delete(app.url("/admin/cache/accounts/1024"));
        HttpResponse<String> again = Http.delete(app.url("/admin/cache/accounts/1024"));

        assertThat(evicted.statusCode()).isEqualTo(204);
        assertThat(again.statusCode()).isEqualTo(204);
        assertThat(db.count("select count(*) from cache_entry where type = 'accounts' and id = '1024'")).isZero();
        HttpResponse<String> reread = Http.get(app.url("/api/accounts/1024"));
        assertThat(reread.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(inquiries()).isEqualTo(before + 1);
        assertThat(Http.delete(app.url("/admin/cache/accounts/10x4")).statusCode()).isEqualTo(400);
    }

    @Test
    void an_entry_with_an_update_on_its_way_is_not_evicted() {
        Http.get(app.url("/api/accounts/1025"));
        db.update("update cache_entry set state = 'PENDING' where type = 'accounts' and id = '1025'");
        try {
            HttpResponse<String> refused = Http.delete(app.url("/admin/cache/accounts/1025"));

            assertThat(refused.statusCode()).isEqualTo(409);
            assertThat(MidtierTestApp.json(refused.body()).get("error").asText()).isEqualTo("ENTRY_PENDING");
            assertThat(db.count("select count(*) from cache_entry where type = 'accounts' and id = '1025'"))
                    .isEqualTo(1);
        } finally {
            db.update("update cache_entry set state = 'FRESH' where type = 'accounts' and id = '1025'");
        }
    }

    @Test
    void hits_misses_and_backend_calls_are_counted() {
        db.update("delete from cache_entry where type = 'accounts' and id = '1026'");
        double hits = CacheMetrics.count(app, "midtier.cache.hits");
        double misses = CacheMetrics.count(app, "midtier.cache.misses");
        double calls = CacheMetrics.count(app, "midtier.cache.backend.calls");
        double negative = CacheMetrics.count(app, "midtier.cache.negative.hits");

        Http.get(app.url("/api/accounts/1026"));
        Http.get(app.url("/api/accounts/1026"));
        Http.get(app.url("/api/accounts/1026"));
        Http.get(app.url("/api/accounts/9999"));
        Http.get(app.url("/api/accounts/9999"));

        assertThat(CacheMetrics.count(app, "midtier.cache.misses")).isGreaterThanOrEqualTo(misses + 1);
        assertThat(CacheMetrics.count(app, "midtier.cache.hits")).isEqualTo(hits + 2);
        assertThat(CacheMetrics.count(app, "midtier.cache.backend.calls")).isBetween(calls + 1, calls + 2);
        assertThat(CacheMetrics.count(app, "midtier.cache.negative.hits")).isGreaterThanOrEqualTo(negative + 1);
    }

    @Test
    void a_request_header_named_like_a_response_header_is_never_sent_back() {
        Map<String, String> forged = Map.of("Location", "http://elsewhere.invalid/", "Cache-Control", "public",
                "ETag", "\"forged\"", "X-Cache", "forged");
        Http.get(app.url("/api/accounts/1031"));

        HttpResponse<String> hit = Http.get(app.url("/api/accounts/1031"), forged);

        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.headers().firstValue("Location")).isEmpty();
        assertThat(hit.headers().allValues("Cache-Control")).hasSize(1).allMatch(v -> v.startsWith("max-age="));
        assertThat(hit.headers().firstValue("ETag")).hasValueSatisfying(v -> assertThat(v).isNotEqualTo("\"forged\""));
        assertThat(hit.headers().firstValue("X-Cache")).hasValueSatisfying(v -> assertThat(v).isNotEqualTo("forged"));
    }

    @Test
    void a_near_hit_is_answered_in_front_of_the_routes_once_confirmed_and_a_copy_no_longer_confirmed_goes_to_them() {
        String url = app.url("/api/accounts/1035");
        Http.get(url);
        Http.get(url);
        double routeExchanges = CacheMetrics.routeExchanges(app, "get-account");
        double nearHits = CacheMetrics.count(app, CacheCounters.NEAR_HITS);

        HttpResponse<String> confirmed = Http.get(url);
        // the entry changes behind the near copy's back: the question no longer confirms it
        db.update("update cache_entry set version = version + 1, body = jsonb_set(body, '{name}', '\"CHANGED BEHIND\"')"
                + " where type = 'accounts' and id = '1035'");
        HttpResponse<String> routed = Http.get(url);
        HttpResponse<String> nearAgain = Http.get(url);

        assertThat(confirmed.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(CacheMetrics.count(app, CacheCounters.NEAR_HITS)).isEqualTo(nearHits + 2);
        assertThat(CacheMetrics.routeExchanges(app, "get-account")).as("only the unconfirmed copy's read reached the route")
                .isEqualTo(routeExchanges + 1);
        assertThat(routed.headers().firstValue("ETag")).isNotEqualTo(confirmed.headers().firstValue("ETag"));
        assertThat(MidtierTestApp.json(routed.body()).get("name").asText()).isEqualTo("CHANGED BEHIND");
        assertThat(nearAgain.body()).isEqualTo(routed.body());
        for (String header : List.of("ETag", "X-Cache", "Content-Type")) {
            assertThat(nearAgain.headers().firstValue(header)).as(header).isEqualTo(routed.headers().firstValue(header));
        }
    }

    @Test
    void the_grouped_validate_question_answers_each_key_as_its_own_question_does() throws Exception {
        Http.get(app.url("/api/accounts/1032"));
        Http.get(app.url("/api/accounts/1033"));
        db.update("update cache_entry set pending_update = gen_random_uuid() where type = 'accounts' and id = '1033'");
        String[] ids = {"1033", "no-such-entry", "1032", "1033"};
        String[] types = {"accounts", "accounts", "accounts", "accounts"};
        try (CheckConnection rows = new CheckConnection(app.context().getRegistry().lookupByNameAndType(
                "cacheDataSource", DataSource.class))) {
            EntryValidators[] grouped = rows.checkAll(types, ids);

            assertThat(grouped).hasSameSizeAs(ids);
            assertThat(grouped[0].pending()).isTrue();
            assertThat(grouped[1].exists()).isFalse();
            assertThat(grouped[2].pending()).isFalse();
            for (int i = 0; i < ids.length; i++) {
                EntryValidators own = rows.check(types[i], ids[i]);
                assertThat(grouped[i]).usingRecursiveComparison().ignoringFields("remainingMs").isEqualTo(own);
                assertThat(grouped[i].remainingMs()).isCloseTo(own.remainingMs(), within(5_000L));
            }
        }
        db.update("update cache_entry set pending_update = null where type = 'accounts' and id = '1033'");
    }

    @Test
    void the_validate_question_asks_again_on_a_new_connection_when_its_kept_one_was_cut() throws Exception {
        Http.get(app.url("/api/accounts/1034"));
        List<Integer> backends = new CopyOnWriteArrayList<>();
        try (AgroalDataSource pool = PlainDataSourceFactory.create(
                new DatabaseSettings(db.url(), TestDatabase.USER, "", 1, 5000), 1);
             CheckConnection checks = new CheckConnection(new DelegatingDataSource(pool) {
                 @Override
                 public Connection getConnection() throws SQLException {
                     Connection connection = super.getConnection();
                     backends.add(connection.unwrap(PGConnection.class).getBackendPID());
                     return connection;
                 }
             })) {
            EntryValidators before = checks.check("accounts", "1034");
            checks.check("accounts", "1034");
            assertThat(backends).as("one connection kept for both questions").hasSize(1);

            assertThat(db.query("select pg_terminate_backend(?)", backends.get(0)).get(0))
                    .containsEntry("pg_terminate_backend", true);
            EntryValidators after = checks.check("accounts", "1034");
            EntryValidators[] grouped = checks.checkAll(new String[] {"accounts"}, new String[] {"1034"});

            assertThat(after).usingRecursiveComparison().ignoringFields("remainingMs").isEqualTo(before);
            assertThat(grouped[0]).usingRecursiveComparison().ignoringFields("remainingMs").isEqualTo(before);
            assertThat(backends).as("a new connection after the cut, kept again").hasSize(2)
                    .doesNotHaveDuplicates();
        }
    }

    private static long inquiries() {
        return app.simulatorStats().get("inquiries").asLong();
    }
}
