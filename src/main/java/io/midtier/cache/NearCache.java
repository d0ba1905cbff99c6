package io.midtier.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The near cache of one instance: exact response bytes and validators of hot entries, in front of the SQL cache,
 * bounded by entries and by bytes (Caffeine, weighed: every entry weighs at least {@code maxBytes / maxEntries}, so
 * the byte bound also caps the number of entries).
 *
 * <p>A copy read from the database before an invalidation must not be put back after it (it would be older than what
 * the invalidation announced): a reader takes {@link #generation()} before it reads, and {@link #put} drops its copy
 * if anything was invalidated meanwhile.
 */
public final class NearCache {

    private final NearCacheMode mode;
    private final Cache<String, NearEntry> entries;
    private final AtomicLong generation = new AtomicLong();
    private volatile BooleanSupplier caughtUp = () -> false;

    /** What a read does with the near copy it found. */
    public enum Use {
        /** Served from memory without asking the database (notify mode, caught up, still fresh). */
        SERVE,
        /** Served from memory if the primary-key question confirms it. */
        VALIDATE,
        /** Not usable: read the SQL cache. */
        READ
    }

    public NearCache(NearCacheMode mode, long maxEntries, long maxBytes) {
        this.mode = mode;
        int floor = (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxBytes / Math.max(1, maxEntries)));
        this.entries = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((String key, NearEntry entry) -> Math.max(floor, entry.weight()))
                .build();
    }

    /**
     * The near copy's use: in notify mode it is served without a round trip while the invalidations are followed
     * without loss or lag ({@code caughtUp}) and the entry is fresh; otherwise (validate mode, or notify mode not
     * caught up) it is served only once the database confirms its validators.
     */
    public static Use use(NearCacheMode mode, NearEntry copy, long nowNanos, boolean caughtUp) {
        if (mode == NearCacheMode.OFF || copy == null) {
            return Use.READ;
        }
        if (mode == NearCacheMode.NOTIFY && caughtUp && copy.freshAt(nowNanos)) {
            return Use.SERVE;
        }
        return Use.VALIDATE;
    }

    public Use use(NearEntry copy, long nowNanos) {
        return use(mode, copy, nowNanos, caughtUp.getAsBoolean());
    }

    /** Who says whether every invalidation up to now has arrived (notify mode's listener). */
    public void followedBy(BooleanSupplier caughtUp) {
        this.caughtUp = caughtUp;
    }

    public NearCacheMode mode() {
        return mode;
    }

    public boolean enabled() {
        return mode != NearCacheMode.OFF;
    }

    public NearEntry get(String key) {
        return entries.getIfPresent(key);
    }

    public long generation() {
        return generation.get();
    }

    /** Holds {@code entry} unless something was invalidated since {@code seenGeneration}. */
    public void put(String key, NearEntry entry, long seenGeneration) {
        if (!enabled()) {
            return;
        }
        entries.put(key, entry);
        if (generation.get() != seenGeneration) {
            // an invalidation ran while this copy was read: it may predate it
            entries.asMap().remove(key, entry);
        }
    }

    /**
     * A copy after validate's question: renewed for as long as the database says and held again when its validators
     * confirm it (unless something was invalidated since {@code seenGeneration}); else dropped, and null.
     */
    public NearEntry confirmed(String key, NearEntry copy, EntryValidators validators, long seenGeneration,
                               long nowNanos) {
        if (!validators.confirm(copy)) {
            drop(key, copy);
            return null;
        }
        NearEntry renewed = copy.renewed(validators.remainingMs(), nowNanos);
        put(key, renewed, seenGeneration);
        return renewed;
    }

    /** Drops a copy the database no longer confirms (no generation change: removing is always safe). */
    public void drop(String key, NearEntry copy) {
        entries.asMap().remove(key, copy);
    }

    public void invalidate(String key) {
        generation.incrementAndGet();
        entries.invalidate(key);
    }

    public void clear() {
        generation.incrementAndGet();
        entries.invalidateAll();
    }

    public long size() {
        return entries.estimatedSize();
    }

    /** Runs pending evictions now (Caffeine runs them asynchronously). */
    void cleanUp() {
        entries.cleanUp();
    }

    public static String key(String type, String id) {
        return type + ":" + id;
    }
}
