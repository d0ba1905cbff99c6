package io.midtier.subscriber;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * What a subscriber knows: the version (and last operation) of every entry it has seen, and the sequence
 * number of the last change applied. A change whose version is not newer than the one held is stale and
 * ignored; a change numbered beyond the next one reveals a gap the caller must fill first.
 */
public final class LocalCopy {

    /** What applying a change did. */
    public enum Outcome { APPLIED, STALE, DUPLICATE, GAP }

    public record Entry(long version, String op) {
    }

    private final Map<String, Entry> entries = new HashMap<>();
    private long lastSeq = -1;
    private long staleIgnored;
    private long gaps;
    private long reloads;

    public synchronized Outcome apply(JsonNode change) {
        String key = change.path("type").asText() + ":" + change.path("id").asText();
        long version = change.path("version").asLong();
        long seq = change.path("seq").asLong(0);
        Entry held = entries.get(key);
        if (seq > 0 && lastSeq >= 0 && seq <= lastSeq) {
            return Outcome.DUPLICATE;
        }
        if (seq > 0 && lastSeq >= 0 && seq > lastSeq + 1) {
            gaps++;
            return Outcome.GAP;
        }
        if (seq > 0) {
            lastSeq = seq;
        }
        if (held != null && version <= held.version()) {
            staleIgnored++;
            return Outcome.STALE;
        }
        entries.put(key, new Entry(version, change.path("op").asText()));
        return Outcome.APPLIED;
    }

    /** After a reload: the copy holds what was re-read, and follows the changes after {@code seq}. */
    public synchronized void reloaded(Map<String, Entry> reread, long seq) {
        entries.clear();
        entries.putAll(reread);
        lastSeq = seq;
        reloads++;
    }

    public synchronized void startAt(long seq) {
        lastSeq = seq;
    }

    public synchronized Entry get(String key) {
        return entries.get(key);
    }

    public synchronized Map<String, Entry> entries() {
        return new HashMap<>(entries);
    }

    public synchronized long lastSeq() {
        return lastSeq;
    }

    public synchronized long staleIgnored() {
        return staleIgnored;
    }

    public synchronized long gaps() {
        return gaps;
    }

    public synchronized long reloads() {
        return reloads;
    }
}
