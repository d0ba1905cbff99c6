package io.midtier.cache;

import io.midtier.api.AccountNotFoundException;
import io.midtier.api.EntityTags;
import io.midtier.api.RequestIds;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The read-through route's lookup step for {@code GET /api/accounts/{id}}, and its answer after a load.
 *
 * <p>A hit is answered here in one step: from the near cache (in notify mode without a round trip, in validate mode
 * after one primary-key question) or from the SQL cache's row. A remembered "not found" is 404. Anything else leaves
 * {@code cacheLookup = LOAD} for the route, which loads the entry through the single flight and calls
 * {@link #answerLoaded}.
 */
public final class AccountReads implements Processor {

    /** Exchange property: the {@link Lookup} the route chooses on. */
    public static final String LOOKUP = "cacheLookup";
    static final String TYPE = "accounts";
    /** Exchange property: the near cache's generation before the read (a load's copy is held only if unchanged). */
    private static final String NEAR_GENERATION = "nearGeneration";

    private final RequestIds ids;
    private final CacheRows rows;
    private final GroupedChecks checks;
    private final NearCache near;
    private final CacheCounters counters;

    public AccountReads(RequestIds ids, CacheRows rows, GroupedChecks checks, NearCache near, CacheCounters counters) {
        this.ids = ids;
        this.rows = rows;
        this.checks = checks;
        this.near = near;
        this.counters = counters;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        String id = ids.accountId(exchange.getMessage().getHeader("id", String.class));
        exchange.setProperty("type", TYPE);
        exchange.setProperty("id", id);
        String key = NearCache.key(TYPE, id);
        long now = System.nanoTime();
        NearEntry copy = near.enabled() ? near.get(key) : null;
        switch (near.use(copy, now)) {
            case SERVE -> {
                answerNear(exchange, copy, now);
                return;
            }
            case VALIDATE -> {
                long generation = near.generation();
                NearEntry renewed = near.confirmed(key, copy, checks.check(TYPE, id), generation, now);
                if (renewed != null) {
                    answerNear(exchange, renewed, now);
                    return;
                }
            }
            case READ -> {
                // below
            }
        }
        long generation = near.generation();
        CacheRow row = rows.find(TYPE, id);
        switch (row.lookup()) {
            case HIT -> {
                NearEntry entry = NearEntry.of(row, now);
                near.put(key, entry, generation);
                counters.hit(false);
                AccountResponses.answer(exchange, CacheResult.HIT, entry.etag(), row.maxAgeSeconds(), 0, entry.body());
            }
            case ABSENT -> {
                counters.negativeHit();
                throw new AccountNotFoundException("account not found");
            }
            case LOAD -> {
                counters.miss();
                exchange.setProperty(NEAR_GENERATION, generation);
                exchange.setProperty(LOOKUP, Lookup.LOAD);
            }
        }
    }

    /** After the single flight: the loaded (or stale) entry in the body, {@code cacheResult} MISS or STALE. */
    public void answerLoaded(Exchange exchange) {
        CacheRow row = CacheRow.fromMap(exchange.getMessage().getBody(Map.class));
        CacheResult result = CacheResult.valueOf(String.valueOf(exchange.getProperty(CoalescedLoads.CACHE_RESULT)));
        if (Boolean.TRUE.equals(exchange.getProperty(CoalescedLoads.COALESCED))) {
            counters.coalesced();
        }
        byte[] body = row.json().getBytes(StandardCharsets.UTF_8);
        String etag = EntityTags.tag(row.version(), row.pending());
        if (result == CacheResult.STALE) {
            counters.stale();
        }
        Long generation = exchange.getProperty(NEAR_GENERATION, Long.class);
        if (generation != null && result != CacheResult.STALE) {
            near.put(NearCache.key(TYPE, exchange.getProperty("id", String.class)),
                    NearEntry.of(row, System.nanoTime()), generation);
        }
        AccountResponses.answer(exchange, result, etag, row.maxAgeSeconds(), row.ageSeconds(), body);
    }

    /**
     * The cache headers of an entry read by {@code direct:cached-account} (body: its row as a map, {@code cacheResult}
     * set), for answers made from it other than the entry itself (its transactions' pages: they carry no ETag).
     */
    public void cacheHeaders(Exchange exchange) {
        CacheRow row = CacheRow.fromMap(exchange.getMessage().getBody(Map.class));
        AccountResponses.cacheHeaders(exchange.getMessage(),
                CacheResult.valueOf(String.valueOf(exchange.getProperty(CoalescedLoads.CACHE_RESULT))),
                row.maxAgeSeconds(), row.ageSeconds());
    }

    private void answerNear(Exchange exchange, NearEntry copy, long now) {
        counters.hit(true);
        AccountResponses.answer(exchange, CacheResult.HIT, copy.etag(), copy.maxAgeSeconds(now), 0, copy.body());
    }
}
