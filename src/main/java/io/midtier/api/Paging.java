package io.midtier.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;

/** The {@code page} and {@code size} query parameters of paged resources, and the page body. */
public class Paging {

    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,6}");
    private final int defaultSize;
    private final int maxSize;
    private final ObjectMapper json = new ObjectMapper();

    public Paging(int defaultSize, int maxSize) {
        this.defaultSize = defaultSize;
        this.maxSize = maxSize;
    }

    /** 1-based page number; absent means 1. */
    public int page(String page) {
        int value = parse(page, 1, "page");
        if (value < 1) {
            throw ApiException.badRequest("INVALID_PAGE", "page must be a number from 1");
        }
        return value;
    }

    public int size(String size) {
        int value = parse(size, defaultSize, "size");
        if (value < 1 || value > maxSize) {
            throw ApiException.badRequest("INVALID_PAGE", "size must be a number from 1 to " + maxSize);
        }
        return value;
    }

    /** How many items come before the page. */
    public long offset(int page, int size) {
        return (long) (page - 1) * size;
    }

    /** The page body; a page after the last one is refused (page 1 of an empty list is an empty page). */
    public String pageJson(String accountId, Map<?, ?> row, int page, int size) {
        if (row == null) {
            throw new EntryChangedException("the entry left the cache while it was being read; try again");
        }
        long total = ((Number) row.get("total")).longValue();
        long pages = (total + size - 1) / size;
        if (page > Math.max(pages, 1)) {
            throw ApiException.badRequest("PAGE_OUT_OF_RANGE",
                    "page " + page + " is after the last page (" + Math.max(pages, 1) + ") for size " + size);
        }
        ObjectNode node = json.createObjectNode();
        node.put("accountId", accountId);
        node.put("page", page);
        node.put("size", size);
        node.put("totalItems", total);
        node.put("totalPages", pages);
        node.set("items", items(String.valueOf(row.get("items"))));
        return node.toString();
    }

    private JsonNode items(String text) {
        try {
            return json.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int parse(String value, int absent, String name) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        if (!NUMBER.matcher(value).matches()) {
            throw ApiException.badRequest("INVALID_PAGE", name + " must be a positive number");
        }
        return Integer.parseInt(value);
    }
}
