package io.midtier.cache;

import io.midtier.api.RequestIds;
import io.vertx.core.Context;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;

/**
 * Answers {@code GET /api/accounts/{id}} from the near cache on the HTTP server's event loop, in front of the routes:
 * in notify mode a copy it may serve without asking ({@link NearCache.Use#SERVE}) at once; a copy that needs validate's
 * primary-key question once the database confirmed it ({@link GroupedChecks#checkLater}: the event loop does not wait,
 * the question's asker hands the answer back to it). Everything else goes on to the routes, which answer it as before:
 * no near copy, a copy the database no longer confirms (dropped first), a question that failed (the route asks again
 * and answers the failure), any other path or method.
 *
 * <p>Why in front of the routes: camel-platform-http runs every route on a Vert.x worker thread, so each request
 * passes the event loop, a worker and the event loop again, and makes an exchange; a near hit needs none of that
 * (docs/BENCHMARKS.md, stop 44). Installed last in front of every path (after the start-up gate, the request guard and
 * the security handler), so it answers only requests the routes would have answered, with the same headers and bytes
 * ({@link AccountResponses}). Counted by the read path's counters as any near hit; the routes' own exchange counts see
 * only what reaches them.
 */
public final class NearHits implements AuthenticationHandler {

    private static final String PATH_PREFIX = "/api/accounts/";

    private final NearCache near;
    private final GroupedChecks checks;
    private final CacheCounters counters;

    public NearHits(NearCache near, GroupedChecks checks, CacheCounters counters) {
        this.near = near;
        this.checks = checks;
        this.counters = counters;
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String id = request.method() == HttpMethod.GET ? idOf(request.path()) : null;
        String key = id == null ? null : NearCache.key(AccountReads.TYPE, id);
        NearEntry copy = key == null ? null : near.get(key);
        long now = System.nanoTime();
        switch (copy == null ? NearCache.Use.READ : near.use(copy, now)) {
            case SERVE -> answer(request, copy, now);
            case VALIDATE -> answerIfConfirmed(ctx, id, key, copy, now);
            case READ -> ctx.next();
        }
    }

    private void answerIfConfirmed(RoutingContext ctx, String id, String key, NearEntry copy, long now) {
        long generation = near.generation();
        Context loop = ctx.vertx().getOrCreateContext();
        // paused while the question is out: the routes' body handler, if the request goes on to them, must still see
        // the request's end (an async handler in front of a body handler pauses, as Vert.x's own do)
        ctx.request().pause();
        checks.checkLater(AccountReads.TYPE, id, (validators, failure) -> loop.runOnContext(v -> {
            NearEntry renewed = failure == null ? near.confirmed(key, copy, validators, generation, now) : null;
            ctx.request().resume();
            if (renewed == null) {
                ctx.next();
            } else {
                answer(ctx.request(), renewed, now);
            }
        }));
    }

    private void answer(HttpServerRequest request, NearEntry copy, long now) {
        counters.hit(true);
        AccountResponses.answer(request, copy, now);
    }

    /** The canonical account id of an account's path, or null for any other path (the routes judge those). */
    static String idOf(String path) {
        if (path == null || !path.startsWith(PATH_PREFIX)) {
            return null;
        }
        // anything but an id (a sub-resource, an encoded character, a bad id) is the routes' to answer
        return RequestIds.canonicalAccountId(path.substring(PATH_PREFIX.length()));
    }
}
