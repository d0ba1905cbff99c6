package io.midtier.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midtier.run.StartRefused;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The one paging rule of midtier's paged lists ({@code /api/accounts/{id}/transactions}, {@code /api/updates},
 * {@code /api/orders}, {@code /admin/dead-letters}): {@code page} counts from 1 (absent: 1), {@code size} is 1 to the
 * largest size (absent: the default size), both from {@code midtier.api.page.*}. Anything else is refused 400
 * {@code INVALID_PAGE}. The change feed is not paged but read by cursor (see {@link io.midtier.changes.ChangeRequests}).
 */
public class Paging {

    public static final String INVALID_PAGE = "INVALID_PAGE";
    // six digits: a larger number is no page anyone has, and the product page * size stays far inside a long
    private static final Pattern NUMBER = Pattern.compile("[0-9]{1,6}");
    private final int defaultSize;
    private final int maxSize;
    private final ObjectMapper json = new ObjectMapper();

    public Paging(int defaultSize, int maxSize) {
        if (maxSize < 1 || defaultSize < 1 || defaultSize > maxSize) {
            throw new StartRefused("midtier.api.page.default-size (" + defaultSize + ") must be from 1 to "
                    + "midtier.api.page.max-size (" + maxSize + ")");
        }
        this.defaultSize = defaultSize;
        this.maxSize = maxSize;
    }

    /** The 1-based page number; absent means 1. */
    public int page(String page) {
        int value = parse(page, 1, "page must be a number from 1");
        if (value < 1) {
            throw invalid("page must be a number from 1");
        }
        return value;
    }

    /** The page size; absent means the default size. */
    public int size(String size) {
        String rule = "size must be a number from 1 to " + maxSize;
        int value = parse(size, defaultSize, rule);
        if (value < 1 || value > maxSize) {
            throw invalid(rule);
        }
        return value;
    }

    /**
     * The page a list request asks for: reads the {@code page} and {@code size} query parameters and sets the exchange
     * properties {@code page}, {@code size} and {@code offset} the list statements take (400 for a bad one).
     */
    public void select(Exchange exchange) {
        int page = page(exchange.getMessage().getHeader("page", String.class));
        int size = size(exchange.getMessage().getHeader("size", String.class));
        exchange.setProperty("page", page);
        exchange.setProperty("size", size);
        exchange.setProperty("offset", offset(page, size));
    }

    /** How many items come before the page. */
    public long offset(int page, int size) {
        return (long) (page - 1) * size;
    }

    /**
     * The body of a page of an account's transactions; a page after the last one is refused (page 1 of an empty list
     * is an empty page).
     */
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

    private static int parse(String value, int absent, String rule) {
        if (value == null || value.isEmpty()) {
            return absent;
        }
        if (!NUMBER.matcher(value).matches()) {
            throw invalid(rule);
        }
        return Integer.parseInt(value);
    }

    private static ApiException invalid(String message) {
        return ApiException.badRequest(INVALID_PAGE, message);
    }
}
