package io.midtier.cache;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * The SQL cache's row of the exchange's {@code type} and {@code id} properties as the body (a map with the SQL's
 * column names: {@code json}, {@code version}, {@code fresh}, ...), the {@link Lookup} decision as the
 * {@code cacheLookup} property, and {@code cacheResult} HIT for a hit (a load sets MISS or STALE). For the routes
 * that read an entry besides a GET: {@code cached-account} (the write path's read before it writes, and the pages
 * of an account's transactions) and the single flight's second look under the key's lock ({@code load-account}).
 */
public final class CacheLookup implements Processor {

    private final CacheRows rows;

    public CacheLookup(CacheRows rows) {
        this.rows = rows;
    }

    @Override
    public void process(Exchange exchange) throws Exception {
        CacheRow row = rows.find(exchange.getProperty("type", String.class), exchange.getProperty("id", String.class));
        exchange.getMessage().setBody(row.toMap());
        Lookup lookup = row.lookup();
        exchange.setProperty(AccountReads.LOOKUP, lookup);
        if (lookup == Lookup.HIT) {
            exchange.setProperty(CoalescedLoads.CACHE_RESULT, CacheResult.HIT.name());
        }
    }
}
