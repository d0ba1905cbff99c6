package io.midtier.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a PUT body against the account's updatable fields and returns it in canonical form. The back-end
 * stores fixed-width ASCII fields, so lengths and characters are checked here, before anything is written.
 */
public class AccountUpdateValidator {

    /** The fields a front-end may change, with the back-end's width for each. */
    static final Map<String, Integer> FIELDS = Map.of("name", 40, "address", 60, "phone", 20);
    private static final Pattern PRINTABLE_ASCII = Pattern.compile("[\\x20-\\x7E]*");
    private static final Pattern PHONE = Pattern.compile("[0-9+()\\- ]*");

    private final ObjectMapper json = new ObjectMapper();

    public String validate(String body) {
        ObjectNode node = StrictJson.object(body, "a JSON object with the fields to change");
        if (node.isEmpty()) {
            throw ApiException.badRequest("NO_FIELDS", "at least one of " + FIELDS.keySet() + " is required");
        }
        ObjectNode canonical = json.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = field.getKey();
            Integer width = FIELDS.get(name);
            if (width == null) {
                throw ApiException.badRequest("UNKNOWN_FIELD", "field '" + printable(name)
                        + "' cannot be updated; updatable fields are " + FIELDS.keySet());
            }
            JsonNode value = field.getValue();
            if (!value.isTextual()) {
                throw ApiException.badRequest("INVALID_FIELD", "field '" + name + "' must be a string");
            }
            String text = value.textValue().strip();
            if (text.isEmpty() && "name".equals(name)) {
                throw ApiException.badRequest("INVALID_FIELD", "field 'name' must not be blank");
            }
            if (text.length() > width) {
                throw ApiException.badRequest("INVALID_FIELD", "field '" + name + "' is longer than " + width + " characters");
            }
            if (!PRINTABLE_ASCII.matcher(text).matches()) {
                throw ApiException.badRequest("INVALID_FIELD", "field '" + name + "' must be printable ASCII");
            }
            if ("phone".equals(name) && !PHONE.matcher(text).matches()) {
                throw ApiException.badRequest("INVALID_FIELD", "field 'phone' may hold digits, spaces and + ( ) - only");
            }
            canonical.put(name, text);
        }
        return canonical.toString();
    }

    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return cut.replaceAll("[^\\x20-\\x7E]", "?");
    }
}
