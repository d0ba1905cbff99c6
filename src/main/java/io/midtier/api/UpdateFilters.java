package io.midtier.api;

import java.util.Set;

/** The filters of the update list ({@code status}, {@code type}); absent means any. */
public class UpdateFilters {

    private static final Set<String> STATUSES = Set.of("PENDING", "APPLIED", "FAILED");
    private static final Set<String> TYPES = Set.of("accounts");

    public String status(String status) {
        return oneOf("status", status, STATUSES);
    }

    public String type(String type) {
        return oneOf("type", type, TYPES);
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
