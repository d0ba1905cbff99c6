package io.midtier.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;
import org.apache.camel.Message;

/**
 * The checks of a write request that come before its body's fields: media type and charset (415), size (413), the
 * {@code If-Match} precondition (412) and the {@code Idempotency-Key} (a repeat gets the first response).
 */
public class WriteRequests {

    private static final Pattern STRONG_ETAG = Pattern.compile("\\s*\"([0-9]{1,18})(?:-pending)?\"\\s*");
    private static final Pattern UTF_8 = Pattern.compile("\\s*\"?(?i:utf-8)\"?\\s*");
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private final int maxBytes;

    public WriteRequests(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** 415 unless the body is UTF-8 JSON, 413 when it is larger than a write can be. */
    public void checkBody(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        String[] parts = contentType == null ? new String[] {""} : contentType.split(";");
        String mediaType = parts[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !(mediaType.startsWith("application/") && mediaType.endsWith("+json"))) {
            throw new ApiException(415, "UNSUPPORTED_MEDIA_TYPE", "the body must be JSON (Content-Type: application/json)");
        }
        for (int i = 1; i < parts.length; i++) {
            String[] parameter = parts[i].split("=", 2);
            if (parameter[0].strip().equalsIgnoreCase("charset")
                    && (parameter.length < 2 || !UTF_8.matcher(parameter[1]).matches())) {
                // the body is read as UTF-8 only: another charset would be decoded, or fail, behind the checks
                throw new ApiException(415, "UNSUPPORTED_CHARSET", "the body must be UTF-8 (charset=utf-8 or none)");
            }
        }
        // Camel would decode the body with the declared charset: UTF-8 it is
        exchange.removeProperty(Exchange.CHARSET_NAME);
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().setBody(body);
        if (body != null && body.length > maxBytes) {
            throw new ApiException(413, "PAYLOAD_TOO_LARGE", "the body is larger than " + maxBytes + " bytes");
        }
    }

    /** The version {@code If-Match} requires, or null when any version will do (no header, or "*"). */
    public Long expectedVersion(@Header("If-Match") String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        Matcher m = STRONG_ETAG.matcher(ifMatch);
        if (!m.matches()) {
            // a weak or foreign entity tag never matches the entry's strong one
            throw preconditionFailed();
        }
        return Long.parseLong(m.group(1));
    }

    /**
     * What the dual-write's statement came to, as a bean step (an expression would copy the exchange): reads the
     * exchange properties expectedVersion and readThrough; sets written (the statement's answer), writeOutcome
     * ({@link WriteOutcome}, for the route to choose on) and, when written, newVersion and responseBody (the 202's
     * body).
     */
    public void written(@Body WrittenUpdate written, Exchange exchange) {
        WriteOutcome outcome = written.outcome(exchange.getProperty("expectedVersion", Long.class),
                Boolean.TRUE.equals(exchange.getProperty("readThrough", Boolean.class)));
        exchange.setProperty("written", written);
        exchange.setProperty("writeOutcome", outcome);
        if (outcome == WriteOutcome.WRITTEN) {
            exchange.setProperty("newVersion", written.newVersion());
            exchange.setProperty("responseBody", written.response());
        }
    }

    /** Nothing was written: If-Match did not hold (412), or the entry left the cache meanwhile (409). */
    public void checkWritten(@ExchangeProperty("writeOutcome") WriteOutcome outcome) {
        if (outcome == WriteOutcome.VERSION_MISMATCH) {
            throw preconditionFailed();
        }
        if (outcome == WriteOutcome.ENTRY_GONE) {
            throw new EntryChangedException("the entry left the cache while it was being updated; try again");
        }
    }

    /**
     * The answer to a write that was accepted: 202, where to follow the update, and the body the dual-write's
     * statement built (the same bytes a repeat of its Idempotency-Key gets); every other header removed. One bean
     * step in place of five (two of them Simple expressions).
     */
    public void accepted(@ExchangeProperty("updateId") String updateId,
                         @ExchangeProperty("responseBody") String responseBody, Message answer) {
        answer.getHeaders().clear();
        answer.setHeader(Exchange.HTTP_RESPONSE_CODE, 202);
        answer.setHeader("Location", "/api/updates/" + updateId);
        answer.setHeader(Exchange.CONTENT_TYPE, "application/json");
        answer.setBody(responseBody);
    }

    public String idempotencyKey(@Header("Idempotency-Key") String key) {
        if (key == null) {
            return null;
        }
        if (!KEY.matcher(key).matches()) {
            throw ApiException.badRequest("INVALID_IDEMPOTENCY_KEY", "Idempotency-Key must be 1 to 200 visible ASCII characters");
        }
        return key;
    }

    /** What identifies the request behind a key: a repeat must ask for the same change of the same entry. */
    public String requestHash(String type, String id, String patch, Long expectedVersion) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (type + "\n" + id + "\n" + patch + "\n" + expectedVersion).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Answers a repeated key with the first response; 422 when the key came with another request. */
    public void replay(Exchange exchange, Map<String, Object> stored, String requestHash) {
        if (!requestHash.equals(stored.get("request_hash"))) {
            throw new ApiException(422, "IDEMPOTENCY_KEY_REUSED",
                    "this Idempotency-Key was used for another request");
        }
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, ((Number) stored.get("status")).intValue());
        if (stored.get("location") != null) {
            exchange.getMessage().setHeader("Location", stored.get("location"));
        }
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, "application/json");
        exchange.getMessage().setBody(stored.get("body"));
    }

    private static ApiException preconditionFailed() {
        return new ApiException(412, "PRECONDITION_FAILED", "the entry has changed (If-Match does not match its ETag)");
    }
}
