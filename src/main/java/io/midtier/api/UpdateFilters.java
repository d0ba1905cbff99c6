package io.midtier.api;

import java.util.Set;

/** The filters of the update list ({@code status}, {@code type}, {@code key}); absent means any. */
public class UpdateFilters {

    private static final Set<String> STATUSES = Set.of("PENDING", "APPLIED", "FAILED");
    private static final Set<String> TYPES = Set.of("accounts");
    private final RequestIds ids = new RequestIds();

    public String status(String status) {
        return oneOf("status", status, STATUSES);
    }

    public String type(String type) {
        return oneOf("type", type, TYPES);
    }

    /**
     * The entry's key ({@code id} in the list's JSON): an account id, in its canonical form (no leading zeros), so
     * {@code 01001} finds the updates of {@code 1001}. The database filters the whole list by it, not the page.
     */
    public String key(String key) {
        if (key == null || key.isBlank()) {
            return null;
        }
        try {
            return ids.accountId(key);
        } catch (ApiException e) {
            throw ApiException.badRequest("INVALID_PARAMETER", "key must be an account id (1 to 10 digits)");
        }
    }

    private static String oneOf(String name, String value, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (!allowed.contains(value)) {
            throw ApiException.badRequest("INVALID_PARAMETER", name + " must be one of " + allowed);
        }
        return value;
    }
}
