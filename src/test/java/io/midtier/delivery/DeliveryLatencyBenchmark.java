package io.midtier.delivery;

import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Benchmark, not run by the build (its name matches neither surefire's nor failsafe's patterns): accepted-to-
// applied latency of 1,000 updates over 20 accounts with a 50 ms back-end and 8 consumers, submitted at a steady
// rate and as a burst. Prints the figures. Run: mvn -B test -Dtest=DeliveryLatencyBenchmark -Dmidtier.test.db-url=...
class DeliveryLatencyBenchmark {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static final List<String> ACCOUNTS = IntStream.rangeClosed(1051, 1070).mapToObj(String::valueOf).toList();

    @Test
    void accepted_to_applied_latency_with_a_50_ms_backend() throws Exception {
        Map<String, String> p = MidtierTestApp.defaults(db, "delivery-latency");
        p.put("midtier.delivery.concurrent-consumers", "8");
        p.put("simulator.max-concurrent", "8");
        p.put("simulator.latency-ms", "50");
        p.put("simulator.jitter-ms", "0");
        try (MidtierTestApp app = MidtierTestApp.start(p)) {
            UpdateLoad.submit(app, ACCOUNTS, 50, 8); // warm-up
            for (int rate : new int[] {25, 50}) {
                List<String> paced = paced(app, 1000, rate);
                UpdateLoad.awaitApplied(db, paced, Duration.ofMinutes(10));
                UpdateLoad.assertAppliedOnceInAcceptanceOrder(db, ACCOUNTS, paced);
                report(rate + " updates/s", paced);
            }
            long start = System.nanoTime();
            List<String> burst = UpdateLoad.submit(app, ACCOUNTS, 1000, 16);
            long accepted = System.nanoTime();
            UpdateLoad.awaitApplied(db, burst, Duration.ofMinutes(10));
            long applied = System.nanoTime();
            UpdateLoad.assertAppliedOnceInAcceptanceOrder(db, ACCOUNTS, burst);
            report("burst from 16 clients (accepted in " + TimeUnit.NANOSECONDS.toMillis(accepted - start)
                    + " ms, all applied after " + TimeUnit.NANOSECONDS.toMillis(applied - start) + " ms)", burst);
        }
    }

    /** Submits {@code count} updates at a steady {@code perSecond}, round robin over the accounts. */
    static List<String> paced(MidtierTestApp app, int count, int perSecond) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> futures = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = start + TimeUnit.SECONDS.toNanos(i) / perSecond;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the load, not synchronisation
                }
                String account = ACCOUNTS.get(i % ACCOUNTS.size());
                String name = "PACED " + i;
                futures.add(clients.submit(() -> Updates.rename(app, account, name)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            clients.shutdownNow();
        }
    }

    static void report(String load, List<String> updateIds) {
        long[] l = UpdateLoad.latencyPercentiles(db, updateIds);
        System.out.printf("LATENCY 1000 updates, 20 accounts, 8 consumers, 50 ms back-end, %s: p50 %d ms, p99 %d ms, max %d ms%n",
                load, l[0], l[1], l[2]);
    }
}
