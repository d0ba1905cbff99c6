package io.midtier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midtier.api.WrittenUpdate;
import io.midtier.backend.AccountUpdateRequest;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * The message that carries an accepted update to the back-end. It holds the entry's complete updatable
 * state after the update (the back-end's update transaction replaces all of it), not only the patch.
 * Version 2 carries the address as lines ({@code fields.addressLines}); {@link UpdateMessageFormats} reads
 * version 1 messages still in flight.
 */
public class UpdateMessage {

    public static final int SCHEMA_VERSION = 2;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * Makes {@code out} the update message: the body built from what the dual-write's statement returned of the
     * entry it just changed (its new version and updatable fields: no parse of the stored body), and the headers the
     * consumer reads, every other header removed (no message group: docs/reliability.md, "Per-key order") (one bean step: four Simple headers and a header pattern before).
     */
    public void create(@ExchangeProperty("updateId") String updateId, @ExchangeProperty("type") String type,
                       @ExchangeProperty("id") String id, @ExchangeProperty("written") WrittenUpdate written,
                       Message out) {
        out.getHeaders().clear();
        out.setHeader("midtierUpdateId", updateId);
        out.setHeader("midtierVersion", written.newVersion());
        out.setHeader("midtierSchemaVersion", SCHEMA_VERSION);
        out.setBody(body(updateId, type, id, written));
    }

    String body(String updateId, String type, String id, WrittenUpdate written) {
        ObjectNode message = json.createObjectNode();
        message.put("schemaVersion", SCHEMA_VERSION);
        message.put("updateId", updateId);
        message.put("type", type);
        message.put("id", id);
        message.put("version", written.newVersion());
        ObjectNode fields = message.putObject("fields");
        fields.put("name", written.name() == null ? "" : written.name());
        fields.set("addressLines", UpdateMessageFormats.lines(json, written.address() == null ? "" : written.address()));
        fields.put("phone", written.phone() == null ? "" : written.phone());
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
