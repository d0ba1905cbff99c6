package io.midtier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

// The PUT read into what the dual-write writes: the properties it sets, and the order of its checks (a request
// with several faults is answered for the first of them).
class AccountWriteRequestsTest {

    private final AccountWriteRequests requests = new AccountWriteRequests(new RequestIds(), new WriteRequests(1024),
            new AccountUpdateValidator());

    private static Exchange put(String id, String contentType, String body) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.getMessage().setHeader("id", id);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, contentType);
        exchange.getMessage().setBody(body.getBytes(StandardCharsets.UTF_8));
        return exchange;
    }

    private static int status(Exchange exchange, AccountWriteRequests requests) {
        try {
            requests.read(exchange);
            return 0;
        } catch (ApiException e) {
            return e.status();
        }
    }

    @Test
    void a_valid_put_sets_what_the_dual_write_reads() {
        Exchange exchange = put("001001", "application/json", "{\"phone\":\"555 0100\"}");
        exchange.getMessage().setHeader("If-Match", "\"7\"");
        exchange.getMessage().setHeader("Idempotency-Key", "key-1");
        requests.read(exchange);

        assertThat(exchange.getProperties()).containsEntry("type", "accounts").containsEntry("id", "1001")
                .containsEntry("patch", "{\"phone\":\"555 0100\"}").containsEntry("expectedVersion", 7L)
                .containsEntry("idempotencyKey", "key-1")
                .containsEntry("requestHash", new WriteRequests(1024).requestHash("accounts", "1001",
                        "{\"phone\":\"555 0100\"}", 7L));
        assertThat(exchange.getProperty("updateId", String.class))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void without_a_key_there_is_no_request_hash_and_any_version_will_do() {
        Exchange exchange = put("1002", "application/json; charset=utf-8", "{\"name\":\"A\"}");
        requests.read(exchange);
        assertThat(exchange.getProperties()).doesNotContainKeys("requestHash", "expectedVersion", "idempotencyKey");
        assertThat(exchange.getProperty("updateId")).isNotNull();
    }

    @Test
    void the_first_failing_check_answers() {
        // a bad id before a bad media type
        assertThat(status(put("x", "text/plain", "{}"), requests)).isEqualTo(400);
        // a bad media type before bad fields
        assertThat(status(put("1", "text/plain", "{\"nope\":1}"), requests)).isEqualTo(415);
        // bad fields before a bad If-Match
        Exchange badFields = put("1", "application/json", "{\"nope\":\"1\"}");
        badFields.getMessage().setHeader("If-Match", "W/\"1\"");
        assertThat(status(badFields, requests)).isEqualTo(400);
        // a bad If-Match before a bad key
        Exchange badVersion = put("1", "application/json", "{\"name\":\"A\"}");
        badVersion.getMessage().setHeader("If-Match", "W/\"1\"");
        badVersion.getMessage().setHeader("Idempotency-Key", "\u00e9");
        assertThat(status(badVersion, requests)).isEqualTo(412);
        Exchange badKey = put("1", "application/json", "{\"name\":\"A\"}");
        badKey.getMessage().setHeader("Idempotency-Key", "\u00e9");
        assertThat(status(badKey, requests)).isEqualTo(400);
        // nothing is set for the write when a check failed
        assertThat(badKey.getProperties()).doesNotContainKey("updateId");
    }

    @Test
    void a_body_over_the_limit_is_413() {
        assertThat(status(put("1", "application/json", "{\"name\":\"" + "A".repeat(2000) + "\"}"), requests))
                .isEqualTo(413);
    }
}
