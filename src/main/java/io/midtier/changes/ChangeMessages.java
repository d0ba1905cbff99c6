package io.midtier.changes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.apache.camel.Body;

/** The message published on the changes topic for one change-log row. */
public class ChangeMessages {

    /** The format of the changes topic's messages (header midtierSchemaVersion and field schemaVersion). */
    public static final int SCHEMA_VERSION = 1;

    private final ObjectMapper json = new ObjectMapper();

    public String toMessage(@Body Map<String, Object> row) {
        ObjectNode node = json.createObjectNode();
        node.put("schemaVersion", SCHEMA_VERSION);
        node.put("seq", ((Number) row.get("seq")).longValue());
        node.put("type", String.valueOf(row.get("type")));
        node.put("id", String.valueOf(row.get("id")));
        node.put("key", row.get("type") + ":" + row.get("id"));
        node.put("version", ((Number) row.get("version")).longValue());
        node.put("op", String.valueOf(row.get("op")));
        node.put("at", instant(row.get("at")));
        return node.toString();
    }

    private static String instant(Object at) {
        if (at instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant().toString();
        }
        if (at instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant().toString();
        }
        return at == null ? null : at.toString();
    }
}
