package io.midtier.changes;

import io.midtier.api.ApiException;

/**
 * Reads the parameters of the change endpoints: {@code after} (a sequence number) and {@code limit}. The change feed
 * is read by cursor, not by page ({@link io.midtier.api.Paging} is the rule of the paged lists): a subscriber asks for
 * the changes after the last one it holds, so no change is skipped or repeated while new ones arrive, and a request
 * costs one index range whatever its position. Its limit goes up to {@value #MAX_LIMIT}, above the lists' largest
 * page, because a subscriber catching up after a pause reads up to the whole retained log (see
 * {@code midtier.changes.retention-max-count}) in as few round trips as its memory allows; a list page is read by a
 * person or a dashboard.
 */
public class ChangeRequests {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    /** {@code after} from the query, else from an SSE {@code Last-Event-ID}; -1 when neither is given. */
    public long after(String after, String lastEventId) {
        String text = after != null && !after.isBlank() ? after : lastEventId;
        if (text == null || text.isBlank()) {
            return -1;
        }
        if (!text.strip().matches("[0-9]{1,18}")) {
            throw ApiException.badRequest("INVALID_PARAMETER", "after / Last-Event-ID must be a sequence number");
        }
        return Long.parseLong(text.strip());
    }

    /** {@code after} of the list endpoint: 0 (from the beginning) when not given. */
    public long listAfter(String after) {
        return Math.max(0, after(after, null));
    }

    public int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        if (!limit.matches("[0-9]{1,9}") || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
            throw ApiException.badRequest("INVALID_PARAMETER", "limit must be 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(limit);
    }

    /** Refuses a request whose changes retention already removed (410). */
    public void checkRetained(long after, boolean gone, long prunedThrough) {
        if (gone) {
            throw new ChangesGoneException(after, prunedThrough);
        }
    }
}
