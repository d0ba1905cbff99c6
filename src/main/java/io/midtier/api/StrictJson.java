package io.midtier.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads a request body as exactly one JSON object, strictly: a repeated field is refused (which of two values
 * counts would be a guess, and another parser might guess the other way), and so is anything after the object.
 */
public final class StrictJson {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private StrictJson() {
    }

    /** The body's object, or 400: EMPTY_BODY, MALFORMED_JSON, DUPLICATE_FIELD or NOT_AN_OBJECT. */
    public static ObjectNode object(String body, String expected) {
        if (body == null || body.isBlank()) {
            throw ApiException.badRequest("EMPTY_BODY", expected + " is required");
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            if (e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")) {
                throw ApiException.badRequest("DUPLICATE_FIELD", "a field appears more than once in the body");
            }
            throw ApiException.badRequest("MALFORMED_JSON", "the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.badRequest("NOT_AN_OBJECT", "the body must be " + expected);
        }
        return (ObjectNode) node;
    }
}
