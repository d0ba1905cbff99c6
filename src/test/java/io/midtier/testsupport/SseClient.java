package io.midtier.testsupport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A Server-Sent Events client over a real HTTP connection: events arrive in a queue; close() disconnects. */
public final class SseClient implements AutoCloseable {

    /** One event: its id, name and data (comments and keep-alives are skipped). */
    public record Event(String id, String event, String data) {
    }

    private final HttpResponse<InputStream> response;
    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    // System.nanoTime() when the server ended the stream (not when close() disconnected it); -1 while open
    private volatile long endedAtNanos = -1;

    private SseClient(HttpResponse<InputStream> response) {
        this.response = response;
        this.reader = new Thread(this::read, "sse-client");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    public static SseClient open(String url, Map<String, String> headers) {
        HttpResponse<InputStream> response = Http.openStream(url, headers);
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw new IllegalStateException("SSE answered " + response.statusCode() + ": "
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("SSE answered " + response.statusCode(), e);
            }
        }
        return new SseClient(response);
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(id, event, data.toString()));
                    }
                    id = null;
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).strip();
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).strip());
                }
            }
            endedAtNanos = System.nanoTime();
        } catch (IOException e) {
            // disconnected
        }
    }

    /** The next event, failing after the timeout. */
    public Event next(Duration timeout) {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no SSE event within " + timeout);
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The next event if one arrives within the timeout, else null. */
    public Event poll(Duration timeout) {
        try {
            return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Whether the server ended the stream (its response is complete). */
    public boolean ended() {
        return endedAtNanos >= 0;
    }

    /** When the server ended the stream ({@link System#nanoTime()}), or -1 while it is open. */
    public long endedAtNanos() {
        return endedAtNanos;
    }

    /** A header of the stream's response, or null. */
    public String header(String name) {
        return response.headers().firstValue(name).orElse(null);
    }

    /** Events received and not taken yet. */
    public int pending() {
        return events.size();
    }

    @Override
    public void close() {
        try {
            response.body().close();
        } catch (IOException e) {
            // already closed
        }
        try {
            reader.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
