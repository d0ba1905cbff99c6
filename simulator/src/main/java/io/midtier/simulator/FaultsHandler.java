package io.midtier.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** GET /simulator/faults shows the fault settings; PUT changes any subset of them and shows the result. */
final class FaultsHandler implements HttpHandler {

    static final String PATH = "/simulator/faults";
    private final Faults faults;

    FaultsHandler(Faults faults) {
        this.faults = faults;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                HttpIo.sendError(exchange, 404, "not found");
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET" -> HttpIo.sendJson(exchange, 200, faults.snapshot());
                case "PUT" -> put(exchange);
                default -> HttpIo.sendError(exchange, 405, "method not allowed");
            }
        }
    }

    private void put(HttpExchange exchange) throws IOException {
        JsonNode body;
        try (InputStream in = exchange.getRequestBody()) {
            body = HttpIo.MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            HttpIo.sendError(exchange, 400, "body is not JSON: " + e.getOriginalMessage());
            return;
        }
        if (body == null || !body.isObject()) {
            HttpIo.sendError(exchange, 400, "body must be a JSON object");
            return;
        }
        try {
            // Dry run on a scratch copy first, so a bad field leaves the live settings untouched.
            applyTo(new Faults(0, 0), body);
            synchronized (faults) {
                applyTo(faults, body);
            }
        } catch (IllegalArgumentException e) {
            HttpIo.sendError(exchange, 400, e.getMessage());
            return;
        }
        HttpIo.sendJson(exchange, 200, faults.snapshot());
    }

    private static void applyTo(Faults target, JsonNode body) {
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "latencyMs" -> target.setLatencyMs(longValue(field.getKey(), value));
                case "jitterMs" -> target.setJitterMs(longValue(field.getKey(), value));
                case "errorRate" -> target.setErrorRate(doubleValue(field.getKey(), value));
                case "down" -> target.setDown(booleanValue(field.getKey(), value));
                case "failNextUpdates" -> target.setFailNextUpdates(intValue(field.getKey(), value));
                case "rejectNextUpdates" -> target.setRejectNextUpdates(intValue(field.getKey(), value));
                case "abendAfterApplyNextUpdates" -> target.setAbendAfterApplyNextUpdates(intValue(field.getKey(), value));
                case "slowAfterApplyNextUpdates" -> target.setSlowAfterApplyNextUpdates(intValue(field.getKey(), value));
                case "slowAfterApplyMs" -> target.setSlowAfterApplyMs(longValue(field.getKey(), value));
                default -> throw new IllegalArgumentException("unknown fault setting: " + field.getKey());
            }
        }
    }

    private static long longValue(String name, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return value.longValue();
    }

    private static int intValue(String name, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw new IllegalArgumentException(name + " must be an integer");
        }
        return value.intValue();
    }

    private static double doubleValue(String name, JsonNode value) {
        if (!value.isNumber()) {
            throw new IllegalArgumentException(name + " must be a number");
        }
        return value.doubleValue();
    }

    private static boolean booleanValue(String name, JsonNode value) {
        if (!value.isBoolean()) {
            throw new IllegalArgumentException(name + " must be true or false");
        }
        return value.booleanValue();
    }
}
