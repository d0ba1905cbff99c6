package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Write preconditions of PUT /api/accounts/{id}: media type, size, If-Match and Idempotency-Key. A refusal is a
// 4xx with a JSON error and writes nothing: no cache change, no update row, no message.
class WriteRequestsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start(db, "write-requests");
        broker = app.bean("embeddedBroker", EmbeddedBroker.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_repeated_idempotency_key_gets_the_first_response_and_writes_nothing_new() {
        String key = "key-" + System.nanoTime();
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", key);
        HttpResponse<String> first = Http.put(app.url("/api/accounts/1081"), "{\"name\":\"ONCE\"}", headers);
        long updates = db.count("select count(*) from cache_update");
        long messages = broker.messagesAdded("midtier.updates");
        long version = cacheVersion(db, "1081");

        HttpResponse<String> repeat = Http.put(app.url("/api/accounts/1081"), "{\"name\":\"ONCE\"}", headers);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(repeat.statusCode()).isEqualTo(202);
        assertThat(repeat.body()).isEqualTo(first.body());
        assertThat(repeat.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates);
        assertThat(broker.messagesAdded("midtier.updates")).isEqualTo(messages);
        assertThat(cacheVersion(db, "1081")).isEqualTo(version);

        HttpResponse<String> other = Http.put(app.url("/api/accounts/1081"), "{\"name\":\"SOMETHING ELSE\"}", headers);
        assertError(other, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates);
    }

    @Test
    void concurrent_requests_with_one_idempotency_key_write_one_update() {
        String key = "race-" + System.nanoTime();
        Map<String, String> headers = Map.of("Content-Type", "application/json", "Idempotency-Key", key);
        Http.get(app.url("/api/accounts/1082"));
        long updates = db.count("select count(*) from cache_update");

        // the racers start together at a barrier, each on a thread of its own (the common pool has one thread on a
        // 2-core machine: its tasks would run one after the other)
        int racers = 8;
        CyclicBarrier start = new CyclicBarrier(racers);
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        List<HttpResponse<String>> responses;
        try {
            List<CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < racers; i++) {
                calls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException("the racers did not meet at the start", e);
                    }
                    return Http.put(app.url("/api/accounts/1082"), "{\"name\":\"RACE\"}", headers);
                }, threads));
            }
            responses = calls.stream().map(CompletableFuture::join).toList();
        } finally {
            threads.shutdownNow();
        }

        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates + 1);
        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(202));
        assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
    }

    @Test
    void if_match_with_the_current_etag_writes_and_with_an_old_one_is_412_and_writes_nothing() {
        HttpResponse<String> read = Http.get(app.url("/api/accounts/1083"));
        String etag = read.headers().firstValue("ETag").orElseThrow();

        HttpResponse<String> matching = Http.put(app.url("/api/accounts/1083"), "{\"name\":\"MATCHED\"}",
                Map.of("Content-Type", "application/json", "If-Match", etag));
        assertThat(matching.statusCode()).as(matching.body()).isEqualTo(202);

        long updates = db.count("select count(*) from cache_update");
        long messages = broker.messagesAdded("midtier.updates");
        long version = cacheVersion(db, "1083");
        HttpResponse<String> stale = Http.put(app.url("/api/accounts/1083"), "{\"name\":\"LOST UPDATE\"}",
                Map.of("Content-Type", "application/json", "If-Match", etag));

        assertError(stale, 412, "PRECONDITION_FAILED");
        assertError(Http.put(app.url("/api/accounts/1083"), "{\"name\":\"WEAK\"}",
                Map.of("Content-Type", "application/json", "If-Match", "W/\"" + version + "\"")), 412, "PRECONDITION_FAILED");
        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates);
        assertThat(broker.messagesAdded("midtier.updates")).isEqualTo(messages);
        assertThat(cacheVersion(db, "1083")).isEqualTo(version);
    }

    @Test
    void wrong_media_type_oversized_body_and_bad_headers_are_4xx_json_and_write_nothing() {
        Http.get(app.url("/api/accounts/1084"));
        long updates = db.count("select count(*) from cache_update");
        long messages = broker.messagesAdded("midtier.updates");
        long version = cacheVersion(db, "1084");
        long keys = db.count("select count(*) from idempotent_request");

        assertError(Http.put(app.url("/api/accounts/1084"), "{\"name\":\"TEXT\"}", Map.of("Content-Type", "text/plain")),
                415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(Http.put(app.url("/api/accounts/1084"), "{\"name\":\"NONE\"}", Map.of()), 415, "UNSUPPORTED_MEDIA_TYPE");
        assertError(Http.put(app.url("/api/accounts/1084"), "{\"name\":\"" + "A".repeat(5000) + "\"}"), 413, "PAYLOAD_TOO_LARGE");
        assertError(Http.put(app.url("/api/accounts/1084"), "{\"name\":\"BAD KEY\"}",
                Map.of("Content-Type", "application/json", "Idempotency-Key", "with space")), 400, "INVALID_IDEMPOTENCY_KEY");
        assertError(Http.put(app.url("/api/accounts/1084"), "{\"name\":\"BAD TAG\"}",
                Map.of("Content-Type", "application/json", "If-Match", "not-a-tag")), 412, "PRECONDITION_FAILED");
        assertError(Http.put(app.url("/api/accounts/1084"), "{\"name\":\"A\",\"address\":\"" + "B".repeat(61) + "\"}"),
                400, "INVALID_FIELD");

        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates);
        assertThat(broker.messagesAdded("midtier.updates")).isEqualTo(messages);
        assertThat(cacheVersion(db, "1084")).isEqualTo(version);
        assertThat(db.count("select count(*) from idempotent_request")).isEqualTo(keys);
    }

    @Test
    void the_outstanding_updates_are_listed_by_status_and_type_and_bad_filters_are_400() {
        Http.get(app.url("/api/accounts/1085"));
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":true}");
        String updateId;
        JsonNode pending;
        try {
            updateId = Updates.rename(app, "1085", "LISTED " + System.nanoTime());
            pending = MidtierTestApp.json(Http.get(app.url("/api/updates?status=PENDING&type=accounts")).body());
        } finally {
            Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
        }
        assertThat(pending.has("items")).as(pending.toString()).isTrue();
        assertThat(pending.get("items").findValuesAsText("updateId")).contains(updateId);
        assertThat(pending.get("items").findValuesAsText("status")).allMatch("PENDING"::equals);
        // pages count from 1 and hold the default size (midtier.api.page.default-size)
        assertThat(pending.get("page").asInt()).isEqualTo(1);
        assertThat(pending.get("size").asInt()).isEqualTo(20);

        Updates.awaitStatus(app, updateId, "APPLIED");
        JsonNode after = MidtierTestApp.json(Http.get(app.url("/api/updates?status=PENDING&type=accounts")).body());
        assertThat(after.get("items").findValuesAsText("updateId")).doesNotContain(updateId);
        assertError(Http.get(app.url("/api/updates?status=LOST")), 400, "INVALID_PARAMETER");
        assertError(Http.get(app.url("/api/updates?type=orders")), 400, "INVALID_PARAMETER");
        // the paging rule (api/Paging) answers a bad page or size INVALID_PAGE on every list (was INVALID_PARAMETER here)
        assertError(Http.get(app.url("/api/updates?page=-1")), 400, "INVALID_PAGE");
        assertError(Http.get(app.url("/api/updates?page=0")), 400, "INVALID_PAGE");
        assertError(Http.get(app.url("/api/updates?size=101")), 400, "INVALID_PAGE");
    }

    @Test
    void the_key_filter_finds_an_accounts_updates_in_the_whole_list_not_only_on_the_first_page() {
        String older = Updates.rename(app, "1086", "FIRST " + System.nanoTime());
        Updates.awaitStatus(app, older, "APPLIED");
        String wanted = Updates.rename(app, "1087", "SECOND " + System.nanoTime());
        Updates.awaitStatus(app, wanted, "APPLIED");
        JsonNode firstPage = MidtierTestApp.json(Http.get(app.url("/api/updates?size=1")).body());
        assertThat(firstPage.get("items").findValuesAsText("updateId")).as("not on the first page").doesNotContain(wanted);

        JsonNode byKey = MidtierTestApp.json(Http.get(app.url("/api/updates?size=1&key=1087")).body());
        assertThat(byKey.get("items").findValuesAsText("updateId")).containsExactly(wanted);
        // the key is an account id as the API reads it anywhere: zero padding names the same account
        JsonNode padded = MidtierTestApp.json(Http.get(app.url("/api/updates?key=0001087&type=accounts")).body());
        assertThat(padded.get("items").findValuesAsText("updateId")).containsExactly(wanted);
        JsonNode none = MidtierTestApp.json(Http.get(app.url("/api/updates?key=1087&status=PENDING")).body());
        assertThat(none.get("items")).isEmpty();
        assertError(Http.get(app.url("/api/updates?key=abc")), 400, "INVALID_PARAMETER");
        assertError(Http.get(app.url("/api/updates?key=12345678901")), 400, "INVALID_PARAMETER");
        assertError(Http.get(app.url("/api/updates?key=1087%27--")), 400, "INVALID_PARAMETER");
    }

    static long cacheVersion(TestDatabase db, String account) {
        return db.count("select version from cache_entry where type = 'accounts' and id = ?", account);
    }

    static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("json"));
        assertThat(MidtierTestApp.json(response.body()).get("error").asText()).isEqualTo(code);
        // an error describes one moment: no cache may keep it (api/ApiErrors.NO_STORE)
        assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
}
