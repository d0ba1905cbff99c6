package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.broker.EmbeddedBroker;
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

// dual-write and backend-delivery: a PUT is accepted (202), visible in the cache at once, and applied once.
class DualWriteTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start(db, "dual-write");
        broker = app.bean("embeddedBroker", EmbeddedBroker.class);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void an_update_is_accepted_shown_at_once_and_applied_exactly_once() {
        String name = "DUAL WRITE " + System.nanoTime();

        HttpResponse<String> put = Http.put(app.url("/api/accounts/1003"), "{\"name\":\"" + name + "\"}");

        assertThat(put.statusCode()).isEqualTo(202);
        JsonNode accepted = MidtierTestApp.json(put.body());
        String updateId = accepted.get("updateId").asText();
        assertThat(put.headers().firstValue("Location")).hasValue("/api/updates/" + updateId);
        assertThat(accepted.get("status").asText()).isEqualTo("PENDING");

        JsonNode cached = MidtierTestApp.json(Http.get(app.url("/api/accounts/1003")).body());
        assertThat(cached.get("name").asText()).isEqualTo(name);
        assertThat(cached.get("version").asLong()).isEqualTo(accepted.get("version").asLong());

        await().atMost(Duration.ofSeconds(30)).until(() ->
                MidtierTestApp.json(Http.get(app.url("/api/updates/" + updateId)).body()).get("status").asText(),
                "APPLIED"::equals);

        JsonNode applied = MidtierTestApp.json(Http.get(app.simulatorUrl("/simulator/applied?account=1003")).body());
        long copies = 0;
        for (JsonNode row : applied) {
            if (row.get("token").asText().equals(updateId)) {
                copies++;
                assertThat(row.get("duplicate").asBoolean()).isFalse();
                assertThat(row.get("name").asText()).isEqualTo(name);
            }
        }
        assertThat(copies).isEqualTo(1);
        assertThat(MidtierTestApp.json(Http.get(app.simulatorUrl("/simulator/accounts/1003")).body()).get("name").asText())
                .isEqualTo(name);
        assertThat(MidtierTestApp.json(Http.get(app.url("/api/accounts/1003")).body()).get("pendingUpdate").isNull())
                .isTrue();
    }

    @Test
    void the_202_body_keeps_its_compact_form_and_a_repeated_key_gets_the_same_bytes() {
        // clients (and the reliability harness) read the 202 as the compact JSON it has always been
        String key = "compact-" + System.nanoTime();
        HttpResponse<String> put = Http.put(app.url("/api/accounts/1004"), "{\"name\":\"COMPACT\"}",
                Map.of("Content-Type", "application/json", "Idempotency-Key", key));
        assertThat(put.statusCode()).isEqualTo(202);
        String updateId = MidtierTestApp.json(put.body()).get("updateId").asText();
        long version = MidtierTestApp.json(put.body()).get("version").asLong();
        assertThat(put.body()).isEqualTo("{\"updateId\":\"" + updateId + "\",\"status\":\"PENDING\",\"version\":" + version
                + ",\"location\":\"/api/updates/" + updateId + "\"}");

        HttpResponse<String> repeated = Http.put(app.url("/api/accounts/1004"), "{\"name\":\"COMPACT\"}",
                Map.of("Content-Type", "application/json", "Idempotency-Key", key));
        assertThat(repeated.statusCode()).isEqualTo(202);
        assertThat(repeated.body()).isEqualTo(put.body());
    }

    @Test
    void bad_input_is_a_400_with_a_json_error_and_changes_nothing() {
        Http.get(app.url("/api/accounts/1004"));
        long version = db.count("select version from cache_entry where type = 'accounts' and id = '1004'");
        long updates = db.count("select count(*) from cache_update");
        long queued = broker.messagesAdded("midtier.updates");

        Map<String, String> cases = Map.of(
                "{\"name\": ", "MALFORMED_JSON",
                "{\"balance\": \"1000000.00\"}", "UNKNOWN_FIELD",
                "{\"name\": 42}", "INVALID_FIELD",
                "{\"name\": \"" + "X".repeat(41) + "\"}", "INVALID_FIELD",
                "[\"name\"]", "NOT_AN_OBJECT",
                "{}", "NO_FIELDS",
                "{\"name\": \"   \"}", "INVALID_FIELD",
                "{\"phone\": \"call me; drop table\"}", "INVALID_FIELD");
        cases.forEach((body, code) -> {
            HttpResponse<String> response = Http.put(app.url("/api/accounts/1004"), body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(MidtierTestApp.json(response.body()).get("error").asText()).as(body).isEqualTo(code);
        });
        HttpResponse<String> badId = Http.put(app.url("/api/accounts/10x4"), "{\"name\":\"A\"}");
        assertThat(badId.statusCode()).isEqualTo(400);

        assertThat(db.count("select version from cache_entry where type = 'accounts' and id = '1004'"))
                .isEqualTo(version);
        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates);
        assertThat(broker.messagesAdded("midtier.updates")).isEqualTo(queued);
    }

    @Test
    void an_update_of_an_unknown_account_is_404_and_writes_nothing() {
        long updates = db.count("select count(*) from cache_update");

        HttpResponse<String> response = Http.put(app.url("/api/accounts/9999"), "{\"name\":\"NOBODY\"}");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates);
    }

    @Test
    void the_status_of_an_unknown_update_is_404_and_a_malformed_id_400() {
        assertThat(Http.get(app.url("/api/updates/00000000-0000-0000-0000-000000000000")).statusCode()).isEqualTo(404);
        assertThat(Http.get(app.url("/api/updates/not-a-uuid")).statusCode()).isEqualTo(400);
    }
}
