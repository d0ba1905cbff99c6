package io.midtier.cache;

import io.midtier.api.EntityTags;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The HTTP answer of a read account: where it came from ({@code X-Cache}), its tag, how long it stays fresh (for a
 * stale one its age and a warning), and its JSON, or 304 when {@code If-None-Match} names its tag. Set on the route's
 * message, or, for a near hit answered in front of the routes ({@link NearHits}), written to the HTTP response.
 */
final class AccountResponses {

    private static final String JSON = "application/json";
    private static final String STALE_CACHE_CONTROL = "max-age=0, must-revalidate";
    private static final String STALE_WARNING = "110 midtier \"Response is Stale\"";
    private static final byte[] EMPTY = new byte[0];
    private static final String IF_NONE_MATCH = "If-None-Match";
    private static final String X_CACHE = "X-Cache";
    private static final String CACHE_CONTROL = "Cache-Control";
    private static final String ETAG = "ETag";

    private AccountResponses() {
    }

    /** The whole answer: cache headers, tag, and the JSON or 304. */
    static void answer(Exchange exchange, CacheResult result, String etag, long maxAgeSeconds, long ageSeconds,
                       byte[] body) {
        Message message = exchange.getMessage();
        cacheHeaders(message, result, maxAgeSeconds, ageSeconds);
        answer(message, etag, body);
    }

    /** Where the entry came from and how long it stays fresh; a stale one also says its age, with a warning. */
    static void cacheHeaders(Message message, CacheResult result, long maxAgeSeconds, long ageSeconds) {
        message.setHeader(X_CACHE, result.name());
        if (result == CacheResult.STALE) {
            message.setHeader(CACHE_CONTROL, STALE_CACHE_CONTROL);
            message.setHeader("Age", ageSeconds);
            message.setHeader("Warning", STALE_WARNING);
        } else {
            message.setHeader(CACHE_CONTROL, "max-age=" + maxAgeSeconds);
        }
    }

    // The body is handed over as a ByteBuffer: platform-http-vertx writes one in a single copy, while a byte[] goes
    // through its fallback, an InputStream pumped in 8 KiB chunks (~14% of a hit's CPU, docs/BENCHMARKS.md).
    private static void answer(Message message, String etag, byte[] body) {
        message.setHeader(ETAG, etag);
        if (EntityTags.matches(message.getHeader(IF_NONE_MATCH, String.class), etag)) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            message.setBody(ByteBuffer.wrap(EMPTY));
        } else {
            message.setHeader(Exchange.CONTENT_TYPE, JSON);
            message.setBody(ByteBuffer.wrap(body));
        }
    }

    /** A near copy's answer, written to the HTTP response by {@link NearHits}: the same headers and bytes. */
    static void answer(HttpServerRequest request, NearEntry copy, long nowNanos) {
        HttpServerResponse response = request.response();
        response.putHeader(X_CACHE, CacheResult.HIT.name())
                .putHeader(CACHE_CONTROL, "max-age=" + copy.maxAgeSeconds(nowNanos))
                .putHeader(ETAG, copy.etag());
        if (EntityTags.matches(ifNoneMatch(request), copy.etag())) {
            response.setStatusCode(304).end();
        } else {
            response.putHeader(Exchange.CONTENT_TYPE, JSON).end(Buffer.buffer(copy.body()));
        }
    }

    // a list-valued header a client may split over several lines: one value, as if it had sent one line
    private static String ifNoneMatch(HttpServerRequest request) {
        List<String> lines = request.headers().getAll(IF_NONE_MATCH);
        return lines.size() < 2 ? request.getHeader(IF_NONE_MATCH) : String.join(", ", lines);
    }
}
