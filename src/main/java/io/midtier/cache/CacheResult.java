package io.midtier.cache;

/** Where an answered entry came from: the {@code X-Cache} header's value. */
public enum CacheResult {
    HIT, MISS, STALE
}
