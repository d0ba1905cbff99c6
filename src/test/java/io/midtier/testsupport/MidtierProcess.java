package io.midtier.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The test kit's one way to run midtier as a process of its own ({@link JavaProcess}): the packaged jar
 * ({@code target/midtier.jar}, configured by environment variables only, as an operator runs it), or — where a test
 * needs a main class of its own (a crash child) or runs before the jar is packaged (a second instance beside the
 * test's own) — a main class of the test class path, midtier's settings as system properties.
 *
 * <p>Every start uses the same ports, data folder (Narayana's object store, the embedded broker's journal) and node
 * id, so a start after {@link #kill()} recovers what the killed process left in doubt. Each start's output is a log
 * of its own, {@code <logDir>/<name>-<n>.log} (by default in {@code target/processes/}).
 */
public final class MidtierProcess implements AutoCloseable {

    public static final Path JAR = Path.of(System.getProperty("midtier.test.jar", "target/midtier.jar"));
    /** Small and quick to start on a shared machine; exits rather than limps on when memory runs out. */
    public static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError",
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Path jar;
    private final String mainClass;
    private final Map<String, String> settings;
    private final List<String> args;
    private final int httpPort;
    private final int managementPort;
    private final Path dataDir;
    private Path logDir = Path.of("target", "processes").toAbsolutePath();
    private Path workingDirectory;
    private List<String> jvmOptions = JVM_OPTIONS;
    private volatile JavaProcess process;
    private int starts;

    private MidtierProcess(String name, Path jar, String mainClass, Map<String, String> settings, List<String> args,
                           int httpPort, int managementPort, Path dataDir) {
        this.name = name;
        this.jar = jar;
        this.mainClass = mainClass;
        this.settings = new HashMap<>(settings);
        this.args = List.copyOf(args);
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.dataDir = dataDir;
    }

    /**
     * The packaged jar, configured by these environment variables ({@code MIDTIER_HTTP_PORT},
     * {@code MIDTIER_MANAGEMENT_PORT} and {@code MIDTIER_DATA_DIR} among them), in the test's working directory
     * unless {@link #workingDirectory(Path)} names another (one without routes/: it serves the routes it carries).
     */
    public static MidtierProcess jar(String name, Map<String, String> environment) {
        return jar(name, JAR, environment);
    }

    /** {@link #jar(String, Map)} of another jar. */
    public static MidtierProcess jar(String name, Path jar, Map<String, String> environment) {
        return new MidtierProcess(name, jar.toAbsolutePath(), null, environment, List.of(),
                port(environment, "MIDTIER_HTTP_PORT"), port(environment, "MIDTIER_MANAGEMENT_PORT"),
                path(environment, "MIDTIER_DATA_DIR"));
    }

    /** midtier as {@link MidtierTestApp} runs it, in a JVM of its own on the test class path, with these properties. */
    public static MidtierProcess testApp(String name, Map<String, String> properties) {
        return onTestClassPath(name, Main.class.getName(), properties);
    }

    /**
     * A main class of the test class path (e.g. a crash child that starts {@link MidtierTestApp} from
     * {@link MidtierTestApp#settingsFromSystemProperties()}), midtier's properties as {@code -D} options.
     */
    public static MidtierProcess onTestClassPath(String name, String mainClass, Map<String, String> properties,
                                                 String... args) {
        return new MidtierProcess(name, null, mainClass, properties, List.of(args),
                port(properties, "camel.server.port"), port(properties, "camel.management.port"),
                path(properties, "midtier.data-dir"));
    }

    /** Where each start's log goes; before the first start. */
    public MidtierProcess logDir(Path dir) {
        logDir = dir.toAbsolutePath();
        return this;
    }

    /** The working directory (null: the test's); before the first start. */
    public MidtierProcess workingDirectory(Path dir) {
        workingDirectory = dir == null ? null : dir.toAbsolutePath();
        return this;
    }

    public MidtierProcess jvmOptions(List<String> options) {
        jvmOptions = List.copyOf(options);
        return this;
    }

    /** Starts a new process (not waiting for it to be ready): a crash child that halts, or a start that must fail. */
    public synchronized JavaProcess launch() {
        if (process != null && process.alive()) {
            throw new IllegalStateException(name + " is still running (" + process.log() + ")");
        }
        starts++;
        Path log = logDir.resolve(name + "-" + starts + ".log");
        if (jar != null) {
            process = JavaProcess.jar(log, jvmOptions, jar, settings, workingDirectory);
        } else {
            process = JavaProcess.onTestClassPath(log, jvmOptions, mainClass, settings, args, Map.of());
        }
        return process;
    }

    /** Starts a new process and returns once its readiness check is UP. */
    public MidtierProcess start(Duration readyWithin) {
        launch();
        try {
            awaitReady(readyWithin);
        } catch (RuntimeException | Error e) {
            process.close();
            throw e;
        }
        return this;
    }

    /** Waits until readiness answers UP; fails early when the process ends. */
    public void awaitReady(Duration timeout) {
        JavaProcess started = process;
        Awaitility.await(name + " start " + starts + " is ready (" + started.log() + ")").atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    // not ignored: a process that ended fails the wait at once (ready() answers a refused connection)
                    if (!started.alive()) {
                        throw new IllegalStateException(name + " exited:\n" + started.tail(40));
                    }
                    return ready();
                });
    }

    /** Readiness answered UP (a connection failure counts as not ready). */
    public boolean ready() {
        try {
            HttpResponse<String> ready = get(managementUrl("/observe/health/ready"));
            return ready.statusCode() == 200 && ready.body().contains("UP");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** {@code kill -9}: nothing of midtier runs its shutdown. */
    public synchronized void kill() {
        if (process != null) {
            process.kill();
        }
    }

    /**
     * SIGTERM, as an operator stops it (Camel shuts down, transactions in flight finish; a kill could cut a two-phase
     * commit in half and leave a prepared branch only this node would resolve); killed after a minute.
     */
    public synchronized void stop() {
        if (process != null && process.alive()) {
            process.stop(Duration.ofSeconds(60));
        }
    }

    /** Stopped (SIGTERM) if it runs, then started again on the same data folder; returns once it is ready. */
    public void restart(Duration readyWithin) {
        stop();
        start(readyWithin);
    }

    public boolean alive() {
        JavaProcess current = process;
        return current != null && current.alive();
    }

    /** How many times it was started. */
    public int starts() {
        return starts;
    }

    /** The process of the latest start. */
    public JavaProcess process() {
        return process;
    }

    public String output() {
        return process.output();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Transactions Narayana's log still holds (file store): each one waits for recovery. 0 once every transaction
     * a fault cut short has been completed.
     */
    public long transactionLogRecords() {
        return TransactionLog.records(dataDir).size();
    }

    /**
     * Why recovery has not emptied the log: the records left and what midtier last said of recovery (for the
     * message of a failed wait; the whole log is in target/processes).
     */
    public String recoveryReport() {
        try {
            List<String> said = output().lines()
                    .filter(line -> line.contains("Periodic Recovery") || line.contains("ARJUNA0160")
                            || line.contains("ARJUNA0120"))
                    .toList();
            return "records " + TransactionLog.records(dataDir) + "; last recovery lines:\n"
                    + String.join("\n", said.subList(Math.max(0, said.size() - 15), said.size()));
        } catch (UncheckedIOException e) {
            return "records unreadable: " + e;
        }
    }

    /** Messages waiting in a queue of the embedded broker, from midtier's metrics. */
    public long embeddedQueueDepth(String queue) {
        String metrics = get(managementUrl("/observe/metrics")).body();
        String prefix = "midtier_queue_messages{queue=\"" + queue + "\"";
        return metrics.lines().filter(line -> line.startsWith(prefix))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no metric " + prefix));
    }

    /** A GET with a connect timeout of 2 s and a request timeout of 10 s (no retries, no authentication). */
    public static HttpResponse<String> get(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops it (SIGTERM, see {@link #stop()}). */
    @Override
    public synchronized void close() {
        try {
            stop();
        } finally {
            if (process != null) {
                process.close();
            }
        }
    }

    private static int port(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null ? -1 : Integer.parseInt(value);
    }

    private static Path path(Map<String, String> settings, String key) {
        String value = settings.get(key);
        return value == null ? null : Path.of(value).toAbsolutePath();
    }

    /** The child's entry point of {@link #testApp}: midtier's properties as system properties; runs until stopped. */
    public static final class Main {
        public static void main(String[] args) throws InterruptedException {
            try {
                MidtierTestApp app = MidtierTestApp.start(MidtierTestApp.settingsFromSystemProperties());
                Runtime.getRuntime().addShutdownHook(new Thread(app::close, "midtier-shutdown"));
            } catch (RuntimeException e) {
                // the threads it started (broker, transaction manager) would keep this JVM alive
                e.printStackTrace();
                System.exit(1);
            }
            Thread.currentThread().join();
        }
    }
}
