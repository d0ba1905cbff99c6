import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coalescing benchmark: READERS threads GET KEYS cold accounts (1001..) at the same moment, READERS/KEYS
 * readers per key; prints the back-end inquiries it caused per distinct key (goal 1.00).
 * Usage: java ColdReaders.java http://127.0.0.1:18080 http://127.0.0.1:18081 200 50
 */
public class ColdReaders {

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String api = args[0];
        String legacy = args[1];
        int readers = Integer.parseInt(args[2]);
        int keys = Integer.parseInt(args[3]);
        long before = inquiries(legacy);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<Integer>> statuses = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            String url = api + "/api/accounts/" + (1001 + i % keys);
            statuses.add(pool.submit(() -> {
                go.await();
                return CLIENT.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            }));
        }
        long started = System.nanoTime();
        go.countDown();
        int ok = 0;
        for (Future<Integer> status : statuses) {
            if (status.get() == 200) {
                ok++;
            }
        }
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        pool.shutdown();
        long calls = inquiries(legacy) - before;
        System.out.printf("RESULT %d %.2f %d %d%n", calls, (double) calls / keys, ok, tookMs);
    }

    private static long inquiries(String legacy) throws Exception {
        String stats = CLIENT.send(HttpRequest.newBuilder(URI.create(legacy + "/simulator/stats")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("\"inquiries\"\\s*:\\s*(\\d+)").matcher(stats);
        if (!m.find()) {
            throw new IllegalStateException("no inquiries counter in " + stats);
        }
        return Long.parseLong(m.group(1));
    }
}
