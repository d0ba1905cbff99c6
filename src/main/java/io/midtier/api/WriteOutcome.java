package io.midtier.api;

/** What the dual-write's statement came to, and so what the route does next. */
public enum WriteOutcome {
    /** The cache row, the update row (and the key's response) are written: send the message. */
    WRITTEN,
    /** Nothing written: the entry is not cached, or no longer fresh. Read it through, then write again. */
    READ_THROUGH_FIRST,
    /** Nothing written: the entry has another version than If-Match names (412). */
    VERSION_MISMATCH,
    /** Nothing written: the entry left the cache after it was read through (409, try again). */
    ENTRY_GONE;

    /**
     * @param cached          a (fresh, unless just read through) row was there when the statement ran
     * @param newVersion      the version the statement gave the entry, null when it wrote nothing
     * @param expectedVersion the version If-Match names, null when any will do
     * @param readThrough     the entry was read through just before (a second attempt)
     */
    public static WriteOutcome of(boolean cached, Long newVersion, Long expectedVersion, boolean readThrough) {
        if (newVersion != null) {
            return WRITTEN;
        }
        if (!cached && !readThrough) {
            return READ_THROUGH_FIRST;
        }
        // the row was there (or was just read through) and still nothing changed: If-Match did not hold, or the
        // row went away in between
        return expectedVersion != null ? VERSION_MISMATCH : ENTRY_GONE;
    }
}
