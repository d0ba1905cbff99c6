package io.midtier.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses a state-changing request that a browser sent from another site's page (403 CROSS_SITE_REQUEST), before
 * the credentials are looked at: the browser would have added the user's remembered Basic credentials to it.
 * The decision is {@link CrossSiteRequests}; installed like {@link RequestGuard}.
 */
public final class CrossSiteGuard implements AuthenticationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(CrossSiteGuard.class);

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        CrossSiteRequests.Verdict verdict = CrossSiteRequests.judge(request.method().name(),
                request.getHeader("Sec-Fetch-Site"), request.getHeader("Origin"), request.getHeader("Host"));
        if (verdict == CrossSiteRequests.Verdict.CROSS_SITE) {
            LOG.warn("{} {} refused: sent by a page of another site (Origin {})", request.method(), request.path(),
                    request.getHeader("Origin"));
            JsonErrorPages.send(ctx, 403, "CROSS_SITE_REQUEST",
                    "a request that changes something must come from midtier's own pages");
            return;
        }
        ctx.next();
    }
}
