package io.midtier.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns whatever failed into an HTTP status and a JSON body. A refused request says why; a failure of a
 * resource midtier depends on (database, broker, transaction, back-end) is a 503 the client may retry;
 * anything else is a 500. No stack trace or internal message leaves the process.
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
    private final ObjectMapper json = new ObjectMapper();

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
        } else if (isUnavailable(failure)) {
            status = 503;
            code = "UNAVAILABLE";
            message = "a resource midtier depends on is unavailable; nothing was changed, try again later";
            LOG.warn("{} answered 503: {}", request(exchange), describe(failure));
        } else {
            status = 500;
            code = "INTERNAL";
            message = "internal error; nothing was changed";
            LOG.error("{} failed", request(exchange), failure);
        }
        exchange.getMessage().setBody(body(status, code, message));
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setHeader("Cache-Control", NO_STORE);
    }

    String body(int status, String code, String message) {
        ObjectNode node = json.createObjectNode();
        node.put("status", status);
        node.put("error", code);
        node.put("message", message);
        return node.toString();
    }

    static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException || t instanceof jakarta.jms.JMSException
                    || t instanceof org.springframework.jms.JmsException
                    || t instanceof org.springframework.dao.DataAccessException
                    || t instanceof jakarta.transaction.RollbackException
                    || t instanceof jakarta.transaction.SystemException
                    || t instanceof jakarta.transaction.HeuristicMixedException
                    || t instanceof jakarta.transaction.HeuristicRollbackException
                    || t instanceof javax.transaction.xa.XAException
                    || t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof org.apache.hc.core5.http.NoHttpResponseException
                    || t instanceof HttpOperationFailedException
                    || t instanceof BackendUnavailableException) {
                return true;
            }
        }
        return false;
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
        return text.toString();
    }
}
