package io.midtier.reliability;

import io.midtier.testsupport.MidtierProcess;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The concurrent clients: writers PUT a unique name (the prefix and the write's number) on a random account, so
 * the back-end's applied log names the write it came from; readers GET accounts. Every call goes to the
 * {@link CallLog}. Writers stop once {@code writes} writes were accepted (202), or at {@link #stop()}.
 */
final class Load implements AutoCloseable {

    static final String WRITER = "Basic " + Base64.getEncoder().encodeToString("writer:writer-dev".getBytes(StandardCharsets.UTF_8));
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
    // after an error answer a client waits this long before the next call: it keeps an outage from turning
    // into a busy loop on 2 cores (pacing, not synchronisation)
    private static final long BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    // how long a keyed write is sent again (a restart of midtier takes seconds)
    private static final long KEYED_RETRY_NANOS = TimeUnit.SECONDS.toNanos(60);
    private static final long REFUSED_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final CallLog log;
    /** The instances the load is spread over, as a load balancer would (one in every scenario but multi-instance). */
    private final List<MidtierProcess> nodes;
    private final List<String> keys;
    private final String prefix;
    private final long writes;
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicBoolean stopped = new AtomicBoolean();
    // 0: each writer sends its next write when the last is answered; else the writers share this pace
    private volatile long writeIntervalNanos;
    private final AtomicLong nextWriteAt = new AtomicLong(System.nanoTime());
    private final List<Thread> threads = new ArrayList<>();

    Load(CallLog log, MidtierProcess node, List<String> keys, String prefix, long writes) {
        this(log, List.of(node), keys, prefix, writes);
    }

    Load(CallLog log, List<MidtierProcess> nodes, List<String> keys, String prefix, long writes) {
        this.log = log;
        this.nodes = List.copyOf(nodes);
        this.keys = keys;
        this.prefix = prefix;
        this.writes = writes;
    }

    /**
     * At most this many new writes a second, all writers together (repeats of a keyed write not counted): a long run
     * stays below what delivery carries, so a backlog left by a fault is worked off instead of growing for ever.
     */
    Load paced(double writesPerSecond) {
        writeIntervalNanos = writesPerSecond > 0 ? (long) (1e9 / writesPerSecond) : 0;
        return this;
    }

    Load start(int writers, int readers) {
        for (int i = 0; i < writers; i++) {
            int client = i;
            threads.add(daemon("writer-" + i, () -> write(client)));
        }
        for (int i = 0; i < readers; i++) {
            int client = writers + i;
            threads.add(daemon("reader-" + i, () -> read(client)));
        }
        return this;
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    long accepted() {
        return accepted.get();
    }

    boolean writesDone() {
        return threads.stream().filter(t -> t.getName().startsWith("writer-")).noneMatch(Thread::isAlive);
    }

    void stop() {
        stopped.set(true);
    }

    /** Waits for every client to finish its call in progress (each is bounded by the request timeout). */
    void join() {
        stop();
        for (Thread thread : threads) {
            try {
                thread.join(REQUEST_TIMEOUT.plusSeconds(10).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(int client) {
        HttpClient http = client();
        while (!stopped.get() && accepted.get() < writes) {
            awaitTurn();
            long n = next.getAndIncrement();
            String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
            String name = prefix + n;
            // every other write carries an Idempotency-Key and is sent again while its outcome is unknown or it
            // was refused, as a careful client does; the repeat must never be applied twice
            boolean keyed = n % 2 == 1;
            long giveUp = System.nanoTime() + KEYED_RETRY_NANOS;
            for (int attempt = 1; attempt == 1 || (keyed && System.nanoTime() < giveUp && !stopped.get()); attempt++) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(
                                nodes.get((int) ((n + attempt) % nodes.size())).url("/api/accounts/" + key)))
                        .timeout(REQUEST_TIMEOUT).header("Authorization", WRITER).header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\"}"));
                if (keyed) {
                    request.header("Idempotency-Key", name);
                }
                Answer answer = send(http, request.build());
                if (answer.status == 202) {
                    accepted.incrementAndGet();
                }
                log.record(client, "WRITE", key, name, answer.startMs, answer.status, answer.updateId, answer.error);
                afterAnswer(answer);
                if (answer.status == 202 || (answer.status >= 400 && answer.status != 503)) {
                    break;
                }
            }
        }
    }

    /** Waits for this writer's slot of the shared pace (pacing, not synchronisation). */
    private void awaitTurn() {
        long interval = writeIntervalNanos;
        if (interval == 0) {
            return;
        }
        long now = System.nanoTime();
        long slot = Math.max(now, nextWriteAt.getAndUpdate(at -> Math.max(at, now) + interval));
        if (slot > now) {
            LockSupport.parkNanos(slot - now);
        }
    }

    private void read(int client) {
        HttpClient http = client();
        while (!stopped.get() && !writesDone()) {
            String key = keys.get(ThreadLocalRandom.current().nextInt(keys.size()));
            MidtierProcess node = nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(node.url("/api/accounts/" + key)))
                    .timeout(REQUEST_TIMEOUT).GET().build();
            Answer answer = send(http, request);
            log.record(client, "READ", key, "", answer.startMs, answer.status, null, answer.error);
            afterAnswer(answer);
            LockSupport.parkNanos(BACKOFF_NANOS);
        }
    }

    private void afterAnswer(Answer answer) {
        if ("refused".equals(answer.error)) {
            // midtier is down (killed, restarting): try again soon, as a client would, also during its start-up
            LockSupport.parkNanos(REFUSED_BACKOFF_NANOS);
        } else if (answer.status != 202 && answer.status != 200) {
            LockSupport.parkNanos(BACKOFF_NANOS);
        }
    }

    private Answer send(HttpClient http, HttpRequest request) {
        long start = log.nowMs();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            String updateId = null;
            String error = null;
            String body = response.body() == null ? "" : response.body();
            if (response.statusCode() == 202) {
                updateId = field(body, "updateId");
            } else if (response.statusCode() >= 400 && !body.trim().startsWith("{")) {
                error = "no JSON body: " + abbreviate(body);
            } else if (response.statusCode() >= 400) {
                error = abbreviate(body);
            }
            return new Answer(start, response.statusCode(), updateId, error);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            return new Answer(start, -1, null, "refused");
        } catch (IOException e) {
            return new Answer(start, -1, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(start, -1, null, "interrupted");
        }
    }

    private static HttpClient client() {
        // HTTP/1.1 without retries of its own: a write is sent once, as the history says
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
    }

    static String field(String json, String name) {
        String marker = "\"" + name + "\":\"";
        int at = json.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int from = at + marker.length();
        return json.substring(from, json.indexOf('"', from));
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }

    private record Answer(long startMs, int status, String updateId, String error) {
    }

    @Override
    public void close() {
        join();
    }
}
