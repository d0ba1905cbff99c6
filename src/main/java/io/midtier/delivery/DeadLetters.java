package io.midtier.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;

/** Reads what the dead-letter route needs from a dead message, whatever state the message is in. */
public class DeadLetters {

    private final ObjectMapper json = new ObjectMapper();

    /** The update id from the header, else from the body; null when neither holds one. */
    public String updateId(String header, String message) {
        String id = header != null && !header.isBlank() ? header : field(message, "updateId");
        try {
            return id == null ? null : UUID.fromString(id).toString();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the broker dead-lettered the message because it expired (rather than after its attempts). */
    public boolean expired(Map<String, Object> headers) {
        return headers != null && headers.get("_AMQ_ACTUAL_EXPIRY") != null;
    }

    /** A top-level text field of the message, or "unknown" when the message is not the JSON midtier sent. */
    public String field(String message, String name) {
        try {
            JsonNode node = message == null ? null : json.readTree(message);
            JsonNode value = node == null ? null : node.get(name);
            return value == null || !value.isValueNode() ? "unknown" : value.asText();
        } catch (Exception e) {
            return "unknown";
        }
    }
}
