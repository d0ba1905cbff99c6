package io.midtier.orders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midtier.api.ApiException;
import io.midtier.api.RequestIds;
import io.midtier.api.StrictJson;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads and checks a {@code POST /api/orders} body ({@code item}, {@code quantity}) and order ids. */
public class OrderRequests {

    private static final Set<String> FIELDS = Set.of("item", "quantity");
    private static final Pattern ITEM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9 -]{0,19}");

    /** {item, quantity}, or 400 (strict JSON, exactly these two fields; media type and size are checked before). */
    public Map<String, Object> validate(String body) {
        ObjectNode node = StrictJson.object(body, "a JSON object with item and quantity");
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                throw ApiException.badRequest("UNKNOWN_FIELD", "an order has the fields item and quantity only");
            }
        }
        JsonNode itemNode = node.get("item");
        if (itemNode == null || !itemNode.isTextual()) {
            throw ApiException.badRequest("INVALID_ORDER", "item must be a string");
        }
        // checked before upper-casing: Unicode case mapping turns some non-ASCII letters into ASCII ones
        String item = itemNode.textValue().strip();
        if (!ITEM.matcher(item).matches()) {
            throw ApiException.badRequest("INVALID_ORDER", "item must be 1 to 20 letters, digits, spaces or dashes");
        }
        JsonNode quantity = node.get("quantity");
        if (quantity == null || !quantity.canConvertToInt() || !quantity.isIntegralNumber()
                || quantity.asInt() < 1 || quantity.asInt() > 99_999) {
            throw ApiException.badRequest("INVALID_ORDER", "quantity must be a whole number from 1 to 99999");
        }
        return Map.of("item", item.toUpperCase(Locale.ROOT), "quantity", quantity.asInt());
    }

    public String orderId(String id) {
        try {
            return UUID.fromString(id == null ? "" : id).toString();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("INVALID_ID", "an order id is a UUID");
        }
    }

    /**
     * {@code key} filter of the list: the order id ({@code orderId} in the list's JSON), canonical; absent means any.
     * The database filters the whole list by it, not the page.
     */
    public String key(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        String orderId = RequestIds.canonicalUuid(key);
        if (orderId == null) {
            throw ApiException.badRequest("INVALID_PARAMETER", "key must be an order id (a UUID)");
        }
        return orderId;
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
