package io.midtier.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses, before any route sees it, a request that would be read ambiguously or hold the server:
 * <ul>
 * <li>a query parameter or header named like a path parameter of the API ({@code id}, ...): Camel merges path
 * parameters, query parameters and headers into the same message headers, so the path's id would not be the
 * only one a route reads (400 AMBIGUOUS_PARAMETER); likewise a query parameter named like the header that
 * carries the authenticated user;</li>
 * <li>a header that may appear once given twice ({@code Authorization}, {@code Content-Type}, {@code If-Match},
 * {@code Idempotency-Key}...): Camel would hand the routes both values as one list (400 DUPLICATE_HEADER);</li>
 * <li>a body that has not fully arrived after {@code bodyTimeoutMs} (408 BODY_TIMEOUT, connection closed): the
 * body handler would otherwise wait for it for ever.</li>
 * </ul>
 * Installed through the server's authentication hook (an AuthenticationHandler is a plain route handler), the
 * only place camel-platform-http-main offers in front of every route.
 */
public final class RequestGuard implements AuthenticationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(RequestGuard.class);

    /** The path parameters of routes/rest-api.camel.yaml, lower case (header names are case-insensitive). */
    static final Set<String> PATH_PARAMETERS = Set.of("id", "updateid", "orderid");
    private static final String USER_HEADER = "x-midtier-user";
    /**
     * Headers midtier reads as one value (Content-Length twice the HTTP codec refuses itself). List-valued ones a
     * client may split over several lines (Accept, If-None-Match) are left alone.
     */
    static final List<String> SINGLE_HEADERS = List.of("Authorization", "Content-Type", "If-Match", "Idempotency-Key",
            "Last-Event-ID");

    private final long bodyTimeoutMs;

    /** @param bodyTimeoutMs how long a request body may take to arrive; 0 or less = no limit */
    public RequestGuard(long bodyTimeoutMs) {
        this.bodyTimeoutMs = bodyTimeoutMs;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String ambiguous;
        try {
            ambiguous = ambiguousName(request);
        } catch (IllegalArgumentException e) {
            JsonErrorPages.send(ctx, 400, "BAD_REQUEST", "the query string could not be decoded");
            return;
        }
        if (ambiguous != null) {
            JsonErrorPages.send(ctx, 400, "AMBIGUOUS_PARAMETER", "'" + printable(ambiguous)
                    + "' is not accepted as a query parameter or header: ids are given in the path only");
            return;
        }
        for (String name : SINGLE_HEADERS) {
            if (request.headers().getAll(name).size() > 1) {
                JsonErrorPages.send(ctx, 400, "DUPLICATE_HEADER", "header " + name + " may be given once only");
                return;
            }
        }
        if (bodyTimeoutMs > 0 && !request.isEnded()) {
            long timer = ctx.vertx().setTimer(bodyTimeoutMs, id -> {
                if (!request.isEnded() && !ctx.response().ended()) {
                    LOG.info("{} {}: the body did not arrive within {} ms", request.method(), request.path(), bodyTimeoutMs);
                    ctx.response().putHeader("Connection", "close");
                    JsonErrorPages.send(ctx, 408, "BODY_TIMEOUT",
                            "the request body did not arrive within " + bodyTimeoutMs + " ms");
                    ctx.response().endHandler(v -> request.connection().close());
                }
            });
            ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
        }
        ctx.next();
    }

    private static String ambiguousName(HttpServerRequest request) {
        for (String name : request.params().names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (PATH_PARAMETERS.contains(lower) || USER_HEADER.equals(lower)) {
                return name;
            }
        }
        for (String name : request.headers().names()) {
            if (PATH_PARAMETERS.contains(name.toLowerCase(Locale.ROOT))) {
                return name;
            }
        }
        return null;
    }

    private static String printable(String name) {
        String cut = name.length() > 40 ? name.substring(0, 40) + "..." : name;
        return cut.replaceAll("[^\\x20-\\x7E]", "?").replace("\"", "?").replace("\\", "?");
    }
}
