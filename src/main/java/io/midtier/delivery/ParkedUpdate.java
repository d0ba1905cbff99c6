package io.midtier.delivery;

import java.util.Map;
import org.apache.camel.Message;

/**
 * The entry's next update, whose message was parked behind the update just applied (settle_applied's
 * row, or the claim's of an applied update): the delivery that applied the older one sends it again.
 */
public record ParkedUpdate(String updateId, long version, Integer schemaVersion, String message) {

    /** The parked update in settle_applied's (or the claim's) row, or null when none was parked behind this one. */
    public static ParkedUpdate of(Map<String, Object> row) {
        if (row == null || row.get("next_message") == null) {
            return null;
        }
        return new ParkedUpdate((String) row.get("next_update_id"),
                ((Number) row.get("next_version")).longValue(), (Integer) row.get("next_schema_version"),
                (String) row.get("next_message"));
    }

    /** Makes {@code message} the update message again: its body and the headers the dual-write gave it. */
    public void writeTo(Message message) {
        message.getHeaders().clear();
        message.setHeader("midtierUpdateId", updateId);
        message.setHeader("midtierVersion", version);
        message.setHeader("midtierSchemaVersion", schemaVersion);
        message.setBody(this.message);
    }
}
