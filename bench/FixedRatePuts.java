import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * End-to-end benchmark driver: PUTs at a fixed rate for a fixed time over the demo accounts and writes the
 * accepted update ids to a file (the caller measures accepted-to-applied from the update table).
 * Usage: java FixedRatePuts.java http://127.0.0.1:18080 RATE SECONDS OUT_FILE [AUTHORIZATION]
 * prints: RESULT accepted refused offered_per_s (the rate the PUTs were sent at, first to last: a driver that fell
 * behind its schedule would show here rather than as a slow midtier)
 *
 * Each PUT is sent asynchronously from the timer's tick (HTTP/1.1, a connection per PUT in flight, as many as
 * needed): the timer never waits for an answer, so a slow answer does not lower the rate.
 */
public class FixedRatePuts {

    public static void main(String[] args) throws Exception {
        String api = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        Path out = Path.of(args[3]);
        String auth = args.length > 4 ? args[4] : "";
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
        List<String> accepted = new CopyOnWriteArrayList<>();
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger sent = new AtomicInteger();
        AtomicLong firstSend = new AtomicLong();
        AtomicLong lastSend = new AtomicLong();
        Pattern updateId = Pattern.compile("\"updateId\"\\s*:\\s*\"([0-9a-f-]{36})\"");
        ScheduledExecutorService timer = Executors.newScheduledThreadPool(8);
        int total = rate * seconds;
        timer.scheduleAtFixedRate(() -> {
            int n = sent.incrementAndGet();
            if (n > total) {
                return;
            }
            if (n == 1) {
                firstSend.set(System.nanoTime());
            }
            lastSend.set(System.nanoTime());
            HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(api + "/api/accounts/" + (1001 + n % 100)))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"name\":\"E2E " + n + "\"}"));
            if (!auth.isEmpty()) {
                put.header("Authorization", auth);
            }
            client.sendAsync(put.build(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, failure) -> {
                Matcher m = response == null ? null : updateId.matcher(response.body());
                if (response != null && response.statusCode() == 202 && m.find()) {
                    accepted.add(m.group(1));
                } else {
                    refused.incrementAndGet();
                }
            });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 30L);
        while (accepted.size() + refused.get() < total && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            TimeUnit.MILLISECONDS.sleep(20);
        }
        timer.shutdownNow();
        Files.write(out, accepted);
        double sending = (lastSend.get() - firstSend.get()) / 1e9;
        System.out.printf("RESULT %d %d %.1f%n", accepted.size(), refused.get(),
                sending > 0 ? (total - 1) / sending : Double.NaN);
    }
}
