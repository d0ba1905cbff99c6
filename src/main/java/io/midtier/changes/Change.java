package io.midtier.changes;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.OffsetDateTime;

/** One change-log row: what changed (type, id), to which version, how (op), and its sequence number. */
public record Change(long seq, String type, String id, long version, String op, OffsetDateTime at) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        node.put("seq", seq);
        node.put("type", type);
        node.put("id", id);
        node.put("version", version);
        node.put("op", op);
        node.put("at", at == null ? null : at.toInstant().toString());
        return node.toString();
    }
}
