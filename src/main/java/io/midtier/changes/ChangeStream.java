package io.midtier.changes;

import io.midtier.api.ApiException;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.camel.Exchange;
import org.apache.camel.component.platform.http.vertx.HttpMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/changes/stream}: Server-Sent Events, one event per change with {@code id:} = its sequence
 * number. It first replays the changes after the client's position (Last-Event-ID, or {@code after}), then
 * follows the log as changes are published. Every event comes from the change log, so a stream has no holes
 * and a reconnect with the last id seen continues exactly where it broke off.
 *
 * <p>The platform-http consumer runs a route on a Vert.x worker thread and writes the response when the route
 * ends; a stream instead writes to the Vert.x response itself and keeps its worker thread until the client goes
 * away. That is why the number of open streams is bounded ({@code maxStreams}; more get 503).
 *
 * <p>With a {@code maxStreamMs} above 0 the server ends a stream after that long, and closes its connection: behind a
 * load balancer a client that stays connected stays on one instance for ever, and the instances started later get
 * none of the existing clients. The client reconnects with the last id it got (the console and EventSource do) and
 * misses nothing.
 */
public class ChangeStream {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeStream.class);

    private final ChangeLog log;
    private final ChangeSignal signal;
    private final Semaphore streams;
    private final int maxStreams;
    private final long heartbeatMs;
    private final long pollMs;
    private final int batch;
    private final long maxStreamMs;
    private volatile boolean stopping;

    /** @param maxStreamMs how long one stream may stay open before the server ends it; 0 = as long as the client likes */
    public ChangeStream(ChangeLog log, ChangeSignal signal, int maxStreams, long heartbeatMs, long pollMs, int batch,
                        long maxStreamMs) {
        this.log = log;
        this.signal = signal;
        this.streams = new Semaphore(maxStreams);
        this.maxStreams = maxStreams;
        this.heartbeatMs = heartbeatMs;
        this.pollMs = pollMs;
        this.batch = batch;
        this.maxStreamMs = maxStreamMs;
    }

    /**
     * Streams the changes after {@code after} (-1: from now on) until the client disconnects, midtier stops or the
     * stream has been open for {@code maxStreamMs}.
     */
    public void stream(Exchange exchange, long after) throws Exception {
        HttpMessage http = exchange.getIn(HttpMessage.class);
        if (http == null) {
            throw new IllegalStateException("the change stream needs the Vert.x platform-http server");
        }
        long last = after >= 0 ? after : log.latest();
        long pruned = log.prunedThrough();
        if (last < pruned) {
            throw new ChangesGoneException(last, pruned);
        }
        if (!streams.tryAcquire()) {
            throw new ApiException(503, "TOO_MANY_STREAMS", "too many change streams are open; poll /api/changes");
        }
        HttpServerResponse response = http.getResponse();
        AtomicBoolean closed = new AtomicBoolean();
        boolean cut = false;
        try {
            response.closeHandler(ignored -> {
                closed.set(true);
                signal.published();
            });
            response.setStatusCode(200);
            response.putHeader("Content-Type", "text/event-stream; charset=utf-8");
            response.putHeader("Cache-Control", "no-cache");
            if (maxStreamMs > 0 && http.getRequest().version() != HttpVersion.HTTP_2) {
                // the connection is not used again after the cut (closed below)
                response.putHeader("Connection", "close");
            }
            response.setChunked(true);
            response.write(": changes after " + last + "\n\n");
            cut = follow(response, closed, last);
        } finally {
            streams.release();
            try {
                if (!response.ended()) {
                    if (cut && http.getRequest().version() != HttpVersion.HTTP_2) {
                        // a new stream opens a new connection, which a balancer may send to another instance
                        HttpConnection connection = http.getRequest().connection();
                        response.end().onComplete(ended -> connection.close());
                    } else {
                        response.end();
                    }
                }
            } catch (RuntimeException e) {
                LOG.debug("change stream already closed: {}", e.toString());
            }
        }
    }

    /** Writes changes until the stream ends; true when it ends because it has been open for {@code maxStreamMs}. */
    private boolean follow(HttpServerResponse response, AtomicBoolean closed, long after) throws Exception {
        long last = after;
        long lastWrite = System.currentTimeMillis();
        long endAt = maxStreamMs > 0 ? lastWrite + maxStreamMs : Long.MAX_VALUE;
        while (!closed.get() && !stopping) {
            if (System.currentTimeMillis() >= endAt) {
                // a comment, for a human reading the stream: clients see the end of the response and reconnect
                response.write(": open for " + maxStreamMs + " ms; reconnect with Last-Event-ID " + last + "\n\n");
                return true;
            }
            long generation = signal.generation();
            List<Change> changes = log.after(last, batch);
            if (!changes.isEmpty()) {
                StringBuilder events = new StringBuilder();
                for (Change change : changes) {
                    events.append("id: ").append(change.seq()).append('\n')
                            .append("event: change\n")
                            .append("data: ").append(change.toJson()).append("\n\n");
                    last = change.seq();
                }
                response.write(events.toString());
                lastWrite = System.currentTimeMillis();
                while (response.writeQueueFull() && !closed.get() && !stopping) {
                    signal.awaitAfter(signal.generation(), 50);
                }
                continue;
            }
            if (log.prunedThrough() > last) {
                // this client fell behind the retention window while connected: it must reload
                response.write("event: gone\ndata: {\"error\":\"CHANGES_GONE\",\"after\":" + last + "}\n\n");
                return false;
            }
            long untilEnd = Math.max(1, endAt - System.currentTimeMillis());
            signal.awaitAfter(generation, Math.min(untilEnd, Math.min(pollMs, heartbeatMs)));
            if (System.currentTimeMillis() - lastWrite >= heartbeatMs) {
                response.write(": keep-alive\n\n");
                lastWrite = System.currentTimeMillis();
            }
        }
        return false;
    }

    /** How many streams are open now. */
    public int openStreams() {
        return maxStreams - streams.availablePermits();
    }

    /** Ends every open stream (midtier is stopping). */
    public void stop() {
        stopping = true;
        signal.published();
    }
}
