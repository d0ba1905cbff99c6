package io.midtier.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the bytes of one HTTP/1.1 request, malformed on purpose where asked: the target, header names and
 * values and the body go on the wire as given. Adds {@code Host}, {@code Connection: close} and a correct
 * {@code Content-Length} unless told otherwise.
 */
final class RawRequest {

    private final String method;
    private final byte[] target;
    private final List<byte[]> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean contentLength = true;
    private boolean host = true;
    private String version = "HTTP/1.1";

    private RawRequest(String method, byte[] target) {
        this.method = method;
        this.target = target;
    }

    static RawRequest of(String method, String target) {
        return new RawRequest(method, target.getBytes(StandardCharsets.UTF_8));
    }

    /** A target with raw bytes in it (not percent-encoded). */
    static RawRequest raw(String method, byte[] target) {
        return new RawRequest(method, target);
    }

    RawRequest header(String name, String value) {
        return header((name + ": " + value).getBytes(StandardCharsets.UTF_8));
    }

    /** A whole header line as bytes (no CRLF), e.g. one without a colon or with a NUL in it. */
    RawRequest header(byte[] line) {
        headers.add(line);
        return this;
    }

    RawRequest auth(String authorization) {
        return authorization == null ? this : header("Authorization", authorization);
    }

    RawRequest json(String body) {
        return header("Content-Type", "application/json").body(body);
    }

    RawRequest body(String body) {
        return body(body.getBytes(StandardCharsets.UTF_8));
    }

    RawRequest body(byte[] body) {
        this.body = body;
        return this;
    }

    /** No Content-Length of its own (the caller sets one, or a Transfer-Encoding). */
    RawRequest noContentLength() {
        this.contentLength = false;
        return this;
    }

    RawRequest noHost() {
        this.host = false;
        return this;
    }

    RawRequest version(String version) {
        this.version = version;
        return this;
    }

    /** The body as chunks of {@code size} bytes, with {@code Transfer-Encoding: chunked}. */
    RawRequest chunked(byte[] content, int size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < content.length; i += size) {
            int n = Math.min(size, content.length - i);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content, i, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return header("Transfer-Encoding", "chunked").noContentLength().body(out.toByteArray());
    }

    byte[] bytes(String hostAndPort) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(method.getBytes(StandardCharsets.US_ASCII));
        out.write(' ');
        out.writeBytes(target);
        out.write(' ');
        out.writeBytes(version.getBytes(StandardCharsets.US_ASCII));
        crlf(out);
        if (host) {
            out.writeBytes(("Host: " + hostAndPort).getBytes(StandardCharsets.US_ASCII));
            crlf(out);
        }
        out.writeBytes("Connection: close".getBytes(StandardCharsets.US_ASCII));
        crlf(out);
        for (byte[] line : headers) {
            out.writeBytes(line);
            crlf(out);
        }
        if (contentLength && (body.length > 0 || method.equals("PUT") || method.equals("POST"))) {
            out.writeBytes(("Content-Length: " + body.length).getBytes(StandardCharsets.US_ASCII));
            crlf(out);
        }
        crlf(out);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static void crlf(ByteArrayOutputStream out) {
        out.write('\r');
        out.write('\n');
    }
}
