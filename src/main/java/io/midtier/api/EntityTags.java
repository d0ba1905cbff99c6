package io.midtier.api;

/**
 * Strong entity tags of a cached entry and the {@code If-None-Match} check of a conditional GET.
 *
 * <p>The tag names the representation, not only the version: an entry whose update is still on its way to the
 * back-end shows {@code pendingUpdate}, and applying the update clears it without a new version (the version is the
 * write path's concurrency token and the change log's order). So the pending representation gets a tag of its own,
 * {@code "<version>-pending"}, and the applied one {@code "<version>"}: a client's copy made while the update was
 * pending is not answered 304 once it has been applied. {@code If-Match} accepts either form of the same version
 * ({@link WriteRequests#expectedVersion}).
 */
public final class EntityTags {

    private static final String PENDING_SUFFIX = "-pending";

    private EntityTags() {
    }

    /** The strong tag of an entry of this version, pending or not. */
    public static String tag(long version, boolean pending) {
        return pending ? "\"" + version + PENDING_SUFFIX + "\"" : "\"" + version + "\"";
    }

    /** True when {@code If-None-Match} lists {@code current} (weak or not) or {@code *}: the client's copy is current. */
    public static boolean matches(String ifNoneMatch, String current) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        int start = 0;
        while (start <= ifNoneMatch.length()) {
            int comma = ifNoneMatch.indexOf(',', start);
            int end = comma < 0 ? ifNoneMatch.length() : comma;
            String t = ifNoneMatch.substring(start, end).strip();
            boolean weakCurrent = t.length() == current.length() + 2 && t.startsWith("W/")
                    && t.regionMatches(2, current, 0, current.length());
            if (t.equals("*") || t.equals(current) || weakCurrent) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }
}
