package io.midtier.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/**
 * The JSON bodies of the answers to commands that return where their result can be followed: an order submitted
 * (202), a dead letter replayed (202) or discarded (200). Built by Jackson from records, so the field names and
 * their escaping are the same everywhere.
 */
public class CommandAnswers {

    record Accepted(String orderId, String updateId, String status, String location) {
    }

    private final ObjectMapper json = new ObjectMapper()
            .setSerializationInclusion(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL);

    /** {@code {"orderId":…,"status":"SUBMITTED","location":"/api/orders/…"}} */
    public String orderSubmitted(String orderId) {
        return write(new Accepted(orderId, null, "SUBMITTED", "/api/orders/" + orderId));
    }

    /** {@code {"updateId":…,"status":"PENDING","location":"/api/updates/…"}}: the update is on its way again. */
    public String updateReplayed(String updateId) {
        return write(new Accepted(null, updateId, "PENDING", "/api/updates/" + updateId));
    }

    /** {@code {"updateId":…,"status":"DISCARDED"}} */
    public String updateDiscarded(String updateId) {
        return write(new Accepted(null, updateId, "DISCARDED", null));
    }

    private String write(Accepted answer) {
        try {
            return json.writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
