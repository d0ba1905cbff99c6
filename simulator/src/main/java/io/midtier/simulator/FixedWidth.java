package io.midtier.simulator;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Field primitives of the fixed-width COMMAREA records: padding, zero-filling, signs and DB2 timestamps. */
public final class FixedWidth {

    /** DB2 timestamp layout, 26 characters. */
    public static final DateTimeFormatter DB2_TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HH.mm.ss.SSSSSS");
    public static final int DB2_TIMESTAMP_LENGTH = 26;

    private FixedWidth() {
    }

    /** Alphanumeric field: left-aligned, space padded, truncated; non-printable characters become '?' so the record stays ASCII. */
    public static String alpha(String value, int width) {
        StringBuilder out = new StringBuilder(width);
        if (value != null) {
            for (int i = 0; i < value.length() && out.length() < width; i++) {
                char c = value.charAt(i);
                out.append(c >= 0x20 && c <= 0x7e ? c : '?');
            }
        }
        while (out.length() < width) {
            out.append(' ');
        }
        return out.toString();
    }

    /** Unsigned numeric field: right-aligned, zero padded; refuses values that do not fit rather than corrupt a record. */
    public static String numeric(long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative value in unsigned field: " + value);
        }
        String digits = Long.toString(value);
        if (digits.length() > width) {
            throw new IllegalArgumentException(value + " does not fit in " + width + " digits");
        }
        return "0".repeat(width - digits.length()) + digits;
    }

    /** Signed numeric field: '+' or '-' then {@code width - 1} zero-padded digits. */
    public static String signed(long value, int width) {
        if (value == Long.MIN_VALUE) {
            throw new IllegalArgumentException("value out of range: " + value);
        }
        return (value < 0 ? "-" : "+") + numeric(Math.abs(value), width - 1);
    }

    /** Parses a signed field written by {@link #signed(long, int)}. */
    public static long parseSigned(String field) {
        char sign = field.charAt(0);
        if ((sign != '+' && sign != '-') || !isDigits(field.substring(1))) {
            throw new IllegalArgumentException("not a signed numeric field: '" + field + "'");
        }
        long magnitude = Long.parseLong(field.substring(1));
        return sign == '-' ? -magnitude : magnitude;
    }

    /** DB2-style timestamp in UTC, or spaces when there is none. */
    public static String timestamp(OffsetDateTime value) {
        if (value == null) {
            return " ".repeat(DB2_TIMESTAMP_LENGTH);
        }
        return DB2_TIMESTAMP.format(value.withOffsetSameInstant(ZoneOffset.UTC));
    }

    /** Extracts a field by its 1-based position, as the copybooks number them. */
    public static String field(String record, int position, int length) {
        return record.substring(position - 1, position - 1 + length);
    }

    public static boolean isDigits(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** True when every character is printable ASCII: the only content a COMMAREA may carry. */
    public static boolean isPrintableAscii(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < 0x20 || value.charAt(i) > 0x7e) {
                return false;
            }
        }
        return true;
    }

    public static String ascii(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
