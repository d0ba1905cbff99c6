package io.midtier.reliability;

import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The system under test for one scenario, each part a process of its own: the simulator, midtier (the jar), the
 * broker (external, or embedded in midtier's process), on the run's database server, reset first.
 */
final class Stack implements AutoCloseable {

    static final String UPDATES = "midtier.updates";
    static final String DEAD_LETTERS = "DLQ.midtier.updates";
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    final DatabaseHost database;
    final BrokerHost broker;
    final TestDatabase sql;
    /** The back-end's own database, on the machine's PostgreSQL: a fault of midtier's database server is not its fault. */
    final TestDatabase backend;
    final SimulatorProcess simulator;
    final MidtierProcess node;
    final Path dir;
    /** midtier's settings (environment variables of the jar), for further instances beside the first. */
    private final Map<String, String> environment;
    private final Path jar;
    private final java.util.List<MidtierProcess> moreNodes = new java.util.ArrayList<>();

    private Stack(DatabaseHost database, BrokerHost broker, TestDatabase sql, TestDatabase backend, SimulatorProcess simulator,
                  MidtierProcess node, Path dir, Map<String, String> environment, Path jar) {
        this.database = database;
        this.broker = broker;
        this.sql = sql;
        this.backend = backend;
        this.simulator = simulator;
        this.node = node;
        this.dir = dir;
        this.environment = Map.copyOf(environment);
        this.jar = jar;
    }

    /**
     * @param midtierEnvironment extra settings of midtier for this scenario (e.g. shorter redelivery)
     */
    static Stack start(String scenario, Settings settings, DatabaseHost database, BrokerHost broker,
                       Map<String, String> midtierEnvironment) throws Exception {
        // the scenario's folder is new (emptied by the harness before it made the broker host)
        Path dir = settings.outDir().resolve(scenario).toAbsolutePath();
        Files.createDirectories(dir);
        TestDatabase sql = TestDatabase.at(database.jdbcUrl());
        sql.reset();
        TestDatabase backend = TestDatabase.create("reliability_backend");
        int legacyPort = FreePorts.next();
        SimulatorProcess simulator = null;
        try {
            // the broker and the simulator start side by side (seconds each, on a shared machine)
            java.util.concurrent.CompletableFuture<Void> brokerUp = java.util.concurrent.CompletableFuture.runAsync(() -> {
                if (broker != null) {
                    try {
                        broker.start();
                    } catch (Exception e) {
                        throw new IllegalStateException("the broker did not start: " + e, e);
                    }
                }
            });
            try {
                simulator = SimulatorProcess.start(dir.resolve("simulator.log"), legacyPort,
                        backend.url(), settings.latencyMs(), 8);
            } finally {
                brokerUp.join();
            }
            Map<String, String> environment = new HashMap<>();
            environment.put("MIDTIER_HTTP_PORT", Integer.toString(FreePorts.next()));
            environment.put("MIDTIER_MANAGEMENT_PORT", Integer.toString(FreePorts.next()));
            environment.put("MIDTIER_DATA_DIR", dir.resolve("data").toString());
            environment.put("MIDTIER_TX_NODE_ID", "rel-" + scenario);
            environment.put("MIDTIER_DB_URL", database.jdbcUrl());
            environment.put("MIDTIER_BACKEND_URL", simulator.baseUrl());
            // in-doubt branches of a killed process are resolved within seconds, not the default half minute
            environment.put("MIDTIER_TX_RECOVERY_PERIOD_SECONDS", "5");
            environment.put("MIDTIER_TX_RECOVERY_BACKOFF_SECONDS", "1");
            environment.put("MIDTIER_TX_PREPARED_WATCH_PERIOD_MS", "5000");
            if (broker != null) {
                environment.put("MIDTIER_BROKER_URL", broker.url());
                environment.put("MIDTIER_BROKER_USER", broker.user());
                environment.put("MIDTIER_BROKER_PASSWORD", broker.password());
            } else {
                environment.put("MIDTIER_BROKER_TCP_PORT", Integer.toString(FreePorts.next()));
            }
            // routes and kamelets from the jar: midtier runs in the scenario's folder, which has no routes/
            environment.putAll(midtierEnvironment);
            MidtierProcess node = MidtierProcess.jar("midtier", settings.jar(), environment).logDir(dir)
                    .workingDirectory(dir);
            node.start(START_TIMEOUT);
            return new Stack(database, broker, sql, backend, simulator, node, dir, environment, settings.jar());
        } catch (Exception | Error e) {
            if (simulator != null) {
                simulator.close();
            }
            if (broker != null) {
                broker.close();
            }
            backend.close();
            throw e;
        }
    }

    /**
     * Another midtier instance on the same database and (external) broker, as a scaled-out deployment runs them: its
     * own node id, ports and data folder. Started; stopped with the stack.
     */
    MidtierProcess addNode(int index) throws Exception {
        Map<String, String> own = new HashMap<>(environment);
        own.put("MIDTIER_HTTP_PORT", Integer.toString(FreePorts.next()));
        own.put("MIDTIER_MANAGEMENT_PORT", Integer.toString(FreePorts.next()));
        own.put("MIDTIER_DATA_DIR", dir.resolve("data-" + index).toString());
        own.put("MIDTIER_TX_NODE_ID", environment.get("MIDTIER_TX_NODE_ID") + "-" + index);
        MidtierProcess more = MidtierProcess.jar("midtier-" + index, jar, own).logDir(dir)
                .workingDirectory(dir);
        moreNodes.add(more);
        more.start(START_TIMEOUT);
        return more;
    }

    /** Messages on a queue, asked of the external broker, or of midtier's metrics for the embedded one. */
    long queueDepth(String queue) throws Exception {
        return broker != null ? broker.messageCount(queue) : node.embeddedQueueDepth(queue);
    }

    @Override
    public void close() {
        try {
            moreNodes.forEach(MidtierProcess::close);
            node.close();
        } finally {
            try {
                simulator.close();
            } finally {
                try {
                    if (broker != null) {
                        broker.close();
                    }
                } finally {
                    backend.close();
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
