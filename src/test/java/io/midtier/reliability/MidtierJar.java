package io.midtier.reliability;

import io.midtier.simulator.Simulator;
import io.midtier.testsupport.ChildJvm;
import io.midtier.testsupport.Database;
import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The packaged midtier (target/midtier.jar) as its own process, configured by environment variables only as an
 * operator would, against an external broker and a database server of the fault-injection harness. The back-end
 * simulator runs in the test JVM with its database on the machine's PostgreSQL: a fault of midtier's database server
 * is not a back-end fault.
 */
public final class MidtierJar implements AutoCloseable {

    /** The simulator's per-call latency in {@code extra} (not a variable of midtier's); 5 ms when absent. */
    static final String SIMULATOR_LATENCY_MS = "SIMULATOR_LATENCY_MS";

    private final ChildJvm jvm;
    private final Simulator simulator;
    private final int httpPort;
    private final int managementPort;
    private final Path dataDir;

    private MidtierJar(ChildJvm jvm, Simulator simulator, int httpPort, int managementPort, Path dataDir) {
        this.jvm = jvm;
        this.simulator = simulator;
        this.httpPort = httpPort;
        this.managementPort = managementPort;
        this.dataDir = dataDir;
    }

    /** Starts the jar and waits until it is ready (readiness UP). {@code extra} overrides or adds variables. */
    public static MidtierJar start(String name, BrokerHost broker, DatabaseHost database, Map<String, String> extra) {
        int http = FreePorts.next();
        int management = FreePorts.next();
        Map<String, String> extraForMidtier = new HashMap<>(extra);
        long latencyMs = Long.parseLong(extraForMidtier.getOrDefault(SIMULATOR_LATENCY_MS, "5"));
        extraForMidtier.remove(SIMULATOR_LATENCY_MS);
        Simulator.Settings d = Simulator.Settings.defaults();
        Simulator simulator = new Simulator(new Simulator.Settings(d.host(), 0, Database.URL, Database.USER, "",
                latencyMs, 0, 8)).start();
        Map<String, String> env = new HashMap<>();
        env.put("MIDTIER_HTTP_PORT", String.valueOf(http));
        env.put("MIDTIER_MANAGEMENT_PORT", String.valueOf(management));
        env.put("MIDTIER_BACKEND_URL", simulator.baseUrl());
        Path dataDir = MidtierTestApp.dataDir(name).toAbsolutePath();
        env.put("MIDTIER_DATA_DIR", dataDir.toString());
        env.put("MIDTIER_TX_NODE_ID", name.length() > 20 ? name.substring(0, 20) : name);
        env.put("MIDTIER_TX_RECOVERY_PERIOD_SECONDS", "5");
        env.put("MIDTIER_TX_RECOVERY_BACKOFF_SECONDS", "1");
        env.put("MIDTIER_DB_URL", database.jdbcUrl());
        env.put("MIDTIER_BROKER_URL", broker.url());
        env.put("MIDTIER_BROKER_USER", broker.user());
        env.put("MIDTIER_BROKER_PASSWORD", broker.password());
        env.put("MIDTIER_SECURITY_USERS", Http.DEFAULT_USER + ":" + Http.DEFAULT_PASSWORD + ":admin|writer");
        env.putAll(extraForMidtier);
        ChildJvm jvm = ChildJvm.jar(name, Path.of("target", "midtier.jar"), env);
        MidtierJar jar = new MidtierJar(jvm, simulator, http, management, Path.of(env.get("MIDTIER_DATA_DIR")));
        try {
            Awaitility.await("midtier jar ready (output: " + jvm.outputFile() + ")")
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> {
                        if (!jvm.isAlive()) {
                            throw new IllegalStateException("midtier exited: " + jvm.outputFile());
                        }
                        return jar.ready();
                    });
        } catch (RuntimeException | Error e) {
            jvm.close();
            simulator.close();
            throw e;
        }
        return jar;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + httpPort + path;
    }

    public String managementUrl(String path) {
        return "http://127.0.0.1:" + managementPort + path;
    }

    /** Readiness answered UP (a connection failure counts as not ready). */
    public boolean ready() {
        try {
            HttpResponse<String> ready = Http.get(managementUrl("/observe/health/ready"));
            return ready.statusCode() == 200 && ready.body().contains("UP");
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * Transactions Narayana's log still holds (file store): each one waits for recovery. 0 once every transaction
     * a fault cut short has been completed.
     */
    public long transactionLogRecords() throws java.io.IOException {
        Path records = dataDir.resolve(Path.of("tx-object-store", "ShadowNoFileLockStore", "defaultStore",
                "StateManager", "BasicAction", "TwoPhaseCoordinator", "AtomicAction"));
        if (!java.nio.file.Files.isDirectory(records)) {
            return 0;
        }
        try (var files = java.nio.file.Files.list(records)) {
            return files.filter(java.nio.file.Files::isRegularFile).count();
        }
    }

    /** The back-end this midtier talks to. */
    public Simulator simulator() {
        return simulator;
    }

    public ChildJvm jvm() {
        return jvm;
    }

    public String output() {
        return jvm.output();
    }

    /** SIGTERM and wait: transactions in flight finish, nothing is left prepared by the stop itself. */
    @Override
    public void close() {
        try {
            if (jvm.isAlive()) {
                jvm.terminate(Duration.ofSeconds(60));
            }
        } finally {
            jvm.close();
            simulator.close();
        }
    }
}
