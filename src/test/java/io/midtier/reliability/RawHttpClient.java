package io.midtier.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Puts bytes on a fresh socket exactly as given (no client library to fix a malformed request on the way) and
 * reads one HTTP/1.x response. Stateless: safe to use from many threads.
 */
final class RawHttpClient {

    /** One response; status -1 when the connection closed (or timed out) before a status line arrived. */
    record Response(int status, Map<String, String> headers, byte[] body, String failure) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private static final int MAX_RESPONSE_BYTES = 1 << 20;
    private static final int UNFRAMED_BODY_PAUSE_MS = 1000;

    private RawHttpClient() {
    }

    static Response exchange(String host, int port, byte[] request, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), (int) Math.min(timeout.toMillis(), 5_000));
            socket.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            String writeFailure = null;
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request);
                out.flush();
            } catch (IOException e) {
                // the server may answer (and close) before it read everything, e.g. 413 or 401: read that answer
                writeFailure = "write: " + e.getMessage();
            }
            return read(socket, deadline, writeFailure);
        } catch (IOException e) {
            return new Response(-1, Map.of(), new byte[0], e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Response read(Socket socket, long deadline, String writeFailure) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int headerEnd = -1;
        try {
            while (headerEnd < 0) {
                headerEnd = indexOf(raw.toByteArray(), "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                if (headerEnd >= 0 && isInterim(raw.toByteArray())) {
                    // 100 Continue and the like: the final answer follows
                    byte[] rest = raw.toByteArray();
                    raw.reset();
                    raw.write(rest, headerEnd + 4, rest.length - headerEnd - 4);
                    headerEnd = -1;
                    continue;
                }
                if (headerEnd >= 0) {
                    break;
                }
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                raw.write(buffer, 0, n);
                checkTime(deadline);
            }
        } catch (IOException e) {
            return new Response(-1, Map.of(), new byte[0], describe(e, writeFailure));
        }
        byte[] all = raw.toByteArray();
        if (headerEnd < 0) {
            return new Response(-1, Map.of(), all, "closed without a complete answer"
                    + (writeFailure == null ? "" : " (" + writeFailure + ")"));
        }
        String[] lines = new String(all, 0, headerEnd, StandardCharsets.ISO_8859_1).split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        } catch (RuntimeException e) {
            return new Response(-1, Map.of(), all, "not an HTTP status line: " + lines[0]);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).strip(), (a, b) -> a + ", " + b);
            }
        }
        ByteArrayOutputStream rest = new ByteArrayOutputStream();
        rest.write(all, headerEnd + 4, all.length - headerEnd - 4);
        byte[] body;
        try {
            body = body(socket, headers, rest, deadline);
        } catch (IOException e) {
            body = rest.toByteArray();
        }
        return new Response(status, headers, body, null);
    }

    private static boolean isInterim(byte[] head) {
        return head.length > 12 && new String(head, 0, 12, StandardCharsets.ISO_8859_1).matches("HTTP/1\\.[01] 1[0-9][0-9]");
    }

    private static byte[] body(Socket socket, Map<String, String> headers, ByteArrayOutputStream rest, long deadline)
            throws IOException {
        InputStream in = socket.getInputStream();
        String length = headers.get("content-length");
        boolean chunked = headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked");
        long wanted = length != null && !chunked ? Long.parseLong(length.split(",")[0].strip()) : Long.MAX_VALUE;
        if (length == null && !chunked) {
            // an answer without framing ends when the server closes; one that never closes ends after a pause
            socket.setSoTimeout(UNFRAMED_BODY_PAUSE_MS);
        }
        byte[] buffer = new byte[8192];
        while (rest.size() < wanted && rest.size() < MAX_RESPONSE_BYTES) {
            if (chunked && endsWith(rest.toByteArray(), "0\r\n\r\n")) {
                break;
            }
            int n = in.read(buffer);
            if (n < 0) {
                break;
            }
            rest.write(buffer, 0, n);
            checkTime(deadline);
        }
        byte[] bytes = rest.toByteArray();
        return chunked ? dechunk(bytes) : bytes;
    }

    private static byte[] dechunk(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < bytes.length) {
            int lineEnd = indexOf(bytes, i, "\r\n".getBytes(StandardCharsets.US_ASCII));
            if (lineEnd < 0) {
                break;
            }
            int size;
            try {
                size = Integer.parseInt(new String(bytes, i, lineEnd - i, StandardCharsets.US_ASCII).split(";")[0].strip(), 16);
            } catch (NumberFormatException e) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            out.write(bytes, start, Math.min(size, bytes.length - start));
            i = start + size + 2;
        }
        return out.toByteArray();
    }

    private static void checkTime(long deadline) throws SocketTimeoutException {
        if (System.nanoTime() > deadline) {
            throw new SocketTimeoutException("no complete answer in time");
        }
    }

    private static String describe(IOException e, String writeFailure) {
        return e.getClass().getSimpleName() + ": " + e.getMessage() + (writeFailure == null ? "" : " (" + writeFailure + ")");
    }

    private static boolean endsWith(byte[] bytes, String suffix) {
        byte[] s = suffix.getBytes(StandardCharsets.US_ASCII);
        return bytes.length >= s.length && indexOf(bytes, bytes.length - s.length, s) == bytes.length - s.length;
    }

    static int indexOf(byte[] bytes, byte[] pattern) {
        return indexOf(bytes, 0, pattern);
    }

    private static int indexOf(byte[] bytes, int from, byte[] pattern) {
        outer:
        for (int i = Math.max(0, from); i <= bytes.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (bytes[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
