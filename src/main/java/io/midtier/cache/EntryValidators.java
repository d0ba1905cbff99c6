package io.midtier.cache;

/**
 * The primary-key question of the near cache's {@code validate} mode: the entry's version, whether an update of it
 * is pending, and how long it stays fresh ({@code exists} false when the row is gone).
 */
public record EntryValidators(boolean exists, long version, boolean pending, boolean fresh, long remainingMs) {

    static final EntryValidators GONE = new EntryValidators(false, 0, false, false, 0);

    /** True when a near copy of this version and pending state may be served now, as the database holds it. */
    public boolean confirm(NearEntry copy) {
        return exists && fresh && copy.version() == version && copy.pending() == pending;
    }
}
