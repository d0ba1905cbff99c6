package io.midtier.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.Message;

/**
 * The console's files, served from the jar ({@code console/} on the class path). Only the files of
 * {@link #FILES} are served, so no request path reaches any other resource. The pages use relative links only,
 * so they work behind a reverse proxy that puts midtier under a path prefix.
 */
public final class ConsoleAssets {

    /** What to answer for one request path. */
    public record Answer(int status, String contentType, byte[] body, String location) {
    }

    static final String BASE = "/console";

    /** The served files and their media types. */
    static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "console.css", "text/css; charset=utf-8",
            "console.js", "text/javascript; charset=utf-8");

    /**
     * What the page may do: its own scripts and styles only, calls to its own origin only, never inside another
     * site's frame (clickjacking of the Replay button).
     */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    /** @param path the request path as the server received it, e.g. {@code /console/console.js} */
    public Answer answer(String path) {
        String p = path == null ? "" : path;
        int at = p.indexOf(BASE);
        String rest = at < 0 ? p : p.substring(at + BASE.length());
        if (rest.isEmpty()) {
            // "/console" → "console/": relative, so a path prefix in front of midtier is kept
            return new Answer(301, null, new byte[0], "console/");
        }
        String name = rest.equals("/") ? "index.html" : rest.substring(1);
        String type = FILES.get(name);
        if (type == null) {
            return new Answer(404, "text/plain; charset=utf-8", "not found".getBytes(), null);
        }
        return new Answer(200, type, read(name), null);
    }

    /** Answers the request in {@code message} (the path from the platform-http consumer). */
    public void serve(Message message) {
        String path = message.getHeader("CamelHttpPath", String.class);
        if (path == null || path.isEmpty()) {
            path = message.getHeader("CamelHttpUri", String.class);
        }
        Answer answer = answer(path);
        message.removeHeaders("*");
        message.setHeader("CamelHttpResponseCode", answer.status());
        Optional.ofNullable(answer.contentType()).ifPresent(t -> message.setHeader("Content-Type", t));
        Optional.ofNullable(answer.location()).ifPresent(l -> message.setHeader("Location", l));
        message.setHeader("Content-Security-Policy", CSP);
        message.setHeader("X-Content-Type-Options", "nosniff");
        message.setHeader("X-Frame-Options", "DENY");
        message.setHeader("Referrer-Policy", "no-referrer");
        // small files, always revalidated: a new midtier version's page is never mixed with the old script
        message.setHeader("Cache-Control", "no-cache");
        message.setBody(answer.body());
    }

    private byte[] read(String name) {
        return cache.computeIfAbsent(name, n -> {
            try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream("console/" + n)) {
                if (in == null) {
                    throw new IllegalStateException("console/" + n + " is missing from the jar");
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
