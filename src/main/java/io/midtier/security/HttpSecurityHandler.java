package io.midtier.security;

import io.midtier.http.JsonErrorPages;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.AuthenticationHandler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks every HTTP request before any route sees it (and before its body is read): 401 with a
 * {@code WWW-Authenticate} challenge when credentials are missing or wrong, 403 when the user lacks the
 * role, 413 when the declared body is over the limit, all with midtier's JSON error body. (A chunked body
 * over the limit is refused with 413 by the server's body handler, its body from io.midtier.http.JsonErrorPages.)
 */
public final class HttpSecurityHandler implements AuthenticationHandler {

    private static final Logger LOG = LoggerFactory.getLogger(HttpSecurityHandler.class);
    private static final String REALM = "midtier";

    /** The authenticated user's name, for the routes that record who did something (audit). */
    public static final String USER_HEADER = "X-Midtier-User";

    private final HttpUsers users;
    private final AccessPolicy policy;
    private final long maxBodySize;

    /** @param maxBodySize the largest body accepted, in bytes; 0 or less = no limit here */
    public HttpSecurityHandler(HttpUsers users, AccessPolicy policy, long maxBodySize) {
        this.users = users;
        this.policy = policy;
        this.maxBodySize = maxBodySize;
    }

    @Override
    public void handle(RoutingContext ctx) {
        // only this handler says who the caller is: a client's own value never reaches the routes
        ctx.request().headers().remove(USER_HEADER);
        AccessPolicy.Requirement requirement = policy.requirement(ctx.request().method().name(), ctx.normalizedPath());
        if (requirement.need() != AccessPolicy.Need.NOBODY && !allowed(ctx, requirement)) {
            return;
        }
        if (maxBodySize > 0 && declaredLength(ctx) > maxBodySize) {
            refuse(ctx, 413, "BODY_TOO_LARGE", "the request body is larger than " + maxBodySize + " bytes");
            return;
        }
        ctx.next();
    }

    /** True if the caller may go on; otherwise the refusal has been sent. */
    private boolean allowed(RoutingContext ctx, AccessPolicy.Requirement requirement) {
        Optional<HttpUsers.User> user = credentials(ctx.request().getHeader("Authorization"));
        if (user.isEmpty()) {
            ctx.response().putHeader("WWW-Authenticate", "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
            refuse(ctx, 401, "UNAUTHORIZED", "credentials are missing or wrong");
            return false;
        }
        if (requirement.need() == AccessPolicy.Need.ROLE && !user.get().roles().contains(requirement.role())) {
            LOG.info("{} {} refused to user {}: needs role {}", ctx.request().method(), ctx.normalizedPath(),
                    user.get().name(), requirement.role());
            refuse(ctx, 403, "FORBIDDEN", "this needs role " + requirement.role());
            return false;
        }
        ctx.request().headers().set(USER_HEADER, user.get().name());
        return true;
    }

    private static long declaredLength(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private Optional<HttpUsers.User> credentials(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        return colon < 0 ? Optional.empty() : users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    }

    private static void refuse(RoutingContext ctx, int status, String code, String message) {
        JsonErrorPages.send(ctx, status, code, message);
    }
}
