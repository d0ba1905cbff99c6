package io.midtier.simulator;

import java.util.Optional;

/** Converts between the 10-digit zero-padded wire form of an account id and the id the back-end stores. */
public final class AccountIds {

    public static final int WIDTH = 10;

    private AccountIds() {
    }

    /** The wire form, e.g. "1001" becomes "0000001001". */
    public static String toField(String id) {
        if (id == null || !FixedWidth.isDigits(id) || id.length() > WIDTH) {
            throw new IllegalArgumentException("account id must be 1 to " + WIDTH + " digits: " + id);
        }
        return "0".repeat(WIDTH - id.length()) + id;
    }

    /** The stored id of a wire field, or empty when the field is not exactly ten digits. */
    public static Optional<String> fromField(String field) {
        if (field == null || field.length() != WIDTH || !FixedWidth.isDigits(field)) {
            return Optional.empty();
        }
        String stripped = field.replaceFirst("^0+", "");
        return Optional.of(stripped.isEmpty() ? "0" : stripped);
    }

    /** Accepts either form (as typed into a URL) and returns the stored id. */
    public static Optional<String> normalize(String id) {
        if (id == null || id.isEmpty() || id.length() > WIDTH || !FixedWidth.isDigits(id)) {
            return Optional.empty();
        }
        return fromField(toField(id));
    }
}
