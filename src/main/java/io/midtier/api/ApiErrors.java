package io.midtier.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever failed into an HTTP status and a JSON body. A refused request says why; a dependency midtier
 * could not reach (database, broker, transactions, back-end: {@link FailureKind}) is a 503 {@code UNAVAILABLE}
 * naming it, which the client may retry; anything else, a SQL error that is not a connection failure included, is
 * a 500 {@code INTERNAL} and one error line in the log. No stack trace or internal message leaves the process.
 */
public class ApiErrors {

    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    /**
     * The {@code Cache-Control} of every error answer: an error says how things stood at one moment (a 404 before the
     * entry exists, a 410, a 503 while the back-end is down), and without it some are cacheable by default (404, 410)
     * and a browser or proxy would answer later requests with it (the console's feed once got a cached 410 on every
     * reconnect). It also replaces a {@code max-age} a read had already set before it failed.
     */
    public static final String NO_STORE = "no-store";
    private static final ObjectMapper JSON = new ObjectMapper();

    public void respond(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        ApiException refused = find(failure, ApiException.class);
        int status;
        String code;
        String message;
        if (refused != null) {
            status = refused.status();
            code = refused.code();
            message = refused.getMessage();
            exchange.getMessage().setBody(body(status, code, message, null));
        } else {
            FailureKind kind = FailureKind.of(failure);
            status = kind.status();
            if (kind.unavailable()) {
                code = "UNAVAILABLE";
                message = "a resource midtier depends on (" + kind.dependency()
                        + ") is unavailable; nothing was changed, try again later";
                LOG.warn("{} answered 503 ({} unavailable): {}", request(exchange), kind.dependency(), describe(failure));
            } else {
                code = "INTERNAL";
                message = "internal error";
                // one line to find it by; the stack trace for whoever turns the logger up
                LOG.error("{} answered 500: {}", request(exchange), describe(failure));
                LOG.debug("{} failed", request(exchange), failure);
            }
            exchange.getMessage().setBody(body(status, code, message, kind.dependency()));
        }
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Cache-Control", NO_STORE);
    }

    /** midtier's JSON error body, the same wherever an error is answered (a route, the HTTP server's handlers). */
    public static String body(int status, String code, String message) {
        return body(status, code, message, null);
    }

    static String body(int status, String code, String message, String dependency) {
        ObjectNode node = JSON.createObjectNode();
        node.put("status", status);
        node.put("error", code);
        node.put("message", message);
        if (dependency != null) {
            node.put("dependency", dependency);
        }
        return node.toString();
    }

    /**
     * The request's method and path for the log. A write's route removes the HTTP headers before the broker send (they
     * must not travel with the message), so a failure there falls back to the REST endpoint that took the request.
     */
    static String request(Exchange exchange) {
        Object method = exchange.getMessage().getHeader(Exchange.HTTP_METHOD);
        Object path = exchange.getMessage().getHeader(Exchange.HTTP_PATH);
        if (method != null || path != null) {
            return method + " " + path;
        }
        return exchange.getFromEndpoint() != null ? exchange.getFromEndpoint().getEndpointUri() : "(request)";
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
        }
        // one line: PostgreSQL's messages carry their detail and context on lines of their own
        return text.toString().replaceAll("\\s*\\R\\s*", " ");
    }
}
