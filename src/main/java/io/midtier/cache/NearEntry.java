package io.midtier.cache;

import io.midtier.api.EntityTags;
import java.nio.charset.StandardCharsets;

/**
 * A response held by the near cache: the exact bytes of the body, its validators and its tag, and until when (this
 * JVM's {@link System#nanoTime} clock) the SQL cache's entry is fresh.
 */
public record NearEntry(byte[] body, long version, boolean pending, String etag, long freshUntilNanos) {

    /** Bookkeeping of an entry besides its body (key, record, Caffeine's node), for the byte bound. */
    static final int OVERHEAD_BYTES = 200;

    public static NearEntry of(CacheRow row, long nowNanos) {
        return new NearEntry(row.json().getBytes(StandardCharsets.UTF_8), row.version(), row.pending(),
                EntityTags.tag(row.version(), row.pending()), nowNanos + row.remainingMs() * 1_000_000L);
    }

    /** The same bytes, fresh for as long as the database now says. */
    public NearEntry renewed(long remainingMs, long nowNanos) {
        return new NearEntry(body, version, pending, etag, nowNanos + remainingMs * 1_000_000L);
    }

    public boolean freshAt(long nowNanos) {
        return freshUntilNanos - nowNanos > 0;
    }

    /** Whole seconds left at {@code nowNanos}, rounded up. */
    public long maxAgeSeconds(long nowNanos) {
        long remainingMs = Math.max(0, (freshUntilNanos - nowNanos) / 1_000_000L);
        return (remainingMs + 999) / 1000;
    }

    int weight() {
        return body.length + OVERHEAD_BYTES;
    }
}
