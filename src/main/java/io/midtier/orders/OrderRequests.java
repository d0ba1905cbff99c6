package io.midtier.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.midtier.api.ApiException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Reads and checks a {@code POST /api/orders} body ({@code item}, {@code quantity}) and order ids. */
public class OrderRequests {

    private final ObjectMapper json = new ObjectMapper();

    /** {item, quantity}, or 400. */
    public Map<String, Object> validate(String body) {
        JsonNode node;
        try {
            node = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            throw ApiException.badRequest("INVALID_JSON", "the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("INVALID_ORDER", "the body must be a JSON object with item and quantity");
        }
        String item = node.path("item").asText("").strip().toUpperCase(Locale.ROOT);
        if (!item.matches("[A-Z0-9][A-Z0-9 -]{0,19}")) {
            throw ApiException.badRequest("INVALID_ORDER", "item must be 1 to 20 letters, digits, spaces or dashes");
        }
        JsonNode quantity = node.get("quantity");
        if (quantity == null || !quantity.canConvertToInt() || !quantity.isIntegralNumber()
                || quantity.asInt() < 1 || quantity.asInt() > 99_999) {
            throw ApiException.badRequest("INVALID_ORDER", "quantity must be a whole number from 1 to 99999");
        }
        return Map.of("item", item, "quantity", quantity.asInt());
    }

    public String orderId(String id) {
        try {
            return UUID.fromString(id == null ? "" : id).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_ID", "an order id is a UUID");
        }
    }

    /** {@code status} filter of the list: OUTSTANDING (not answered finally), a status, or none. */
    public String status(String status) {
        if (status == null || status.isBlank()) {
            return null;
        }
        String value = status.strip().toUpperCase(Locale.ROOT);
        if (!value.matches("OUTSTANDING|SUBMITTED|SENT|ACCEPTED|SHIPPED|REJECTED")) {
            throw ApiException.badRequest("INVALID_PARAMETER",
                    "status must be OUTSTANDING, SUBMITTED, SENT, ACCEPTED, SHIPPED or REJECTED");
        }
        return value;
    }
}
