package io.midtier.ops;

/** midtier's own figures over JMX, as {@code io.midtier:type=Stats}. */
public interface MidtierStatsMBean {

    /** Reads answered from the cache (counter midtier.cache.hits). */
    long getCacheHits();

    /** Reads that went to the back-end (counter midtier.cache.misses). */
    long getCacheMisses();

    /** Accepted updates not yet applied by the back-end (PENDING in cache_update). */
    long getOutstandingUpdates();
}
