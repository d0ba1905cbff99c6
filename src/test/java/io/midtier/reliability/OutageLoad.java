package io.midtier.reliability;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Concurrent writers (PUT of a new name on accounts 1001..), readers (GET) and a readiness probe against a
 * running midtier, each answer recorded with the time it came: what an outage looks like from outside.
 */
public final class OutageLoad implements AutoCloseable {

    /** One answer: when it came (System.nanoTime()), to what, its status (-1: no answer), the update id of a 202. */
    public record Answer(long atNanos, String kind, String path, int status, String updateId, String body) {
    }

    private final MidtierProcess app;
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();

    private OutageLoad(MidtierProcess app, int writers, int readers) {
        this.app = app;
        this.threads = Executors.newFixedThreadPool(writers + readers + 1);
        for (int i = 0; i < writers; i++) {
            int writer = i;
            threads.submit(() -> write(writer));
        }
        for (int i = 0; i < readers; i++) {
            int reader = i;
            threads.submit(() -> read(reader));
        }
        threads.submit(this::probe);
    }

    public static OutageLoad start(MidtierProcess app, int writers, int readers) {
        return new OutageLoad(app, writers, readers);
    }

    private void write(int writer) {
        while (running.get()) {
            // each writer has its own accounts: per-key order stays simple to check
            String path = "/api/accounts/" + (1001 + writer * 5 + sequence.getAndIncrement() % 5);
            String name = "W" + writer + "-" + sequence.get();
            answers.add(call("PUT", path, () -> Http.put(app.url(path), "{\"name\":\"" + name + "\"}")));
        }
    }

    private void read(int reader) {
        int n = 0;
        while (running.get()) {
            String path = "/api/accounts/" + (1050 + (reader * 7 + n++) % 40);
            answers.add(call("GET", path, () -> Http.get(app.url(path))));
        }
    }

    private void probe() {
        while (running.get()) {
            answers.add(call("READY", "/observe/health/ready",
                    () -> Http.get(app.managementUrl("/observe/health/ready"))));
            pause(100);
        }
    }

    private static Answer call(String kind, String path, java.util.function.Supplier<HttpResponse<String>> request) {
        try {
            HttpResponse<String> response = request.get();
            String updateId = null;
            if ("PUT".equals(kind) && response.statusCode() == 202) {
                updateId = MidtierTestApp.json(response.body()).path("updateId").asText(null);
            }
            return new Answer(System.nanoTime(), kind, path, response.statusCode(), updateId, response.body());
        } catch (RuntimeException e) {
            pause(50);
            return new Answer(System.nanoTime(), kind, path, -1, null, e.toString());
        }
    }

    /** The probe's only pacing: it asks ten times a second rather than as fast as it can (not synchronisation). */
    private static void pause(long ms) {
        try {
            TimeUnit.MILLISECONDS.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public List<Answer> answers() {
        return new ArrayList<>(answers);
    }

    public List<Answer> answers(String kind, long afterNanos) {
        return answers.stream().filter(a -> a.kind().equals(kind) && a.atNanos() >= afterNanos).toList();
    }

    /** Status counts of one kind of answer after a moment, e.g. {202=120, 503=4}. */
    public Map<Integer, Long> statuses(String kind, long afterNanos) {
        Map<Integer, Long> counts = new java.util.TreeMap<>();
        answers(kind, afterNanos).forEach(a -> counts.merge(a.status(), 1L, Long::sum));
        return counts;
    }

    public void stop() {
        running.set(false);
        threads.shutdown();
        try {
            threads.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }
}
