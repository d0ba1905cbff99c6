package io.midtier.ops;

import io.midtier.http.JsonErrorPages;
import io.midtier.run.ContextEventNotifier;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.apache.camel.spi.CamelEvent;

/**
 * Answers every API request with a JSON 503 and {@code Retry-After} while midtier is not serving: from the moment
 * the HTTP server listens until Camel has started every route, and again from the moment it begins to stop. The
 * server is up before the routes are, and stops after them: without the gate a client got an HTML 404 from an
 * unknown path, or a request half-handled by a stopping route. Installed in front of every path through the HTTP
 * server's authentication hook, as the security handler is (an {@link AuthenticationHandler} in name only).
 */
public final class StartupGate implements AuthenticationHandler {

    private static final String RETRY_AFTER_SECONDS = "2";

    private volatile String closedBecause = "STARTING";

    @Override
    public void handle(RoutingContext ctx) {
        String reason = closedBecause;
        if (reason == null) {
            ctx.next();
            return;
        }
        String message = "STARTING".equals(reason) ? "midtier is starting; try again shortly"
                : "midtier is stopping; try again shortly";
        ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
        JsonErrorPages.send(ctx, 503, reason, message);
    }

    public boolean open() {
        return closedBecause == null;
    }

    /** Opens when the Camel context has started (every route), closes when it begins to stop. */
    public ContextEventNotifier notifier() {
        return new ContextEventNotifier(event -> {
            if (event instanceof CamelEvent.CamelContextStartedEvent) {
                closedBecause = null;
            } else if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                closedBecause = "STOPPING";
            }
        });
    }
}
