package io.midtier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midtier.backend.AccountUpdateRequest;
import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * The message that carries an accepted update to the back-end. It holds the entry's complete updatable
 * state after the update (the back-end's update transaction replaces all of it), not only the patch.
 */
public class UpdateMessage {

    public static final int SCHEMA_VERSION = 1;
    private final ObjectMapper json = new ObjectMapper();

    /** Built from the cache row the dual-write transaction just changed ({@code version}, {@code body}). */
    public String create(@ExchangeProperty("updateId") String updateId, @ExchangeProperty("type") String type,
                         @ExchangeProperty("id") String id, @Body Map<String, Object> changedRow) throws JsonProcessingException {
        JsonNode body = json.readTree(String.valueOf(changedRow.get("body")));
        ObjectNode message = json.createObjectNode();
        message.put("schemaVersion", SCHEMA_VERSION);
        message.put("updateId", updateId);
        message.put("type", type);
        message.put("id", id);
        message.put("version", ((Number) changedRow.get("version")).longValue());
        ObjectNode fields = message.putObject("fields");
        for (String field : new String[] {"name", "address", "phone"}) {
            fields.put(field, body.path(field).asText(""));
        }
        return message.toString();
    }

    /** The back-end's ACCTUPD request for a message; the update id travels as the request's token. */
    public AccountUpdateRequest toBackendRequest(@Body String message) throws JsonProcessingException {
        JsonNode node = json.readTree(message);
        JsonNode fields = node.path("fields");
        AccountUpdateRequest request = new AccountUpdateRequest();
        request.setUpdateToken(node.path("updateId").asText());
        request.setAccountId(node.path("id").asText());
        request.setName(fields.path("name").asText(""));
        request.setAddress(fields.path("address").asText(""));
        request.setPhone(fields.path("phone").asText(""));
        return request;
    }
}
