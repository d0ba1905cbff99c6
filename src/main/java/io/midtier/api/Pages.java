package io.midtier.api;

/** Paging parameters of list endpoints ({@code page} from 0, {@code size} 1..{@value #MAX_SIZE}). */
public class Pages {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 500;

    public int size(String size) {
        if (size == null || size.isBlank()) {
            return DEFAULT_SIZE;
        }
        int value = number("size", size);
        if (value < 1 || value > MAX_SIZE) {
            throw ApiException.badRequest("INVALID_PARAMETER", "size must be 1 to " + MAX_SIZE);
        }
        return value;
    }

    public long offset(String page, int size) {
        if (page == null || page.isBlank()) {
            return 0;
        }
        int value = number("page", page);
        if (value < 0) {
            throw ApiException.badRequest("INVALID_PARAMETER", "page must not be negative");
        }
        return (long) value * size;
    }

    private static int number(String name, String text) {
        if (!text.matches("[0-9]{1,9}")) {
            throw ApiException.badRequest("INVALID_PARAMETER", name + " must be a whole number");
        }
        return Integer.parseInt(text);
    }
}
