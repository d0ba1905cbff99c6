package io.midtier.http;

import io.midtier.api.ApiErrors;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.lang.reflect.Field;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * midtier's JSON error body ({@code status}, {@code error}, {@code message}) for the errors the HTTP router
 * answers itself, before or without a route: no route for the path (404), not for this method (405), not for
 * the Accept header (406), a body over the server's limit (413), a path it cannot decode (400).
 */
public final class JsonErrorPages {

    private static final Logger LOG = LoggerFactory.getLogger(JsonErrorPages.class);

    private static final Map<Integer, String[]> ERRORS = Map.of(
            400, new String[] {"BAD_REQUEST", "the request could not be read"},
            404, new String[] {"NOT_FOUND", "no such resource"},
            405, new String[] {"METHOD_NOT_ALLOWED", "this resource does not take this method"},
            406, new String[] {"NOT_ACCEPTABLE", "this resource answers application/json only"},
            413, new String[] {"PAYLOAD_TOO_LARGE", "the request body is over the server's limit"},
            415, new String[] {"UNSUPPORTED_MEDIA_TYPE", "this media type is not accepted here"},
            500, new String[] {"INTERNAL", "internal error; nothing was changed"});

    private JsonErrorPages() {
    }

    /**
     * Installs the error bodies on the server's root router: a request no route matches falls through the
     * router the routes live in (which camel-platform-http offers) to its root router, whose error handlers
     * answer it. Camel keeps the root router private, hence the reflection; without it the errors stay as
     * Vert.x writes them (logged).
     */
    public static void install(CamelContext context) {
        VertxPlatformHttpServer server = context.hasService(VertxPlatformHttpServer.class);
        try {
            Field field = VertxPlatformHttpServer.class.getDeclaredField("router");
            field.setAccessible(true);
            Router root = server == null ? null : (Router) field.get(server);
            if (root == null) {
                LOG.warn("no HTTP server router found: errors the router answers itself have no JSON body");
                return;
            }
            install(root);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("the HTTP server's router cannot be reached: errors the router answers itself have no JSON body", e);
        }
    }

    static void install(Router router) {
        ERRORS.forEach((status, error) -> router.errorHandler(status, ctx -> {
            if (status == 500 && ctx.failure() != null) {
                LOG.error("{} {} failed in the HTTP server", ctx.request().method(), ctx.request().path(), ctx.failure());
            }
            send(ctx, status, error[0], error[1]);
        }));
    }

    /** Answers with midtier's JSON error body ({@link ApiErrors#body}), unless an answer has already begun. */
    public static void send(RoutingContext ctx, int status, String code, String message) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended() || response.closed()) {
            return;
        }
        response.setStatusCode(status).putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", ApiErrors.NO_STORE)
                .end(ApiErrors.body(status, code, message));
    }
}
