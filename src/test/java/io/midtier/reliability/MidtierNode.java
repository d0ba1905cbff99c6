package io.midtier.reliability;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * midtier as a user runs it ({@code java -jar target/midtier.jar}), configured by environment variables. Every
 * start uses the same ports, data folder (Narayana's object store, the embedded broker's journal) and node id, so
 * a restart after {@link #kill()} recovers what the killed process left in doubt.
 */
final class MidtierNode implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final Path jar;
    private final Path logDir;
    private final Map<String, String> environment;
    private final int httpPort;
    private final int managementPort;
    private volatile OsProcess process;
    private int starts;

    MidtierNode(Path jar, Path logDir, Map<String, String> environment) {
        this.jar = jar;
        this.logDir = logDir;
        this.environment = new HashMap<>(environment);
        this.httpPort = Integer.parseInt(environment.get("MIDTIER_HTTP_PORT"));
        this.managementPort = Integer.parseInt(environment.get("MIDTIER_MANAGEMENT_PORT"));
    }

    String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** Starts the jar and returns once its readiness check is UP. */
    synchronized void start(Duration timeout) {
        starts++;
        OsProcess started = OsProcess.java(logDir.resolve("midtier-" + starts + ".log"),
                List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), List.of("-jar", jar.toString()), environment);
        process = started;
        Awaitility.await("midtier start " + starts + " is ready (" + started.log() + ")").atMost(timeout)
                .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    if (!started.alive()) {
                        throw new IllegalStateException("midtier exited:\n" + started.tail(40));
                    }
                    return get(managementUrl("/observe/health/ready")).statusCode() == 200;
                });
    }

    /** {@code kill -9}: nothing of midtier runs its shutdown. */
    synchronized void kill() {
        process.kill();
    }

    /** SIGTERM, as an operator stops it. */
    synchronized void stop() {
        if (process != null) {
            process.stop(Duration.ofSeconds(60));
        }
    }

    boolean alive() {
        OsProcess current = process;
        return current != null && current.alive();
    }

    int starts() {
        return starts;
    }

    /** Messages waiting in a queue of the embedded broker, from midtier's metrics. */
    long embeddedQueueDepth(String queue) {
        String metrics = get(managementUrl("/observe/metrics")).body();
        String prefix = "midtier_queue_messages{queue=\"" + queue + "\"";
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no metric " + prefix));
    }

    static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void close() {
        stop();
    }
}
