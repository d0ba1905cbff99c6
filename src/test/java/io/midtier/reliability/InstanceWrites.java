package io.midtier.reliability;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writers spread over several midtier instances: writer {@code w} sends its PUTs through instance {@code w % n} and
 * goes round the same accounts as every other writer, so each account gets writes through every instance at once.
 * Every write carries a name of its own ({@code <prefix><instance>-<n>}), so what a refused write would have changed
 * can be looked for afterwards.
 */
final class InstanceWrites implements AutoCloseable {

    /**
     * One PUT: through which instance, of which account, the name it wrote, its status (-1: no answer), when it was
     * sent and when it was answered (System.nanoTime()), and the body or error of one not accepted.
     */
    record Write(int instance, String account, String name, int status, String updateId, long sentNanos, long atNanos,
                 String error) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<MidtierProcess> instances;
    private final List<String> accounts;
    private final String prefix;
    private final ExecutorService threads;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Write> writes = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sequence = new AtomicInteger();

    private InstanceWrites(List<MidtierProcess> instances, List<String> accounts, String prefix, int writers,
                           int writesEach) {
        this.instances = instances;
        this.accounts = accounts;
        this.prefix = prefix;
        this.threads = Executors.newFixedThreadPool(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            threads.submit(() -> write(writer, writesEach));
        }
        threads.shutdown();
    }

    /** {@code writers} threads, each writing until {@link #stop()} ({@code writesEach} 0) or that many times. */
    static InstanceWrites start(List<MidtierProcess> instances, List<String> accounts, String prefix, int writers,
                                int writesEach) {
        return new InstanceWrites(instances, accounts, prefix, writers, writesEach);
    }

    private void write(int writer, int writesEach) {
        int instance = writer % instances.size();
        for (int n = 0; running.get() && (writesEach == 0 || n < writesEach); n++) {
            String account = accounts.get((writer + n) % accounts.size());
            String name = prefix + instance + "-" + sequence.incrementAndGet();
            MidtierProcess target = instances.get(instance);
            long sent = System.nanoTime();
            try {
                HttpResponse<String> answer = Http.put(target.url("/api/accounts/" + account),
                        JSON.createObjectNode().put("name", name).toString());
                String updateId = answer.statusCode() == 202
                        ? MidtierTestApp.json(answer.body()).path("updateId").asText(null) : null;
                writes.add(new Write(instance, account, name, answer.statusCode(), updateId, sent, System.nanoTime(),
                        answer.statusCode() == 202 ? null : answer.body()));
            } catch (RuntimeException e) {
                // refused connection (a killed instance) or a timeout: no answer, the write may or may not be in
                writes.add(new Write(instance, account, name, -1, null, sent, System.nanoTime(), e.toString()));
                if (!target.alive()) {
                    return;
                }
            }
        }
    }

    List<Write> writes() {
        return new ArrayList<>(writes);
    }

    List<Write> writes(int status) {
        return writes.stream().filter(w -> w.status() == status).toList();
    }

    /** Status counts of one instance's writes answered after a moment, e.g. {202=120, 503=4}. */
    Map<Integer, Long> statuses(int instance, long afterNanos) {
        Map<Integer, Long> counts = new TreeMap<>();
        writes.stream().filter(w -> w.instance() == instance && w.atNanos() >= afterNanos)
                .forEach(w -> counts.merge(w.status(), 1L, Long::sum));
        return counts;
    }

    /** Waits until every writer is done (the fixed count written, or stopped). */
    void awaitDone() throws InterruptedException {
        if (!threads.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("writers still running after 2 minutes");
        }
    }

    void stop() throws InterruptedException {
        running.set(false);
        awaitDone();
    }

    @Override
    public void close() {
        running.set(false);
        threads.shutdownNow();
    }
}
