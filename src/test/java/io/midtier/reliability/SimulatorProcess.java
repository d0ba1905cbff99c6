package io.midtier.reliability;

import io.midtier.testsupport.JavaProcess;
import io.midtier.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** The back-end simulator in its own process, as its own jar runs ({@code simulator/target/midtier-simulator.jar}). */
final class SimulatorProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final JavaProcess process;
    private final int port;

    private SimulatorProcess(JavaProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    static final Path JAR = Path.of(System.getProperty("midtier.test.simulator-jar", "simulator/target/midtier-simulator.jar"));

    /** Order answers are not sent: the harness submits no orders. */
    static SimulatorProcess start(Path log, int port, String jdbcUrl, long latencyMs, int maxConcurrent) {
        JavaProcess process = JavaProcess.jar(log, List.of("-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"), JAR,
                Map.of("SIMULATOR_HOST", "127.0.0.1", "SIMULATOR_PORT", Integer.toString(port),
                        "SIMULATOR_JDBC_URL", jdbcUrl, "SIMULATOR_DB_USER", TestDatabase.USER,
                        "SIMULATOR_LATENCY_MS", Long.toString(latencyMs), "SIMULATOR_JITTER_MS", "0",
                        "SIMULATOR_MAX_CONCURRENT", Integer.toString(maxConcurrent),
                        "SIMULATOR_REPLY_BROKER_URL", ""), log.toAbsolutePath().getParent());
        SimulatorProcess simulator = new SimulatorProcess(process, port);
        try {
            Awaitility.await("the simulator answers (" + log + ")").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        if (!process.alive()) {
                            throw new IllegalStateException("the simulator exited:\n" + process.tail(30));
                        }
                        return simulator.call("GET", "/simulator/stats", null).statusCode() == 200;
                    });
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return simulator;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Takes the back-end region down (every call 503) or brings it back. */
    void down(boolean down) {
        faults("{\"down\":" + down + "}");
    }

    /** Every call takes this long (and is still carried out when the caller has given up waiting). */
    void latency(long millis) {
        faults("{\"latencyMs\":" + millis + "}");
    }

    private void faults(String json) {
        HttpResponse<String> answer = call("PUT", "/simulator/faults", json);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("PUT /simulator/faults answered " + answer.statusCode() + ": " + answer.body());
        }
    }

    HttpResponse<String> call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(10));
    }
}
