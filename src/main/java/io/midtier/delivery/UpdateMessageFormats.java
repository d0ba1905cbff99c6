package io.midtier.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Message;

/**
 * The formats of the update message a consumer accepts: the current one ({@value UpdateMessage#SCHEMA_VERSION})
 * and the previous one, which it upcasts. Version 2 splits the account's address into lines
 * ({@code fields.addressLines}); version 1 carried one {@code fields.address} string. Consumers are upgraded
 * first (they then read both), writers after (README, "Message formats").
 */
public class UpdateMessageFormats {

    public static final int PREVIOUS = 1;
    public static final int CURRENT = UpdateMessage.SCHEMA_VERSION;
    /** How v1's single address string is cut into v2's lines, and how lines are joined for the back-end. */
    static final String LINE_SEPARATOR = ", ";

    private final ObjectMapper json = new ObjectMapper();

    /**
     * The delivery's first step (a bean step, not two expressions: an expression copies the exchange, and the copy
     * of a JMS exchange re-reads its JMS message): sets the exchange properties {@code schemaVersion} (the message's
     * version, or null) and {@code formatProblem} (why it cannot be read, or null).
     */
    public void inspect(Exchange exchange) {
        Message message = exchange.getMessage();
        Integer version = versionOf(message.getHeader("midtierSchemaVersion"), message.getBody(String.class));
        exchange.setProperty("schemaVersion", version);
        exchange.setProperty("formatProblem", problem(version));
    }

    /** The message's schema version: the header, else the message's own field; null when neither says. */
    public Integer versionOf(Object header, String message) {
        if (header != null && !header.toString().isBlank()) {
            try {
                return Integer.valueOf(header.toString().strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try {
            JsonNode version = json.readTree(message).get("schemaVersion");
            return version == null || !version.canConvertToInt() ? null : version.asInt();
        } catch (Exception e) {
            return null;
        }
    }

    /** Why the message cannot be read (it goes to the dead-letter queue with this reason), or null. */
    public String problem(Integer version) {
        if (version == null) {
            return "update message without a schema version; this consumer reads versions " + PREVIOUS + " and " + CURRENT;
        }
        if (version != PREVIOUS && version != CURRENT) {
            return "update message schema version " + version + " is unknown; this consumer reads versions "
                    + PREVIOUS + " and " + CURRENT + " (upgrade the consumers before the writers)";
        }
        return null;
    }

    /**
     * The message in the current format (a previous-version message upcast). Bound to the exchange properties
     * {@code inspect} and the delivery route set, not to expressions: a bean step with expression parameters
     * evaluates each of them per message.
     */
    public String current(@ExchangeProperty("schemaVersion") Integer version,
                          @ExchangeProperty("message") String message) throws JsonProcessingException {
        if (version != null && version == CURRENT) {
            return message;
        }
        if (version == null || version != PREVIOUS) {
            throw new IllegalArgumentException(problem(version));
        }
        ObjectNode node = (ObjectNode) json.readTree(message);
        node.put("schemaVersion", CURRENT);
        ObjectNode fields = node.with("fields");
        String address = fields.path("address").asText("");
        fields.remove("address");
        fields.set("addressLines", lines(json, address));
        return node.toString();
    }

    static ArrayNode lines(ObjectMapper json, String address) {
        ArrayNode lines = json.createArrayNode();
        Arrays.stream(address.split("\\s*(,|\\n)\\s*")).filter(line -> !line.isBlank()).forEach(lines::add);
        return lines;
    }
}
