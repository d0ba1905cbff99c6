import io.midtier.Infrastructure;
import io.midtier.MidtierSettings;
import io.midtier.run.SettingsReader;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.transaction.TransactionManager;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The raw-stack baseline of the dual-write benchmark: what midtier's own transaction stack commits with no HTTP and
 * no Camel. It starts midtier's Infrastructure itself (so the very same Narayana settings, Agroal PGXADataSource
 * pool, embedded Artemis and pooled-jms XA factory, from the application.properties in the product jar), and each
 * transaction is one INSERT and one persistent 200-byte send, committed by Narayana (two resources: two-phase).
 *
 * Usage (the product jar on the class path):
 *   java -cp target/midtier.jar bench/RawStackBaseline.java JDBC_URL DATA_DIR SECONDS THREADS...
 * prints one line per thread count: RESULT threads tx_per_s p50_ms p99_ms errors cpu_ms_per_tx
 * (cpu_ms_per_tx: this JVM's own CPU time, every thread of it — the broker's journal and Narayana's included —
 * over the step, per committed transaction: what midtier's CPU per PUT compares with)
 */
public class RawStackBaseline {

    private static final String PAYLOAD = "x".repeat(200);

    public static void main(String[] args) throws Exception {
        String jdbcUrl = args[0];
        String dataDir = args[1];
        int seconds = Integer.parseInt(args[2]);
        int[] threadCounts = Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray();

        Map<String, String> values = new HashMap<>();
        Properties shipped = new Properties();
        try (InputStream in = RawStackBaseline.class.getClassLoader().getResourceAsStream("application.properties")) {
            shipped.load(in);
        }
        shipped.forEach((k, v) -> values.put(k.toString(), v.toString().strip()));
        values.put("midtier.db.url", jdbcUrl);
        values.put("midtier.data-dir", dataDir);
        values.put("midtier.tx.node-id", "bench-raw");
        // in-VM only, as midtier's own clients: no TCP acceptor to collide with the midtier under test
        values.put("midtier.broker.tcp-port", "0");

        try (Infrastructure infra = Infrastructure.start(MidtierSettings.read(SettingsReader.of(values)))) {
            try (Connection c = infra.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("create table if not exists bench_raw_write (id bigserial primary key, payload text)");
            }
            TransactionManager tm = infra.transactions().transactionManager();
            // warm-up: class loading, pools filled, the JIT on the loop
            run(infra, tm, 8, Math.max(2, seconds / 2));
            for (int threads : threadCounts) {
                long cpuBefore = cpuNanos();
                long[] result = run(infra, tm, threads, seconds);
                long cpu = cpuNanos() - cpuBefore;
                List<Long> latencies = lastLatencies;
                System.out.printf("RESULT %d %.1f %.3f %.3f %d %.3f%n", threads, result[0] / (double) seconds,
                        percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6, result[1],
                        result[0] > 0 ? cpu / 1e6 / result[0] : Double.NaN);
            }
        }
        // the broker's and Narayana's non-daemon threads
        System.exit(0);
    }

    private static volatile List<Long> lastLatencies;

    /** Returns {committed, errors}; the latencies (ns) of the committed transactions in lastLatencies. */
    private static long[] run(Infrastructure infra, TransactionManager tm, int threads, int seconds)
            throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        List<List<Long>> perThread = new ArrayList<>();
        long[] errors = new long[threads];
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            List<Long> mine = new ArrayList<>();
            perThread.add(mine);
            int index = t;
            Thread thread = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        long started = System.nanoTime();
                        try {
                            oneTransaction(infra, tm);
                            mine.add(System.nanoTime() - started);
                        } catch (Exception e) {
                            errors[index]++;
                            try {
                                tm.rollback();
                            } catch (Exception ignored) {
                                // no transaction left to roll back
                            }
                        }
                    }
                } finally {
                    done.countDown();
                }
            }, "raw-" + t);
            thread.start();
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        done.await();
        List<Long> all = new ArrayList<>();
        perThread.forEach(all::addAll);
        lastLatencies = all;
        return new long[] {all.size(), Arrays.stream(errors).sum()};
    }

    private static void oneTransaction(Infrastructure infra, TransactionManager tm) throws Exception {
        tm.begin();
        try (Connection db = infra.dataSource().getConnection();
             PreparedStatement insert = db.prepareStatement("insert into bench_raw_write (payload) values (?)")) {
            insert.setString(1, PAYLOAD);
            insert.executeUpdate();
        }
        try (jakarta.jms.Connection broker = infra.jmsPool().createConnection();
             Session session = broker.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue("bench.raw"))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            producer.send(session.createTextMessage(PAYLOAD));
        }
        tm.commit();
    }

    /** This process's CPU time (user + system, all threads) in ns, as /proc/PID/stat counts it. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }
}
