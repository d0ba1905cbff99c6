package io.midtier.api;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.Exchange;
import org.apache.camel.spi.HeaderFilterStrategy;

/**
 * Keeps midtier's internal message headers (path parameters, SQL and JMS headers) out of HTTP responses,
 * and keeps clients from setting Camel's control headers on a request. A request's headers become the exchange's
 * headers, and a route that answers without clearing them would send back any that share a response header's
 * name: so a request's {@code Location}, {@code Cache-Control}, {@code ETag}... never get in (only its
 * {@code Content-Type}, which the write path checks).
 */
public class ApiHeaderFilterStrategy implements HeaderFilterStrategy {

    // case-insensitive without a lower-cased copy of each name: both checks run for every header of every request
    private static final Set<String> RESPONSE_HEADERS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);

    static {
        RESPONSE_HEADERS.addAll(List.of(
                "content-type", "location", "etag", "cache-control", "x-cache", "warning", "age", "retry-after",
                "last-modified", "www-authenticate", "allow",
                // the operator console's pages (io.midtier.console.ConsoleAssets): what the browser may load and run
                "content-security-policy", "x-content-type-options", "referrer-policy", "x-frame-options"));
    }

    @Override
    public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
        return !RESPONSE_HEADERS.contains(name);
    }

    @Override
    public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
        if (name.regionMatches(true, 0, "Camel", 0, 5) || name.regionMatches(true, 0, "org.apache.camel", 0, 16)) {
            return true;
        }
        return RESPONSE_HEADERS.contains(name) && !name.equalsIgnoreCase("content-type");
    }
}
