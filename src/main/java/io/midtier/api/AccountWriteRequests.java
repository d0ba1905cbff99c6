package io.midtier.api;

import java.util.UUID;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Reads a PUT of an account into what the dual-write writes, as the route's first step. One bean step in place of
 * the six it replaces: each method expression among them copied the exchange and evaluated Simple parameters, on
 * every write. The checks keep their order, so a request with several faults gets the same answer as before: the
 * account id (400), the media type and size (415, 413), the fields (400), If-Match (412), the Idempotency-Key (400).
 */
public class AccountWriteRequests {

    public static final String TYPE = "accounts";

    private final RequestIds ids;
    private final WriteRequests requests;
    private final AccountUpdateValidator validator;

    public AccountWriteRequests(RequestIds ids, WriteRequests requests, AccountUpdateValidator validator) {
        this.ids = ids;
        this.requests = requests;
        this.validator = validator;
    }

    /**
     * Sets the exchange properties type, id, patch (the canonical JSON of the fields to change), expectedVersion
     * (null: any), idempotencyKey (null: none), requestHash (with a key: what identifies the request behind it) and
     * updateId (a new random UUID); throws {@link ApiException} with the 4xx of the first check that fails.
     */
    public void read(Exchange exchange) {
        Message request = exchange.getMessage();
        // each property set as soon as it is known, as the steps it replaces did (the error handler sees them)
        exchange.setProperty("type", TYPE);
        String id = ids.accountId(request.getHeader("id", String.class));
        exchange.setProperty("id", id);
        requests.checkBody(exchange);
        String patch = validator.validate(request.getBody(String.class));
        exchange.setProperty("patch", patch);
        Long expectedVersion = requests.expectedVersion(request.getHeader("If-Match", String.class));
        exchange.setProperty("expectedVersion", expectedVersion);
        String key = requests.idempotencyKey(request.getHeader("Idempotency-Key", String.class));
        exchange.setProperty("idempotencyKey", key);
        if (key != null) {
            exchange.setProperty("requestHash", requests.requestHash(TYPE, id, patch, expectedVersion));
        }
        exchange.setProperty("updateId", UUID.randomUUID().toString());
    }
}
