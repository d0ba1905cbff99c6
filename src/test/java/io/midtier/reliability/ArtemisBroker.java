package io.midtier.reliability;

import io.midtier.testsupport.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.awaitility.Awaitility;

/**
 * A standalone Artemis broker ({@code bin/artemis} of the distribution the build unpacks into target/artemis)
 * as a process of its own, with a persistent journal in its instance folder. The instance gets midtier's queue
 * settings from docker/artemis/broker.properties, the same file the Docker Compose broker uses.
 */
public final class ArtemisBroker implements BrokerHost {

    /** Where the build unpacked the distribution (failsafe sets it; see pom.xml). */
    public static final String HOME_PROPERTY = "midtier.test.artemis-home";
    static final String USER = "midtier";
    static final String PASSWORD = "midtier-dev";
    private static final Path BROKER_PROPERTIES = Path.of("docker", "artemis", "broker.properties");

    private final Path instance;
    private final int port;
    private final java.util.Map<String, String> overrides;
    private final List<String> createOptions;
    private Process process;

    private ArtemisBroker(Path instance, int port, java.util.Map<String, String> overrides, List<String> createOptions) {
        this.instance = instance;
        this.port = port;
        this.overrides = overrides;
        this.createOptions = List.copyOf(createOptions);
    }

    /**
     * A new broker whose instance will be {@code instance} (emptied now), listening on a free port on the loopback
     * interface; {@link #start()} creates the instance on first use (so the folder may be emptied again before)
     * and runs it; later starts run it on the journal it has.
     */
    public static ArtemisBroker create(Path instance) {
        return create(instance, java.util.Map.of());
    }

    /**
     * As {@link #create(Path)}, with broker properties set over docker/artemis/broker.properties (e.g. shorter
     * redelivery delays: {@code addressSettings."midtier.updates".redeliveryDelay=200}).
     */
    public static ArtemisBroker create(Path instance, java.util.Map<String, String> overrides) {
        // a new broker: nothing of an earlier run's instance (and journal) in this folder
        deleteRecursively(instance);
        return new ArtemisBroker(instance.toAbsolutePath(), FreePorts.next(), overrides, List.of());
    }

    /**
     * One server of a broker pair ({@link ArtemisPair}): a given port and more {@code artemis create} options (its HA
     * policy, cluster connection and shared data folder).
     */
    static ArtemisBroker create(Path instance, int port, java.util.Map<String, String> overrides,
                                List<String> createOptions) {
        deleteRecursively(instance);
        return new ArtemisBroker(instance.toAbsolutePath(), port, overrides, createOptions);
    }

    /** {@code artemis create}, unless the instance is there already (then its journal is kept). */
    private void createInstance() throws IOException, InterruptedException {
        if (Files.isExecutable(instance.resolve("bin/artemis"))) {
            return;
        }
        Path home = home();
        Files.createDirectories(instance.getParent());
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/artemis").toString(), "create", instance.toString(),
                "--silent", "--force", "--user", USER, "--password", PASSWORD, "--require-login", "--no-web",
                "--host", "127.0.0.1", "--default-port", String.valueOf(port), "--name", "midtier-test",
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                // a small heap: four people share the machine
                "--java-memory", "512M"));
        command.addAll(createOptions);
        Path log = instance.resolveSibling(instance.getFileName() + "-create.log");
        Process create = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!create.waitFor(2, TimeUnit.MINUTES) || create.exitValue() != 0) {
            create.destroyForcibly();
            throw new IllegalStateException("artemis create failed: " + Files.readString(log));
        }
        // broker.properties in etc/ is applied over broker.xml when the broker starts
        StringBuilder properties = new StringBuilder(Files.readString(BROKER_PROPERTIES));
        overrides.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
        Files.writeString(instance.resolve("etc/broker.properties"), properties);
    }

    static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        Path path = home != null ? Path.of(home) : Path.of("target", "artemis", "apache-artemis-2.40.0");
        if (!Files.isExecutable(path.resolve("bin/artemis"))) {
            throw new IllegalStateException("no Artemis distribution at " + path.toAbsolutePath()
                    + ": run the tests through failsafe (mvn verify), which unpacks it, or set -D" + HOME_PROPERTY);
        }
        return path;
    }

    @Override
    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public String user() {
        return USER;
    }

    @Override
    public String password() {
        return PASSWORD;
    }

    public Path instance() {
        return instance;
    }

    /** The broker's console output of all its runs (appended). */
    public Path log() {
        return instance.resolve("log/console.out");
    }

    public boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized void start() throws Exception {
        if (isRunning()) {
            return;
        }
        Process started = run();
        Awaitility.await("Artemis at " + url() + " accepting connections (see " + log() + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("the broker exited with " + started.exitValue());
                    }
                    return accepts();
                });
    }

    /**
     * Starts a passive server (the backup of a pair accepts no connection) and returns once its log says
     * {@code logLine} (e.g. Artemis's {@code AMQ221031}, "backup announced") in this run.
     */
    synchronized void startPassive(String logLine) throws Exception {
        if (isRunning()) {
            return;
        }
        long before = Files.exists(log()) ? Files.size(log()) : 0;
        Process started = run();
        Awaitility.await("Artemis at " + url() + " saying " + logLine + " (see " + log() + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!started.isAlive()) {
                        throw new IllegalStateException("the broker exited with " + started.exitValue());
                    }
                    return logSince(before).contains(logLine);
                });
    }

    /** What the console log says after {@code offset} bytes (a run's own lines). */
    String logSince(long offset) throws IOException {
        if (!Files.exists(log())) {
            return "";
        }
        byte[] all = Files.readAllBytes(log());
        return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                java.nio.charset.StandardCharsets.UTF_8);
    }

    long logSize() throws IOException {
        return Files.exists(log()) ? Files.size(log()) : 0;
    }

    private Process run() throws IOException, InterruptedException {
        createInstance();
        Files.createDirectories(log().getParent());
        // bin/artemis ends in exec java, so this process is the broker's JVM
        process = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
                .start();
        return process;
    }

    /** Whether a logged-in core session can be opened now (the acceptor is up and the server active). */
    boolean acceptsNow() {
        return accepts();
    }

    /** Whether a logged-in core session can be opened now (the acceptor is up and the server active). */
    private boolean accepts() {
        try (ServerLocator locator = locator();
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(USER, PASSWORD, false, true, true, false, 1)) {
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private ServerLocator locator() throws Exception {
        return ActiveMQClient.createServerLocator(url())
                .setReconnectAttempts(0)
                .setInitialConnectAttempts(1)
                .setCallTimeout(5_000);
    }

    @Override
    public synchronized void kill() throws Exception {
        if (process == null) {
            return;
        }
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the broker process " + process.pid() + " survived SIGKILL");
        }
    }

    /** Stops the broker as an operator would (SIGTERM: it finishes its journal writes first). */
    public synchronized void stop() throws Exception {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** The broker's prepared XA transactions (management operation listPreparedTransactions), for a message. */
    @Override
    public String preparedTransactions() throws Exception {
        return manage(request -> ManagementHelper.putOperationInvocation(request, ResourceNames.BROKER,
                "listPreparedTransactions"),
                // each entry starts with the time the branch was prepared, then its Xid three times over: the times
                reply -> java.util.Arrays.stream((Object[]) ManagementHelper.getResult(reply))
                        .map(entry -> String.valueOf(entry).split(" base64", 2)[0]).toList().toString());
    }

    @Override
    public String describeQueue(String queue) throws Exception {
        StringBuilder text = new StringBuilder(queue).append(':');
        for (String attribute : List.of("messageCount", "deliveringCount", "scheduledCount", "consumerCount")) {
            text.append(' ').append(attribute).append('=').append(this.<String>manage(
                    request -> ManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, attribute),
                    reply -> String.valueOf(ManagementHelper.getResult(reply))));
        }
        // the message groups and which consumer each is bound to: a group waits for its consumer
        for (String operation : List.of("listGroupsAsJSON", "listConsumersAsJSON")) {
            text.append(' ').append(operation).append('=').append(this.<String>manage(
                    request -> ManagementHelper.putOperationInvocation(request, ResourceNames.QUEUE + queue, operation),
                    reply -> String.valueOf(ManagementHelper.getResult(reply))));
        }
        return text.toString();
    }

    @Override
    public long messageCount(String queue) throws Exception {
        return manage(request -> ManagementHelper.putAttribute(request, ResourceNames.QUEUE + queue, "messageCount"),
                // the broker names the resource it does not know: the queue does not exist
                reply -> ManagementHelper.hasOperationSucceeded(reply)
                        ? ((Number) ManagementHelper.getResult(reply)).longValue() : 0L);
    }

    /** One management request over a session of its own: {@code put} fills the request, {@code read} the answer. */
    private <T> T manage(ManagementRequest put, ManagementReply<T> read) throws Exception {
        try (ServerLocator locator = locator();
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(USER, PASSWORD, false, true, true, false, 1)) {
            session.start();
            try (ClientRequestor requestor = new ClientRequestor(session, "activemq.management")) {
                ClientMessage request = session.createMessage(false);
                put.fill(request);
                ClientMessage reply = requestor.request(request, 10_000);
                if (reply == null) {
                    throw new IllegalStateException("no management reply from " + url());
                }
                return read.read(reply);
            }
        }
    }

    @FunctionalInterface
    private interface ManagementRequest {
        void fill(ClientMessage request) throws Exception;
    }

    @FunctionalInterface
    private interface ManagementReply<T> {
        T read(ClientMessage reply) throws Exception;
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "ArtemisBroker[" + url() + ", " + instance + "]";
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
