package io.midtier.cache;

/** What a read does after looking at the SQL cache's row: answer it, answer 404, or load it from the back-end. */
public enum Lookup {
    /** Cached and fresh: served as it is. */
    HIT,
    /** The back-end said recently that the key does not exist: 404 without asking again. */
    ABSENT,
    /** Not cached, or expired: loaded through the single flight. */
    LOAD
}
