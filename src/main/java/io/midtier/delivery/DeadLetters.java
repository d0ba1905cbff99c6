package io.midtier.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what the dead-letter route needs from a dead message, whatever state the message is in, and decides what
 * becomes of it.
 */
public class DeadLetters {

    private final ObjectMapper json = new ObjectMapper();
    private final int maxDeliveryAttempts;

    /** @param maxDeliveryAttempts {@code midtier.broker.max-delivery-attempts}: the attempts an update gets */
    public DeadLetters(int maxDeliveryAttempts) {
        this.maxDeliveryAttempts = maxDeliveryAttempts;
    }

    /**
     * What becomes of the dead letter, from its update's row (dead-letter-state.sql: status null and in_doubt when
     * the update is not recorded), whether it expired, and the reason midtier gave when it sent it there itself.
     */
    public DeadLetterVerdict verdict(Map<String, Object> update, boolean expired, String reason) {
        if (update == null || update.get("status") == null) {
            return DeadLetterVerdict.ofUnrecorded(update != null && Boolean.TRUE.equals(update.get("in_doubt")),
                    expired, reason);
        }
        return DeadLetterVerdict.of((String) update.get("status"), ((Number) update.get("attempts")).intValue(),
                Boolean.TRUE.equals(update.get("uncertain")), expired, reason, maxDeliveryAttempts);
    }

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
