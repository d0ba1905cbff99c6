import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The fastest a Java program on this machine asks PostgreSQL the hit benchmark's primary-key question, one at a time:
 * pgjdbc (the product jar's), one connection held open, one statement prepared once and kept, no pool, no XA, no
 * Camel; the same SELECT as bench/run.sh's pgbench script, over the same kind of connection (TCP to 127.0.0.1).
 * A validate hit at one connection is the bare endpoint's HTTP round trip and such a question in series, so
 * 1 / (1 / bare + 1 / this) estimates the most a validate hit on this HTTP stack and driver can answer (bench/run.sh
 * prints it; docs/BENCHMARKS.md, stop 40).
 *
 * Usage (the product jar on the class path):
 *   java -cp target/midtier.jar bench/PrimaryKeyQuestion.java JDBC_URL SECONDS
 * prints: RESULT questions_per_s mean_ms p50_ms
 */
public class PrimaryKeyQuestion {

    private static final String QUESTION = "select body from cache_entry where type = 'accounts' and id = ?";

    public static void main(String[] args) throws Exception {
        String url = args[0];
        long seconds = Long.parseLong(args[1]);
        try (Connection connection = DriverManager.getConnection(url, "postgres", "");
             PreparedStatement statement = connection.prepareStatement(QUESTION)) {
            // warm-up: the statement prepared on the server (pgjdbc does it from the fifth execution), the JIT
            ask(statement, 2_000_000_000L, null);
            List<Long> latencies = new ArrayList<>();
            long elapsed = ask(statement, seconds * 1_000_000_000L, latencies);
            if (latencies.isEmpty()) {
                throw new IllegalStateException("no question answered");
            }
            long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            System.out.printf("RESULT %.1f %.4f %.4f%n", sorted.length * 1e9 / elapsed,
                    elapsed / 1e6 / sorted.length, sorted[sorted.length / 2] / 1e6);
        }
    }

    /** Asks for the given time; returns the nanoseconds it asked for, each question's latency added to latencies. */
    private static long ask(PreparedStatement statement, long nanos, List<Long> latencies) throws Exception {
        long start = System.nanoTime();
        long now = start;
        while (now - start < nanos) {
            statement.setString(1, Integer.toString(ThreadLocalRandom.current().nextInt(1001, 1101)));
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next() || row.getString(1) == null) {
                    throw new IllegalStateException("no cached entry: run it after the demo accounts were read");
                }
            }
            long answered = System.nanoTime();
            if (latencies != null) {
                latencies.add(answered - now);
            }
            now = answered;
        }
        return now - start;
    }
}
