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
 * Version 2 carries the address as lines ({@code fields.addressLines}); {@link UpdateMessageFormats} reads
 * version 1 messages still in flight.
 */
public class UpdateMessage {

    public static final int SCHEMA_VERSION = 2;
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
        fields.put("name", body.path("name").asText(""));
        fields.set("addressLines", new UpdateMessageFormats().lines(body.path("address").asText("")));
        fields.put("phone", body.path("phone").asText(""));
        return message.toString();
    }

    /** The back-end's ACCTUPD request for a (current-version) message; the update id travels as the request's token. */
    public AccountUpdateRequest toBackendRequest(@Body String message) throws JsonProcessingException {
        JsonNode node = json.readTree(message);
        JsonNode fields = node.path("fields");
        AccountUpdateRequest request = new AccountUpdateRequest();
        request.setUpdateToken(node.path("updateId").asText());
        request.setAccountId(node.path("id").asText());
        request.setName(fields.path("name").asText(""));
        java.util.List<String> lines = new java.util.ArrayList<>();
        fields.path("addressLines").forEach(line -> lines.add(line.asText()));
        request.setAddress(String.join(UpdateMessageFormats.LINE_SEPARATOR, lines));
        request.setPhone(fields.path("phone").asText(""));
        return request;
    }
}
