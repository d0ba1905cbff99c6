package io.midtier.cache;

import io.midtier.api.EntityTags;
import java.nio.ByteBuffer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The HTTP answer of a read account: where it came from ({@code X-Cache}), its tag, how long it stays fresh (for a
 * stale one its age and a warning), and its JSON, or 304 when {@code If-None-Match} names its tag.
 */
final class AccountResponses {

    private static final String JSON = "application/json";
    private static final String STALE_CACHE_CONTROL = "max-age=0, must-revalidate";
    private static final String STALE_WARNING = "110 midtier \"Response is Stale\"";
    private static final byte[] EMPTY = new byte[0];

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
        message.setHeader("X-Cache", result.name());
        if (result == CacheResult.STALE) {
            message.setHeader("Cache-Control", STALE_CACHE_CONTROL);
            message.setHeader("Age", ageSeconds);
            message.setHeader("Warning", STALE_WARNING);
        } else {
            message.setHeader("Cache-Control", "max-age=" + maxAgeSeconds);
        }
    }

    // The body is handed over as a ByteBuffer: platform-http-vertx writes one in a single copy, while a byte[] goes
    // through its fallback, an InputStream pumped in 8 KiB chunks (~14% of a hit's CPU, docs/BENCHMARKS.md).
    private static void answer(Message message, String etag, byte[] body) {
        message.setHeader("ETag", etag);
        if (EntityTags.matches(message.getHeader("If-None-Match", String.class), etag)) {
            message.setHeader(Exchange.HTTP_RESPONSE_CODE, 304);
            message.setBody(ByteBuffer.wrap(EMPTY));
        } else {
            message.setHeader(Exchange.CONTENT_TYPE, JSON);
            message.setBody(ByteBuffer.wrap(body));
        }
    }
}
