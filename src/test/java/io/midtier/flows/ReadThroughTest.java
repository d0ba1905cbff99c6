package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// read-through: the cache answers hits; a miss asks the back-end once, maps its record and stores it.
class ReadThroughTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start(db, "read-through");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_miss_asks_the_backend_and_the_next_read_is_a_hit_without_a_backend_call() {
        long before = app.simulatorStats().get("inquiries").asLong();

        HttpResponse<String> miss = Http.get(app.url("/api/accounts/1001"));
        assertThat(miss.statusCode()).isEqualTo(200);
        assertThat(miss.headers().firstValue("X-Cache")).hasValue("MISS");
        assertThat(miss.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        JsonNode account = MidtierTestApp.json(miss.body());
        assertThat(account.get("id").asText()).isEqualTo("1001");
        assertThat(account.get("name").asText()).isNotBlank();
        assertThat(account.get("balance").asText()).matches("-?[0-9]+\\.[0-9]{2}");
        assertThat(account.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(app.simulatorStats().get("inquiries").asLong()).isEqualTo(before + 1);

        HttpResponse<String> hit = Http.get(app.url("/api/accounts/1001"));
        assertThat(hit.statusCode()).isEqualTo(200);
        assertThat(hit.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(MidtierTestApp.json(hit.body())).isEqualTo(account);
        assertThat(app.simulatorStats().get("inquiries").asLong()).isEqualTo(before + 1);
    }

    @Test
    void leading_zeros_name_the_same_account() {
        Http.get(app.url("/api/accounts/1002"));
        long before = app.simulatorStats().get("inquiries").asLong();

        HttpResponse<String> padded = Http.get(app.url("/api/accounts/0001002"));

        assertThat(padded.statusCode()).isEqualTo(200);
        assertThat(padded.headers().firstValue("X-Cache")).hasValue("HIT");
        assertThat(app.simulatorStats().get("inquiries").asLong()).isEqualTo(before);
    }

    @Test
    void an_account_the_backend_does_not_know_is_404_with_a_json_error() {
        HttpResponse<String> response = Http.get(app.url("/api/accounts/9999"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(MidtierTestApp.json(response.body()).get("error").asText()).isEqualTo("NOT_FOUND");
        assertThat(db.count("select count(*) from cache_entry where id = '9999'")).isZero();
    }

    @Test
    void an_id_that_is_not_an_account_number_is_400_and_reaches_neither_backend_nor_database() {
        long before = app.simulatorStats().get("inquiries").asLong();

        for (String id : new String[] {"abc", "12345678901", "1001%27%20or%201=1", "..%2F1001"}) {
            HttpResponse<String> response = Http.get(app.url("/api/accounts/" + id));
            assertThat(response.statusCode()).as(id).isEqualTo(400);
            assertThat(MidtierTestApp.json(response.body()).get("error").asText()).isEqualTo("INVALID_ID");
        }
        assertThat(app.simulatorStats().get("inquiries").asLong()).isEqualTo(before);
    }

    @Test
    void responses_carry_no_internal_headers() {
        HttpResponse<String> response = Http.get(app.url("/api/accounts/1001"));

        assertThat(response.headers().map().keySet())
                .noneMatch(h -> h.equalsIgnoreCase("id") || h.toLowerCase().startsWith("camel"));
    }
}
