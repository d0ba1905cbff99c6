package io.midtier.cache;

import java.util.HashMap;
import java.util.Map;

/**
 * The SQL cache's answer for one key ({@code sql/find-cache-entry.sql}, or the store's): the entry's JSON as served
 * and its validators (null JSON when not cached), its remaining lifetime and age, and whether the key is known not to
 * exist. The routes of the miss path and the write path read it as a map with the SQL's column names.
 */
public record CacheRow(String json, long version, boolean pending, boolean fresh, long remainingMs, long ageSeconds,
                       boolean absent) {

    static final CacheRow NONE = new CacheRow(null, 0, false, false, 0, 0, false);

    /** The decision of a read: a fresh entry is a hit, a remembered "not found" is 404, anything else is loaded. */
    public Lookup lookup() {
        if (json != null && fresh) {
            return Lookup.HIT;
        }
        return absent ? Lookup.ABSENT : Lookup.LOAD;
    }

    /** Whole seconds left, rounded up (what {@code Cache-Control: max-age} says). */
    public long maxAgeSeconds() {
        return (remainingMs + 999) / 1000;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> map = new HashMap<>();
        if (json != null) {
            map.put("json", json);
            map.put("version", version);
        }
        map.put("pending", pending);
        map.put("fresh", fresh);
        map.put("remaining_ms", remainingMs);
        map.put("max_age", maxAgeSeconds());
        map.put("age", ageSeconds);
        map.put("absent", absent);
        return map;
    }

    /** The row as the miss path's routes left it (camel-sql's map, or {@link #toMap}). */
    public static CacheRow fromMap(Map<?, ?> map) {
        Object json = map.get("json");
        long remainingMs = map.get("remaining_ms") != null ? number(map, "remaining_ms") : number(map, "max_age") * 1000;
        return new CacheRow(json == null ? null : json.toString(), number(map, "version"), flag(map, "pending"),
                flag(map, "fresh"), remainingMs, number(map, "age"), flag(map, "absent"));
    }

    private static long number(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value instanceof Number n ? n.longValue() : value == null ? 0 : Long.parseLong(value.toString());
    }

    private static boolean flag(Map<?, ?> map, String key) {
        Object value = map.get(key);
        return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString());
    }
}
