package io.midtier.cache;

import java.util.Locale;

/** How the near cache stays consistent with the SQL cache ({@code midtier.cache.near.mode}). */
public enum NearCacheMode {
    /** Every hit asks PostgreSQL one primary-key question and serves the held bytes if they still match. */
    VALIDATE,
    /** No round trip: entries are dropped by PostgreSQL's notifications; a lost one clears the near cache. */
    NOTIFY,
    /** No near cache: every hit reads the SQL cache. */
    OFF;

    public static NearCacheMode parse(String value) {
        try {
            return valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("midtier.cache.near.mode must be validate, notify or off, not " + value);
        }
    }
}
