package io.midtier.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The corpus of malformed and hostile requests the bad-input scenario mixes into the load (issue 5, scenario 5).
 * Thread-safe: {@link #send} may be called from many clients at once.
 *
 * <p>Every case is bad: each must be refused with a 4xx and a JSON error body, and change nothing (no row, no
 * queued message, no back-end call). Cases that carry a well-formed body or id put the fault somewhere else
 * (header, query, media type...) so that only that fault stands between them and a write. Cases of category
 * {@code slow} stall their body on purpose: the server answers them after {@code midtier.http.body-timeout-ms}
 * (10 s by default), so send them with a longer timeout.
 *
 * <p>Cases of category {@code protocol} break HTTP/1.1 itself (header syntax and sizes, Content-Length,
 * chunking, request line): Vert.x's HTTP codec refuses them before any handler of Camel or midtier runs, with an
 * empty body or by closing the connection, and midtier cannot reach that answer (the server's invalid-request
 * handler is fixed when Camel starts it). For them a 4xx with any body, or a close without answer, keeps the
 * rules; a 5xx or a 2xx does not. Left out for that reason: an unknown HTTP version ({@code HTTP/9.9},
 * {@code http/1.1}), which Vert.x answers 501 before any handler runs.
 */
public final class BadInputCorpus {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An account id the simulator knows: a fault elsewhere in the request must be what refuses it. */
    private static final String ACCOUNT = "/api/accounts/1001";
    private static final String UUID = "7d444840-9dc0-11d1-b245-5ffdce74fad2";
    private static final String VALID_UPDATE = "{\"name\":\"JANE DOE\"}";
    private static final String VALID_ORDER = "{\"item\":\"WIDGET\",\"quantity\":2}";

    private BadInputCorpus() {
    }

    /**
     * Every hostile request, built for a midtier listening on {@code host:port}; {@code authorization} is the
     * value of an Authorization header the corpus uses where a case should pass authentication (a writer).
     */
    public static List<HostileRequest> cases(String host, int port, String authorization) {
        Cases c = new Cases(host + ":" + port, authorization);
        jsonBodies(c);
        fieldTypes(c);
        unicode(c);
        orders(c);
        sizes(c);
        contentTypes(c);
        ids(c);
        queryParameters(c);
        overrides(c);
        headers(c);
        methodsAndPaths(c);
        protocol(c);
        slow(c);
        return List.copyOf(c.list);
    }

    /** Sends one request on a fresh socket and judges the answer (a 4xx with a JSON error body keeps the rules). */
    public static Verdict send(String host, int port, HostileRequest request, Duration timeout) {
        RawHttpClient.Response response = RawHttpClient.exchange(host, port, request.bytes(), timeout);
        boolean jsonError = isJsonError(response);
        return new Verdict(request, response.status(), jsonError, problem(request, response, jsonError));
    }

    private static String problem(HostileRequest request, RawHttpClient.Response response, boolean jsonError) {
        int status = response.status();
        boolean codec = request.category().equals("protocol");
        if (status < 0) {
            boolean closed = response.failure() != null && response.failure().startsWith("closed without");
            return codec && closed ? null : "no answer: " + response.failure();
        }
        if (status >= 500) {
            return "server error " + status + ": " + snippet(response);
        }
        if (status < 400) {
            return "not refused: " + status + " " + snippet(response);
        }
        if (!jsonError && !codec) {
            return status + " without a JSON error body (Content-Type " + response.header("Content-Type") + "): "
                    + snippet(response);
        }
        // an error answer describes one moment: no cache may keep it (some are cacheable by default: 404, 410)
        if (jsonError && !"no-store".equals(response.header("Cache-Control"))) {
            return status + " JSON error without Cache-Control: no-store (" + response.header("Cache-Control") + ")";
        }
        return null;
    }

    private static boolean isJsonError(RawHttpClient.Response response) {
        String type = response.header("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            return false;
        }
        try {
            JsonNode node = JSON.readTree(response.body());
            return node != null && node.isObject() && node.path("error").isTextual();
        } catch (Exception e) {
            return false;
        }
    }

    private static String snippet(RawHttpClient.Response response) {
        String text = response.bodyText().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }

    // ---- PUT /api/accounts/{id}: bodies that are not (one) JSON object

    private static void jsonBodies(Cases c) {
        String[][] bodies = {
                {"truncated", "{\"name\":\"JANE"},
                {"truncated-object", "{\"name\":\"JANE DOE\""},
                {"only-brace", "{"},
                {"trailing-garbage", VALID_UPDATE + " garbage"},
                {"trailing-brace", VALID_UPDATE + "}"},
                {"two-objects", VALID_UPDATE + VALID_UPDATE},
                {"trailing-comma", "{\"name\":\"JANE DOE\",}"},
                {"single-quotes", "{'name':'JANE DOE'}"},
                {"unquoted-key", "{name:\"JANE DOE\"}"},
                {"comment", "{\"name\":\"JANE DOE\" /* hi */}"},
                {"nan", "{\"name\":NaN}"},
                {"infinity", "{\"name\":Infinity}"},
                {"bad-escape", "{\"name\":\"JANE\\x41\"}"},
                {"bad-unicode-escape", "{\"name\":\"\\u12G4\"}"},
                {"control-char-in-string", "{\"name\":\"JANE\u0001DOE\"}"},
                {"newline-in-string", "{\"name\":\"JANE\nDOE\"}"},
                {"array", "[" + VALID_UPDATE + "]"},
                {"string", "\"JANE DOE\""},
                {"number", "1001"},
                {"true", "true"},
                {"null", "null"},
                {"empty-object", "{}"},
                {"whitespace-only", "   \r\n\t "},
                {"duplicate-field", "{\"name\":\"JANE DOE\",\"name\":\"JOHN DOE\"}"},
                {"duplicate-field-apart", "{\"name\":\"JANE DOE\",\"phone\":\"555\",\"name\":\"X\"}"},
                {"duplicate-field-escaped", "{\"name\":\"JANE DOE\",\"n\\u0061me\":\"X\"}"},
                {"depth-bomb-array", "{\"name\":" + "[".repeat(2000) + "]".repeat(2000) + "}"},
                {"depth-bomb-object", "{\"name\":" + "{\"a\":".repeat(600) + "1" + "}".repeat(600) + "}"},
                {"depth-bomb-unclosed", "[".repeat(4000)},
                {"nul-after-object", VALID_UPDATE + "\u0000"},
                {"bom", "\uFEFF" + VALID_UPDATE},
                {"empty-key", "{\"\":\"JANE DOE\"}"},
                {"proto-key", "{\"__proto__\":{\"name\":\"X\"}}"},
        };
        for (String[] b : bodies) {
            c.add("put-account/json-" + b[0], "json", RawRequest.of("PUT", ACCOUNT).auth(c.auth).json(b[1]));
        }
        // the same faults where another endpoint parses JSON
        String[][] orderBodies = {
                {"truncated", "{\"item\":\"WIDGET\",\"quantity\":"},
                {"trailing-garbage", VALID_ORDER + "x"},
                {"two-objects", VALID_ORDER + VALID_ORDER},
                {"array", "[" + VALID_ORDER + "]"},
                {"null", "null"},
                {"empty-object", "{}"},
                {"duplicate-field", "{\"item\":\"WIDGET\",\"quantity\":2,\"quantity\":3}"},
                {"duplicate-item", "{\"item\":\"WIDGET\",\"item\":\"GADGET\",\"quantity\":2}"},
                {"depth-bomb", "{\"item\":" + "[".repeat(2000) + "]".repeat(2000) + ",\"quantity\":1}"},
                {"single-quotes", "{'item':'WIDGET','quantity':2}"},
                {"comment", "{\"item\":\"WIDGET\",/*x*/\"quantity\":2}"},
                {"nan", "{\"item\":\"WIDGET\",\"quantity\":NaN}"},
        };
        for (String[] b : orderBodies) {
            c.add("post-order/json-" + b[0], "json", RawRequest.of("POST", "/api/orders").auth(c.auth).json(b[1]));
        }
    }

    // ---- PUT /api/accounts/{id}: well-formed JSON with the wrong fields or types

    private static void fieldTypes(Cases c) {
        String[][] bodies = {
                {"name-number", "{\"name\":123}"},
                {"name-true", "{\"name\":true}"},
                {"name-null", "{\"name\":null}"},
                {"name-array", "{\"name\":[\"JANE DOE\"]}"},
                {"name-object", "{\"name\":{\"first\":\"JANE\"}}"},
                {"name-huge-number", "{\"name\":1" + "0".repeat(400) + "}"},
                {"name-huge-exponent", "{\"name\":1e999999999}"},
                {"name-negative-zero", "{\"name\":-0}"},
                {"phone-number", "{\"phone\":5551234}"},
                {"address-array", "{\"address\":[\"1 MAIN ST\",\"SPRINGFIELD\"]}"},
                {"unknown-field", "{\"nickname\":\"JD\"}"},
                {"version-field", "{\"name\":\"JANE DOE\",\"version\":99}"},
                {"id-field", "{\"id\":\"1002\",\"name\":\"JANE DOE\"}"},
                {"pending-field", "{\"pendingUpdate\":null}"},
                {"case-variant-field", "{\"Name\":\"JANE DOE\"}"},
                {"field-with-space", "{\"name \":\"JANE DOE\"}"},
                {"name-too-long", "{\"name\":\"" + "A".repeat(41) + "\"}"},
                {"address-too-long", "{\"address\":\"" + "A".repeat(61) + "\"}"},
                {"phone-too-long", "{\"phone\":\"" + "5".repeat(21) + "\"}"},
                {"name-blank", "{\"name\":\"   \"}"},
                {"name-empty", "{\"name\":\"\"}"},
                {"phone-letters", "{\"phone\":\"CALL ME\"}"},
                {"phone-injection", "{\"phone\":\"555'; drop table cache_entry;--\"}"},
                {"name-tab", "{\"name\":\"JANE\\tDOE\"}"},
                {"name-newline-escape", "{\"name\":\"JANE\\nDOE\"}"},
                {"name-crlf-injection", "{\"name\":\"JANE\\r\\nX-Injected: 1\"}"},
                {"name-too-long-after-strip-no", "{\"name\":\" " + "B".repeat(41) + " \"}"},
                {"long-key", "{\"" + "k".repeat(3000) + "\":\"x\"}"},
        };
        for (String[] b : bodies) {
            c.add("put-account/" + b[0], "types", RawRequest.of("PUT", ACCOUNT).auth(c.auth).json(b[1]));
        }
    }

    // ---- text the back-end's fixed-width ASCII fields cannot hold, and bytes that are not UTF-8

    private static void unicode(Cases c) {
        String[][] names = {
                {"accent", "JOS\u00c9"},
                {"combining", "JOSE\u0301"},
                {"rtl-override", "JANE\u202eEOD"},
                {"zero-width", "JANE\u200bDOE"},
                {"homoglyph-cyrillic", "J\u0410NE DOE"},
                {"fullwidth", "\uff2a\uff21\uff2e\uff25"},
                {"emoji", "JANE \ud83d\ude00"},
                {"nul-escape", "JANE\\u0000DOE"},
                {"lone-surrogate-escape", "JANE\\ud800DOE"},
                {"reversed-surrogates-escape", "\\udc00\\ud800"},
                {"bidi-isolate", "\u2066JANE\u2069"},
                {"ideographic-space", "JANE\u3000DOE"},
                {"non-breaking-space", "JANE\u00a0DOE"},
                {"line-separator", "JANE\u2028DOE"},
        };
        for (String[] n : names) {
            c.add("put-account/unicode-" + n[0], "unicode",
                    RawRequest.of("PUT", ACCOUNT).auth(c.auth).json("{\"name\":\"" + n[1] + "\"}"));
        }
        byte[][] rawNames = {
                {(byte) 0xC0, (byte) 0xAF},                 // overlong "/"
                {(byte) 0xC1, (byte) 0x81},                 // overlong "A"
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF},    // overlong, 3 bytes
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80},    // lone surrogate, encoded
                {(byte) 0xFF, (byte) 0xFE},                 // never valid in UTF-8
                {(byte) 0xC3},                              // truncated sequence
                {0x00},                                     // raw NUL
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        };
        String[] rawLabels = {"overlong-slash", "overlong-a", "overlong-3byte", "surrogate-bytes", "ff-fe",
                "truncated-sequence", "raw-nul", "above-max-codepoint"};
        for (int i = 0; i < rawNames.length; i++) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes("{\"name\":\"JANE".getBytes(StandardCharsets.US_ASCII));
            body.writeBytes(rawNames[i]);
            body.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
            c.add("put-account/bytes-" + rawLabels[i], "unicode", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                    .header("Content-Type", "application/json").body(body.toByteArray()));
            ByteArrayOutputStream order = new ByteArrayOutputStream();
            order.writeBytes("{\"item\":\"WID".getBytes(StandardCharsets.US_ASCII));
            order.writeBytes(rawNames[i]);
            order.writeBytes("GET\",\"quantity\":1}".getBytes(StandardCharsets.US_ASCII));
            c.add("post-order/bytes-" + rawLabels[i], "unicode", RawRequest.of("POST", "/api/orders").auth(c.auth)
                    .header("Content-Type", "application/json").body(order.toByteArray()));
        }
        // charsets midtier does not read: a well-formed update in another encoding must not be guessed at
        String[] charsets = {"UTF-16", "UTF-16LE", "UTF-32", "ISO-8859-1", "windows-1252", "Shift_JIS", "IBM037"};
        for (String charset : charsets) {
            byte[] body = VALID_UPDATE.getBytes(Charset.forName(charset));
            c.add("put-account/charset-" + charset, "unicode", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                    .header("Content-Type", "application/json; charset=" + charset).body(body));
            byte[] order = VALID_ORDER.getBytes(Charset.forName(charset));
            c.add("post-order/charset-" + charset, "unicode", RawRequest.of("POST", "/api/orders").auth(c.auth)
                    .header("Content-Type", "application/json; charset=" + charset).body(order));
        }
        for (String charset : new String[] {"nonsense", "", "\"utf-8\"x", "utf-8; charset=utf-16"}) {
            c.add("put-account/charset-odd-" + charset.replaceAll("[^a-z0-9-]", "_"), "unicode",
                    RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                            .header("Content-Type", "application/json; charset=" + charset).body("{\"name\":1}"));
        }
        // the UTF-8 byte order mark a few clients put in front
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] withBom = concat(bom, "{\"name\":\"\u00c9\"}".getBytes(StandardCharsets.UTF_8));
        c.add("put-account/bytes-bom-accent", "unicode", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").body(withBom));
    }

    // ---- POST /api/orders: what its checks must refuse

    private static void orders(Cases c) {
        String[][] bodies = {
                {"item-number", "{\"item\":123,\"quantity\":2}"},
                {"item-true", "{\"item\":true,\"quantity\":2}"},
                {"item-null", "{\"item\":null,\"quantity\":2}"},
                {"item-array", "{\"item\":[\"WIDGET\"],\"quantity\":2}"},
                {"item-object", "{\"item\":{\"name\":\"WIDGET\"},\"quantity\":2}"},
                {"item-missing", "{\"quantity\":2}"},
                {"item-empty", "{\"item\":\"\",\"quantity\":2}"},
                {"item-too-long", "{\"item\":\"" + "W".repeat(21) + "\",\"quantity\":2}"},
                {"item-injection", "{\"item\":\"W'; drop table customer_order;--\",\"quantity\":2}"},
                {"item-sharp-s", "{\"item\":\"STRA\u00dfE\",\"quantity\":2}"},
                {"item-long-s", "{\"item\":\"WID\u017fET\",\"quantity\":2}"},
                {"item-ligature", "{\"item\":\"\ufb01LTER\",\"quantity\":2}"},
                {"item-dotless-i", "{\"item\":\"W\u0131DGET\",\"quantity\":2}"},
                {"item-kelvin", "{\"item\":\"\u212aIT\",\"quantity\":2}"},
                {"item-fullwidth", "{\"item\":\"\uff37IDGET\",\"quantity\":2}"},
                {"item-arabic-digits", "{\"item\":\"\u0661\u0662\",\"quantity\":2}"},
                {"item-rtl", "{\"item\":\"WID\u202eGET\",\"quantity\":2}"},
                {"item-nul", "{\"item\":\"WID\\u0000GET\",\"quantity\":2}"},
                {"quantity-missing", "{\"item\":\"WIDGET\"}"},
                {"quantity-string", "{\"item\":\"WIDGET\",\"quantity\":\"2\"}"},
                {"quantity-fraction", "{\"item\":\"WIDGET\",\"quantity\":2.5}"},
                {"quantity-float-whole", "{\"item\":\"WIDGET\",\"quantity\":2.0}"},
                {"quantity-exponent", "{\"item\":\"WIDGET\",\"quantity\":1e2}"},
                {"quantity-zero", "{\"item\":\"WIDGET\",\"quantity\":0}"},
                {"quantity-negative", "{\"item\":\"WIDGET\",\"quantity\":-1}"},
                {"quantity-too-big", "{\"item\":\"WIDGET\",\"quantity\":100000}"},
                {"quantity-overflow", "{\"item\":\"WIDGET\",\"quantity\":4294967298}"},
                {"quantity-huge", "{\"item\":\"WIDGET\",\"quantity\":1" + "0".repeat(300) + "}"},
                {"quantity-null", "{\"item\":\"WIDGET\",\"quantity\":null}"},
                {"quantity-true", "{\"item\":\"WIDGET\",\"quantity\":true}"},
                {"quantity-array", "{\"item\":\"WIDGET\",\"quantity\":[2]}"},
                {"extra-field", "{\"item\":\"WIDGET\",\"quantity\":2,\"price\":0}"},
                {"extra-status", "{\"item\":\"WIDGET\",\"quantity\":2,\"status\":\"SHIPPED\"}"},
                {"extra-order-id", "{\"orderId\":\"" + UUID + "\",\"item\":\"WIDGET\",\"quantity\":2}"},
                {"case-variant-fields", "{\"Item\":\"WIDGET\",\"Quantity\":2}"},
        };
        for (String[] b : bodies) {
            c.add("post-order/" + b[0], "types", RawRequest.of("POST", "/api/orders").auth(c.auth).json(b[1]));
        }
        c.add("post-order/empty-body", "json", RawRequest.of("POST", "/api/orders").auth(c.auth).json(""));
        c.add("post-order/no-content-type", "content-type",
                RawRequest.of("POST", "/api/orders").auth(c.auth).body(VALID_ORDER));
        for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                "text/json", "application/jsonx", "multipart/form-data; boundary=x", "*/*"}) {
            c.add("post-order/content-type-" + type.replaceAll("[^a-z]", "_"), "content-type",
                    RawRequest.of("POST", "/api/orders").auth(c.auth).header("Content-Type", type).body(VALID_ORDER));
        }
        String padded = "{\"item\":\"WIDGET\",\"quantity\":2" + " ".repeat(5000) + "}";
        c.add("post-order/over-update-limit", "size", RawRequest.of("POST", "/api/orders").auth(c.auth).json(padded));
        c.add("post-order/over-server-limit", "size", RawRequest.of("POST", "/api/orders").auth(c.auth)
                .json("{\"item\":\"" + "W".repeat(70_000) + "\",\"quantity\":2}"));
        c.add("post-order/no-auth", "headers", RawRequest.of("POST", "/api/orders").json(VALID_ORDER));
    }

    // ---- bodies over the limits, declared or not

    private static void sizes(Cases c) {
        String padded = "{\"name\":\"JANE DOE\"" + " ".repeat(4200) + "}";
        c.add("put-account/over-update-limit", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth).json(padded));
        c.add("put-account/over-server-limit", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .json("{\"name\":\"" + "A".repeat(70_000) + "\"}"));
        c.add("put-account/one-megabyte", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .json("{\"address\":\"" + "A".repeat(1 << 20) + "\"}"));
        c.add("put-account/declared-huge", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Content-Length", "10000000000")
                .noContentLength().body(VALID_UPDATE));
        c.add("put-account/chunked-over-update-limit", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").chunked(padded.getBytes(StandardCharsets.UTF_8), 1000));
        c.add("put-account/chunked-over-server-limit", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json")
                .chunked(("{\"name\":\"" + "A".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8), 8192));
        c.add("post-order/chunked-over-server-limit", "size", RawRequest.of("POST", "/api/orders").auth(c.auth)
                .header("Content-Type", "application/json")
                .chunked(("{\"item\":\"" + "W".repeat(70_000) + "\",\"quantity\":1}").getBytes(StandardCharsets.UTF_8), 4096));
        c.add("put-account/many-fields", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .json("{" + "\"name\":\"A\",".repeat(300) + "\"phone\":\"1\"}"));
        c.add("put-account/long-string-in-limit", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .json("{\"address\":\"" + "A".repeat(4000) + "\"}"));
        c.add("put-account/empty-body", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth).json(""));
        c.add("put-account/no-body-no-length", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").noContentLength());
        c.add("put-account/short-content-length", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Content-Length", "5").noContentLength()
                .body(VALID_UPDATE));
        c.add("put-account/negative-content-length", "protocol", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Content-Length", "-1").noContentLength()
                .body(VALID_UPDATE));
        c.add("put-account/text-content-length", "protocol", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Content-Length", "eighteen").noContentLength()
                .body(VALID_UPDATE));
        c.add("put-account/two-content-lengths", "protocol", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Content-Length", "5")
                .header("Content-Length", String.valueOf(VALID_UPDATE.length())).noContentLength().body(VALID_UPDATE));
        c.add("put-account/length-and-chunked", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Content-Length", "3")
                .chunked("{\"name\":1}".getBytes(StandardCharsets.UTF_8), 4));
        c.add("put-account/bad-chunk-size", "protocol", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked").noContentLength()
                .body("zz\r\n{\"name\":1}\r\n0\r\n\r\n"));
        c.add("put-account/chunk-size-overflow", "protocol", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked").noContentLength()
                .body("fffffffffffffffff\r\n{\"name\":1}\r\n0\r\n\r\n"));
        c.add("put-account/unknown-transfer-encoding", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Transfer-Encoding", "gzip, chunked").noContentLength()
                .body("a\r\n{\"name\":1}\r\n0\r\n\r\n"));
        c.add("put-account/gzip-content-encoding", "size", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Content-Encoding", "gzip").body("not gzip"));
    }

    // ---- PUT /api/accounts/{id}: a well-formed update that is not declared as JSON

    private static void contentTypes(Cases c) {
        c.add("put-account/no-content-type", "content-type", RawRequest.of("PUT", ACCOUNT).auth(c.auth).body(VALID_UPDATE));
        String[] types = {"text/plain", "application/xml", "application/x-www-form-urlencoded", "text/json",
                "application/jsonx", "json", "application", "*/*", "application/*", "multipart/form-data; boundary=x",
                "application/octet-stream", "text/html; charset=utf-8",
                "application /json", "application/json-seq", "application/problem+xml", "APPLICATION/JSONP"};
        for (String type : types) {
            c.add("put-account/content-type-" + type.replaceAll("[^a-zA-Z]", "_"), "content-type",
                    RawRequest.of("PUT", ACCOUNT).auth(c.auth).header("Content-Type", type).body(VALID_UPDATE));
        }
        c.add("put-account/content-type-empty", "content-type",
                RawRequest.of("PUT", ACCOUNT).auth(c.auth).header("Content-Type", "").body(VALID_UPDATE));
        c.add("put-account/form-body", "content-type", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/x-www-form-urlencoded").body("name=JANE+DOE"));
        // two Content-Types: whichever one is read, the body is not an update
        c.add("put-account/two-content-types", "content-type", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "text/plain").header("Content-Type", "application/json").body("{\"name\":[]}"));
        c.add("put-account/patch-media-type", "content-type", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json-patch+json")
                .body("[{\"op\":\"replace\",\"path\":\"/name\",\"value\":\"X\"}]"));
    }

    // ---- ids in paths: injection, traversal, encodings

    private static void ids(Cases c) {
        String[] ids = {
                "abc", "-1", "%2B1001", "1e3", "0x3E9", "1001.0", "1%2C001", "99999999999", "12345678901234567890",
                "1".repeat(1000),
                "1001%27%3B%20drop%20table%20cache_entry%3B--", "1%27%20OR%20%271%27%3D%271", "1001%22%20or%201%3D1",
                "1001%3Bselect%20pg_sleep(5)", "%2e%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2F..%2Fadmin",
                "..%252f..%252f", "1001%00", "%00", "1001%0d%0aX-Injected:%201", "%20", "%091001", "1001%20",
                "%D9%A1%D9%A0%D9%A0%D9%A1", "%EF%BC%91%EF%BC%90%EF%BC%90%EF%BC%91", "1001%E2%80%AE",
                "%C0%B1%C0%B0%C0%B0%C0%B1", "%ED%A0%80", "%FF%FE", "1001%", "1001%zz", "%25", "%2F", "%5C..%5C",
                "$%7Bjndi:ldap:%2F%2Fx%7D", "%7B%7Bmidtier.db.password%7D%7D", "$%7Bheader.id%7D",
        };
        for (String id : ids) {
            String label = label(id);
            c.add("get-account/id-" + label, "injection", RawRequest.of("GET", "/api/accounts/" + id));
            c.add("get-transactions/id-" + label, "injection", RawRequest.of("GET", "/api/accounts/" + id + "/transactions"));
            c.add("put-account/id-" + label, "injection", RawRequest.of("PUT", "/api/accounts/" + id).auth(c.auth).json(VALID_UPDATE));
            c.add("evict/id-" + label, "injection", RawRequest.of("DELETE", "/admin/cache/accounts/" + id).auth(c.auth));
        }
        String[] uuids = {"abc", "00000000-0000-0000-0000-00000000000g", UUID + "0", UUID.replace("-", ""),
                "%7B" + UUID + "%7D", UUID + "%00", UUID + "%27%20or%201%3D1--", "..%2F" + UUID, "%2e%2e",
                "x".repeat(1000), "%ED%A0%80", UUID.replace('d', '\u0501').replace("\u0501", "%D4%81")};
        for (String id : uuids) {
            String label = label(id);
            c.add("get-update/id-" + label, "injection", RawRequest.of("GET", "/api/updates/" + id));
            c.add("get-order/id-" + label, "injection", RawRequest.of("GET", "/api/orders/" + id));
            c.add("replay/id-" + label, "injection", RawRequest.of("POST", "/admin/dead-letters/" + id + "/replay").auth(c.auth));
            c.add("discard/id-" + label, "injection", RawRequest.of("DELETE", "/admin/dead-letters/" + id).auth(c.auth));
        }
        // raw (not percent-encoded) bytes in the path
        byte[][] raw = {
                "/api/accounts/1001\u00e9".getBytes(StandardCharsets.UTF_8),
                concat("/api/accounts/10".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC0, (byte) 0xB1}),
                concat("/api/accounts/10".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xFF}),
                concat("/api/accounts/10".getBytes(StandardCharsets.US_ASCII), new byte[] {0x01}),
        };
        for (int i = 0; i < raw.length; i++) {
            c.add("get-account/raw-bytes-" + i, "unicode", RawRequest.raw("GET", raw[i]));
        }
    }

    // ---- query parameters of the list endpoints

    private static void queryParameters(Cases c) {
        String[] pages = {"page=0", "page=-1", "page=abc", "page=1e3", "page=99999999999", "page=1.5", "page=%00",
                "size=0", "size=101", "size=-5", "size=1000000", "size=abc", "size=%27%3B--", "page=%D9%A1",
                "page=1&page=abc", "page=abc&page=1", "size=10&size=abc", "page=%EF%BC%91", "size=20%00"};
        for (String q : pages) {
            c.add("get-transactions/" + label(q), "injection", RawRequest.of("GET", ACCOUNT + "/transactions?" + q));
        }
        String[] updates = {"status=pending", "status=PENDING%27--", "status=DONE", "type=orders", "type=accounts%00",
                "type=ACCOUNTS", "size=501", "size=0", "page=-1", "page=x", "status=PENDING&status=x",
                "status=%50ENDING%00", "type=../accounts", "key=abc", "key=1001%27--", "key=12345678901",
                "key=%D9%A1", "key=1001&key=1002", "key=accounts%2F1001"};
        for (String q : updates) {
            c.add("list-updates/" + label(q), "injection", RawRequest.of("GET", "/api/updates?" + q));
        }
        String[] orders = {"status=NOPE", "status=OUTSTANDING%27%3B--", "status=%C0%B1", "size=0", "size=501",
                "page=-3", "page=z", "status=outstanding%00", "key=1001", "key=1-2-3-4-5",
                "key=00000000-0000-0000-0000-00000000000g", "key=%27%20or%201%3D1--"};
        for (String q : orders) {
            c.add("list-orders/" + label(q), "injection", RawRequest.of("GET", "/api/orders?" + q));
        }
        String[] changes = {"after=-5", "after=abc", "after=1e5", "after=9999999999999999999", "after=1.0",
                "after=%00", "limit=0", "limit=1001", "limit=abc", "limit=-1", "after=0%27%3Bdrop%20table%20change_log--",
                "after=%D9%A1", "after=1&after=x"};
        for (String q : changes) {
            c.add("list-changes/" + label(q), "injection", RawRequest.of("GET", "/api/changes?" + q));
        }
        for (String q : new String[] {"after=abc", "after=-1", "after=1e9"}) {
            c.add("stream-changes/" + label(q), "injection", RawRequest.of("GET", "/api/changes/stream?" + q));
        }
        for (String id : new String[] {"abc", "-1", "1; drop table change_log", "\u0661", "99999999999999999999"}) {
            c.add("stream-changes/last-event-id-" + label(id), "headers",
                    RawRequest.of("GET", "/api/changes/stream").header("Last-Event-ID", id));
        }
        for (String q : new String[] {"size=0", "size=501", "page=-1", "page=x%27"}) {
            c.add("list-dead-letters/" + label(q), "injection", RawRequest.of("GET", "/admin/dead-letters?" + q).auth(c.auth));
            c.add("list-open-dead-letters/" + label(q), "injection", RawRequest.of("GET", "/api/dead-letters?" + q));
        }
    }

    // ---- a path id that a same-named header or query parameter tries to replace

    private static void overrides(Cases c) {
        c.add("get-account/id-query-over-bad-path", "override", RawRequest.of("GET", "/api/accounts/abc?id=1001"));
        c.add("get-account/id-header-over-bad-path", "override", RawRequest.of("GET", "/api/accounts/abc").header("id", "1001"));
        c.add("get-account/bad-id-query-over-path", "override", RawRequest.of("GET", ACCOUNT + "?id=abc"));
        c.add("get-account/bad-id-header-over-path", "override", RawRequest.of("GET", ACCOUNT).header("id", "abc"));
        c.add("get-account/other-id-query", "override", RawRequest.of("GET", ACCOUNT + "?id=1002"));
        c.add("get-account/id-header-upper-case", "override", RawRequest.of("GET", "/api/accounts/abc").header("ID", "1001"));
        c.add("get-transactions/id-query", "override", RawRequest.of("GET", "/api/accounts/abc/transactions?id=1001"));
        c.add("put-account/id-query-over-bad-path", "override",
                RawRequest.of("PUT", "/api/accounts/abc?id=1001").auth(c.auth).json(VALID_UPDATE));
        c.add("put-account/id-header-over-bad-path", "override",
                RawRequest.of("PUT", "/api/accounts/abc").header("id", "1001").auth(c.auth).json(VALID_UPDATE));
        c.add("put-account/other-id-query", "override",
                RawRequest.of("PUT", ACCOUNT + "?id=1002").auth(c.auth).json(VALID_UPDATE));
        c.add("put-account/other-id-header", "override",
                RawRequest.of("PUT", ACCOUNT).header("Id", "1002").auth(c.auth).json(VALID_UPDATE));
        c.add("evict/id-query-over-bad-path", "override",
                RawRequest.of("DELETE", "/admin/cache/accounts/abc?id=1001").auth(c.auth));
        c.add("evict/id-header-over-bad-path", "override",
                RawRequest.of("DELETE", "/admin/cache/accounts/abc").header("id", "1001").auth(c.auth));
        c.add("get-update/id-query-over-bad-path", "override", RawRequest.of("GET", "/api/updates/abc?updateId=" + UUID));
        c.add("get-update/id-header-over-bad-path", "override", RawRequest.of("GET", "/api/updates/abc").header("updateId", UUID));
        c.add("get-order/id-query-over-bad-path", "override", RawRequest.of("GET", "/api/orders/abc?orderId=" + UUID));
        c.add("get-order/id-header-over-bad-path", "override", RawRequest.of("GET", "/api/orders/abc").header("orderId", UUID));
        c.add("replay/id-header-over-bad-path", "override",
                RawRequest.of("POST", "/admin/dead-letters/abc/replay").header("updateId", UUID).auth(c.auth));
        c.add("discard/id-query-over-bad-path", "override",
                RawRequest.of("DELETE", "/admin/dead-letters/abc?updateId=" + UUID).auth(c.auth));
        c.add("replay/actor-query", "override",
                RawRequest.of("POST", "/admin/dead-letters/" + UUID + "/replay?X-Midtier-User=mallory").auth(c.auth));
        c.add("discard/actor-query", "override",
                RawRequest.of("DELETE", "/admin/dead-letters/" + UUID + "?X-Midtier-User=mallory").auth(c.auth));
        // Camel's own control headers, as query parameters and as headers
        c.add("get-account/camel-query", "override",
                RawRequest.of("GET", "/api/accounts/abc?CamelHttpResponseCode=200&CamelHttpPath=/api/accounts/1001"));
        c.add("get-account/camel-header", "override", RawRequest.of("GET", "/api/accounts/abc")
                .header("CamelHttpResponseCode", "200").header("CamelHttpUri", "/api/accounts/1001"));
        c.add("put-account/camel-query", "override", RawRequest.of("PUT", "/api/accounts/abc?CamelHttpMethod=GET")
                .auth(c.auth).json(VALID_UPDATE));
        c.add("list-updates/sql-header", "override", RawRequest.of("GET", "/api/updates?status=x")
                .header("CamelSqlQuery", "delete from cache_entry"));
    }

    // ---- headers: credentials, preconditions, idempotency keys, sizes, duplicates, syntax

    private static void headers(Cases c) {
        String[] authorizations = {null, "", "Basic", "Basic ", "Basic !!not-base64!!", "Bearer abc.def.ghi",
                "Basic " + b64("nobody:nothing"), "Basic " + b64("no-colon"), "Basic " + b64(":"),
                "Basic " + b64("midtier-test:" + "x".repeat(5000)), "Digest username=\"admin\"",
                "Basic " + b64("admin:admin-dev") + " trailing", "basic%20" + b64("a:b"),
                "Basic " + b64("\u00e9\u00e9:\u00e9"), "Basic " + "A".repeat(6000)};
        for (int i = 0; i < authorizations.length; i++) {
            RawRequest put = RawRequest.of("PUT", ACCOUNT).json(VALID_UPDATE);
            if (authorizations[i] != null) {
                put.header("Authorization", authorizations[i]);
            }
            c.add("put-account/authorization-" + i, "headers", put);
        }
        RawRequest twoAuth = RawRequest.of("PUT", ACCOUNT).header("Authorization", "Basic " + b64("nobody:x"));
        c.add("put-account/authorization-twice", "headers", (c.auth == null ? twoAuth : twoAuth.auth(c.auth)).json(VALID_UPDATE));
        c.add("evict/no-auth", "headers", RawRequest.of("DELETE", "/admin/cache/accounts/1001"));
        c.add("replay/no-auth", "headers", RawRequest.of("POST", "/admin/dead-letters/" + UUID + "/replay"));
        c.add("list-dead-letters/no-auth", "headers", RawRequest.of("GET", "/admin/dead-letters"));
        c.add("admin/bad-auth", "headers", RawRequest.of("GET", "/admin/dead-letters").header("Authorization", "Basic Og=="));

        String[] ifMatch = {"W/\"1\"", "\"abc\"", "1", "\"1", "\"99999999999999999999\"", "\"-1\"", "\"1\", W/\"2\"",
                "\"\u00e91\"", "\"" + "9".repeat(3000) + "\""};
        for (int i = 0; i < ifMatch.length; i++) {
            c.add("put-account/if-match-" + i, "headers",
                    RawRequest.of("PUT", ACCOUNT).auth(c.auth).header("If-Match", ifMatch[i]).json(VALID_UPDATE));
        }
        String[] keys = {"", " ", "key with spaces", "k\u00e9y", "k".repeat(201), "\u202ekey", "key\tx"};
        for (int i = 0; i < keys.length; i++) {
            c.add("put-account/idempotency-key-" + i, "headers",
                    RawRequest.of("PUT", ACCOUNT).auth(c.auth).header("Idempotency-Key", keys[i]).json(VALID_UPDATE));
        }
        c.add("put-account/idempotency-key-twice", "headers", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Idempotency-Key", "corpus-a").header("Idempotency-Key", "corpus-b").json(VALID_UPDATE));
        c.add("put-account/if-match-twice", "headers", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("If-Match", "W/\"1\"").header("If-Match", "\"x\"").json(VALID_UPDATE));
        // big headers: one huge value, very many headers
        c.add("get-account/huge-header", "protocol", RawRequest.of("GET", "/api/accounts/abc").header("X-Big", "x".repeat(20_000)));
        c.add("put-account/huge-header", "protocol", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("X-Big", "x".repeat(20_000)).json(VALID_UPDATE));
        RawRequest many = RawRequest.of("GET", "/api/accounts/abc");
        for (int i = 0; i < 2000; i++) {
            many.header("X-H" + i, "v");
        }
        c.add("get-account/many-headers", "protocol", many);
        c.add("get-account/huge-cookie", "protocol", RawRequest.of("GET", "/api/accounts/abc").header("Cookie", "a=" + "b".repeat(9000)));
        // header syntax the server must not trust
        c.add("get-account/header-without-colon", "protocol",
                RawRequest.of("GET", "/api/accounts/abc").header("NoColonHere".getBytes(StandardCharsets.US_ASCII)));
        c.add("get-account/header-name-with-space", "protocol",
                RawRequest.of("GET", "/api/accounts/abc").header("Bad Header: x".getBytes(StandardCharsets.US_ASCII)));
        c.add("get-account/header-folded", "headers", RawRequest.of("GET", "/api/accounts/abc")
                .header("X-Folded: a\r\n  b".getBytes(StandardCharsets.US_ASCII)));
        c.add("get-account/header-nul", "protocol", RawRequest.of("GET", "/api/accounts/abc")
                .header(concat("X-Nul: a".getBytes(StandardCharsets.US_ASCII), new byte[] {0, 'b'})));
        c.add("get-account/header-8bit", "headers", RawRequest.of("GET", "/api/accounts/abc")
                .header(concat("X-Bytes: ".getBytes(StandardCharsets.US_ASCII), new byte[] {(byte) 0xC0, (byte) 0xAF, (byte) 0xFF})));
        c.add("get-account/if-none-match-garbage", "protocol",
                RawRequest.of("GET", "/api/accounts/abc").header("If-None-Match", "\u0000\"x"));
        c.add("get-account/accept-html", "headers", RawRequest.of("GET", "/api/accounts/abc").header("Accept", "text/html"));
        c.add("put-account/accept-xml", "headers", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Accept", "application/xml").json("{\"name\":[]}"));
        c.add("put-account/expect-continue-bad-body", "headers", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Expect", "100-continue").json("{\"name\":"));
        c.add("put-account/expect-unknown", "protocol", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Expect", "200-ok").json(VALID_UPDATE));
        c.add("put-account/user-header-spoof", "headers", RawRequest.of("PUT", ACCOUNT)
                .header("X-Midtier-User", "admin").json(VALID_UPDATE));
        c.add("get-account/forwarded-host", "headers", RawRequest.of("GET", "/api/accounts/abc")
                .header("X-Forwarded-Host", "evil.example").header("X-Forwarded-Proto", "gopher"));
    }

    // ---- methods the API does not have, paths that are not there

    private static void methodsAndPaths(Cases c) {
        String[][] wrong = {
                {"PATCH", ACCOUNT}, {"POST", ACCOUNT}, {"DELETE", ACCOUNT}, {"PUT", ACCOUNT + "/transactions"},
                {"PUT", "/api/updates/" + UUID}, {"DELETE", "/api/updates/" + UUID}, {"POST", "/api/updates"},
                {"POST", "/api/changes"}, {"DELETE", "/api/changes/latest"}, {"PUT", "/api/orders/" + UUID},
                {"DELETE", "/api/orders/" + UUID}, {"PUT", "/api/orders"}, {"GET", "/admin/dead-letters/" + UUID + "/replay"},
                {"PUT", "/admin/dead-letters/" + UUID}, {"GET", "/admin/cache/accounts/1001"}, {"POST", "/admin/cache/accounts/1001"},
                {"TRACE", ACCOUNT}, {"CONNECT", ACCOUNT}, {"FOO", ACCOUNT}, {"get", ACCOUNT}, {"PROPFIND", "/api/accounts"},
        };
        for (String[] w : wrong) {
            RawRequest r = RawRequest.of(w[0], w[1]).auth(c.auth);
            if (!w[0].equals("GET") && !w[0].equals("get") && !w[0].equals("TRACE") && !w[0].equals("CONNECT")) {
                r.json(VALID_UPDATE);
            }
            c.add("method/" + w[0] + w[1].replaceAll("[^a-z]+", "-"), "method", r);
        }
        String[] paths = {"/api/account/1001", "/api/accounts", "/api/accounts/1001/transactions/2", "/api/nope",
                "/api/accounts/1001/../../../../etc/passwd", "/api/orders/../accounts/x%27", "/admin",
                "/admin/cache", "/admin/cache/accounts", "/api/changes/latest/x", "/%2e%2e/%2e%2e/etc/passwd",
                "/api/accounts/1001;jsessionid=x", "/API/ACCOUNTS/1001", "/api/%61ccounts/abc", "/api\\accounts\\1001",
                "/api/accounts/1001/transactions%2F..%2F..", "/" + "a/".repeat(2000), "/favicon.ico", "/.env"};
        for (String p : paths) {
            c.add("path/" + label(p), "path", RawRequest.of("GET", p).auth(c.auth));
        }
        c.add("path/asterisk", "path", RawRequest.of("GET", "*"));
        c.add("path/absolute-form", "path", RawRequest.of("GET", "http://evil.example/api/accounts/abc"));
        c.add("path/no-slash", "path", RawRequest.of("GET", "api/accounts/abc"));
        c.add("path/fragment", "path", RawRequest.of("GET", "/api/accounts/abc#1001"));
    }

    // ---- the request line and framing

    private static void protocol(Cases c) {
        c.add("protocol/http-0.9-style", "protocol", RawRequest.of("GET", "/api/accounts/abc").version("").noHost());
        c.add("protocol/long-account-id", "protocol", RawRequest.of("GET", "/api/accounts/" + "1".repeat(5000)));
        c.add("protocol/long-update-id", "protocol", RawRequest.of("GET", "/api/updates/" + "x".repeat(5000)));
        c.add("protocol/nul-in-content-type", "protocol", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json\u0000").body(VALID_UPDATE));
        c.add("protocol/nul-in-if-match", "protocol", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("If-Match", "\"1\"\u0000").json(VALID_UPDATE));
        c.add("protocol/nul-in-idempotency-key", "protocol", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Idempotency-Key", "key\u0000").json(VALID_UPDATE));
        c.add("protocol/http-1.0-no-host", "protocol", RawRequest.of("GET", "/api/accounts/abc").version("HTTP/1.0").noHost());
        c.add("protocol/http-1.1-no-host", "protocol", RawRequest.of("GET", "/api/accounts/abc").noHost());
        c.add("protocol/two-hosts", "protocol", RawRequest.of("GET", "/api/accounts/abc").header("Host", "evil.example"));
        c.add("protocol/long-request-line", "protocol", RawRequest.of("GET", "/api/accounts/" + "9".repeat(20_000)));
        c.add("protocol/long-query", "protocol", RawRequest.of("GET", "/api/updates?status=" + "X".repeat(20_000)));
        c.add("protocol/h2c-upgrade", "protocol", RawRequest.of("GET", "/api/accounts/abc")
                .header("Upgrade", "h2c").header("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"));
        c.add("protocol/websocket-upgrade", "protocol", RawRequest.of("GET", "/api/changes/stream?after=x")
                .header("Upgrade", "websocket").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version", "13"));
        c.add("protocol/request-line-tab", "protocol", RawRequest.raw("GET\t/api/accounts/abc", new byte[0]).version("HTTP/1.1"));
        c.add("protocol/space-in-target", "protocol", RawRequest.of("GET", "/api/accounts/a b"));
    }

    // ---- bodies that stop half-way: answered after midtier.http.body-timeout-ms, not held forever

    private static void slow(Cases c) {
        c.add("put-account/stalled-body", "slow", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Content-Length", "100").noContentLength()
                .body("{\"name\":\"JA"));
        c.add("post-order/stalled-body", "slow", RawRequest.of("POST", "/api/orders").auth(c.auth)
                .header("Content-Type", "application/json").header("Content-Length", "200").noContentLength()
                .body("{\"item\":"));
        c.add("put-account/stalled-chunk", "slow", RawRequest.of("PUT", ACCOUNT).auth(c.auth)
                .header("Content-Type", "application/json").header("Transfer-Encoding", "chunked").noContentLength()
                .body("40\r\n{\"name\":\"JA"));
    }

    private static String label(String text) {
        String l = text.replaceAll("[^A-Za-z0-9=%._-]+", "_");
        return l.length() > 40 ? l.substring(0, 40) + "~" + l.length() : l;
    }

    private static String b64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /** Collects the cases, with unique names. */
    private static final class Cases {
        final List<HostileRequest> list = new ArrayList<>();
        final java.util.Set<String> names = new java.util.HashSet<>();
        final String hostAndPort;
        final String auth;

        Cases(String hostAndPort, String auth) {
            this.hostAndPort = hostAndPort;
            this.auth = auth;
        }

        void add(String name, String category, RawRequest request) {
            String unique = name;
            for (int i = 2; !names.add(unique); i++) {
                unique = name + "#" + i;
            }
            list.add(new HostileRequest(unique, category, request.bytes(hostAndPort)));
        }
    }
}
