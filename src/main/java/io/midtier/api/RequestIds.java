package io.midtier.api;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids taken from request paths, checked before they reach SQL or the back-end. */
public class RequestIds {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** An account id as the back-end accepts it (1 to 10 digits), without leading zeros. */
    public String accountId(String id) {
        String canonical = canonicalAccountId(id);
        if (canonical == null) {
            throw invalidAccountId();
        }
        return canonical;
    }

    /** As {@link #accountId}, or null for anything else (for io.midtier.cache.NearHits: there it is no error). */
    public static String canonicalAccountId(String id) {
        // a loop, not a regular expression: every read of an account passes here
        if (id == null || id.isEmpty() || id.length() > 10) {
            return null;
        }
        int firstSignificant = -1;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
            if (firstSignificant < 0 && c != '0') {
                firstSignificant = i;
            }
        }
        // one canonical key per account, whatever zero padding the client used
        return firstSignificant < 0 ? "0" : id.substring(firstSignificant);
    }

    private static ApiException invalidAccountId() {
        return ApiException.badRequest("INVALID_ID", "account id must be 1 to 10 digits");
    }

    public String updateId(String id) {
        String canonical = canonicalUuid(id);
        if (canonical == null) {
            throw ApiException.badRequest("INVALID_ID", "update id must be a UUID");
        }
        return canonical;
    }

    /**
     * A UUID in its strict 8-4-4-4-12 form, canonical (lower case), or null for anything else ({@link UUID#fromString}
     * alone takes "1-2-3-4-5" too).
     */
    public static String canonicalUuid(String text) {
        return text != null && UUID_TEXT.matcher(text).matches() ? UUID.fromString(text).toString() : null;
    }
}
