package io.midtier.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.midtier.MidtierApplication;
import io.midtier.simulator.ReplyQueueSender;
import io.midtier.simulator.Simulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real midtier in the test JVM, started the way {@link MidtierApplication} starts it, on free ports,
 * with its own data directory and Narayana node id, and the back-end simulator beside it in the same JVM (unless
 * the properties name another back-end in {@code midtier.backend.url}), on the test class's database
 * ({@link TestDatabase#perClass()}; the simulator's tables in its schema {@code simulator}). Narayana is a JVM
 * singleton: one app per test JVM (surefire forks a JVM per test class); a second instance, or one that is to crash,
 * runs as a {@link MidtierProcess}.
 */
public final class MidtierTestApp implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Test users with one role each (the default user of {@link Http} has admin and writer). */
    public static final String READER = "test-reader";
    public static final String READER_PASSWORD = "reader-secret";
    public static final String WRITER = "test-writer";
    public static final String WRITER_PASSWORD = "writer-secret";
    public static final String ADMIN = "test-admin";
    public static final String ADMIN_PASSWORD = "admin-secret";

    private final Main main;
    private final Map<String, String> properties;
    private final Simulator simulator;
    private final AutoCloseable orderReplies;
    private final TestDatabase database;

    private MidtierTestApp(Main main, Map<String, String> properties, Simulator simulator, AutoCloseable orderReplies) {
        this.main = main;
        this.properties = properties;
        this.simulator = simulator;
        this.orderReplies = orderReplies;
        this.database = TestDatabase.at(properties.get("midtier.db.url"));
    }

    /** midtier's test settings: free ports, a new data folder and node id, on the given database. */
    public static Map<String, String> defaults(TestDatabase db, String name) {
        Map<String, String> p = new HashMap<>();
        p.put("camel.server.port", String.valueOf(FreePorts.next()));
        p.put("midtier.db.url", db.url());
        p.put("midtier.broker.tcp-port", "0");
        p.put("midtier.data-dir", dataDir(name).toString());
        p.put("midtier.tx.node-id", ("t-" + UUID.randomUUID()).substring(0, 14));
        p.put("midtier.tx.recovery-period-seconds", "5");
        p.put("midtier.tx.recovery-backoff-seconds", "1");
        p.put("midtier.broker.redelivery-delay-ms", "200");
        p.put("midtier.broker.max-redelivery-delay-ms", "2000");
        p.put("camel.main.jmx-enabled", "false");
        // operations: health/metrics on a free port, no file watcher, and the users Http logs in as
        p.put("camel.management.port", String.valueOf(FreePorts.next()));
        p.put("camel.main.routes-reload-enabled", "false");
        p.put("midtier.security.users", String.join(",",
                Http.DEFAULT_USER + ":" + Http.DEFAULT_PASSWORD + ":admin|writer",
                READER + ":" + READER_PASSWORD + ":reader",
                WRITER + ":" + WRITER_PASSWORD + ":writer",
                ADMIN + ":" + ADMIN_PASSWORD + ":admin"));
        return p;
    }

    /** The settings a child JVM was started with (-Dmidtier.*, -Dcamel.*; see {@link MidtierProcess}). */
    public static Map<String, String> settingsFromSystemProperties() {
        Map<String, String> settings = new HashMap<>();
        System.getProperties().forEach((key, value) -> {
            String k = key.toString();
            if (k.startsWith("midtier.") || k.startsWith("camel.")) {
                settings.put(k, value.toString());
            }
        });
        return settings;
    }

    public static Path dataDir(String name) {
        try {
            return Files.createDirectories(Path.of("target", "test-data", name + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MidtierTestApp start(TestDatabase db, String name) {
        return start(defaults(db, name));
    }

    /**
     * Starts midtier with these properties. Without a {@code midtier.backend.url} among them, a simulator starts
     * first on a free port (5 ms per call, its schema in midtier's database) and midtier is pointed at it; its order
     * answers go to midtier's reply queue through the embedded broker. {@code midtier.db.url} is required: the
     * test class's database ({@link #defaults(TestDatabase, String)}).
     */
    public static MidtierTestApp start(Map<String, String> properties) {
        if (properties.get("midtier.db.url") == null) {
            throw new IllegalArgumentException("no midtier.db.url: start midtier on the test class's database"
                    + " (MidtierTestApp.defaults(db, name) with a TestDatabase.perClass())");
        }
        Simulator simulator = null;
        if (!properties.containsKey("midtier.backend.url")) {
            Simulator.Settings d = Simulator.Settings.defaults();
            simulator = new Simulator(new Simulator.Settings(d.host(), 0, properties.get("midtier.db.url"),
                    TestDatabase.USER, "", 5, 0, d.maxConcurrent())).start();
            properties.put("midtier.backend.url", simulator.baseUrl());
        }
        Main main = MidtierApplication.newMain();
        properties.forEach(main::addOverrideProperty);
        try {
            main.start();
            if (main.getCamelContext() == null || !main.getCamelContext().isStarted()) {
                throw new IllegalStateException("midtier did not start");
            }
        } catch (Exception e) {
            if (simulator != null) {
                simulator.close();
            }
            throw new IllegalStateException("midtier did not start", e);
        }
        AutoCloseable replies = simulator == null ? null : connectOrderReplies(simulator, main);
        return new MidtierTestApp(main, properties, simulator, replies);
    }

    /** The simulator's order answers on midtier's reply queue, as the back-end's MQ bridge would put them. */
    private static AutoCloseable connectOrderReplies(Simulator simulator, Main main) {
        var pc = main.getCamelContext().getPropertiesComponent();
        if (!pc.resolveProperty("midtier.broker.url").orElse("").isBlank()) {
            return null;
        }
        ActiveMQConnectionFactory broker = new ActiveMQConnectionFactory("vm://0",
                pc.resolveProperty("midtier.broker.user").orElse(""), pc.resolveProperty("midtier.broker.password").orElse(""));
        ReplyQueueSender sender = new ReplyQueueSender(broker, pc.resolveProperty("midtier.queue.order-replies").orElseThrow());
        simulator.orders().connect(sender);
        return () -> {
            simulator.orders().connect(null);
            sender.close();
            broker.close();
        };
    }

    /**
     * Stops the queue consumers, the change publisher and the timers (after what they are doing), for a test that
     * halts the JVM in one transaction's commit: each of them runs transactions of its own, and one caught by the halt
     * between its two phases would leave a prepared branch and a log record beside the one under test. Stopped
     * together: a delivery consumer stops once its receive times out (an XA one at once).
     */
    public void stopBackgroundRoutes() {
        CompletableFuture.allOf(main.getCamelContext().getRoutes().stream()
                .filter(route -> route.getEndpoint().getEndpointUri().matches("(jms|jmsLocal|seda|timer):.*"))
                .map(route -> CompletableFuture.runAsync(() -> {
                    try {
                        main.getCamelContext().getRouteController().stopRoute(route.getRouteId());
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot stop route " + route.getRouteId(), e);
                    }
                }))
                .toArray(CompletableFuture[]::new)).join();
    }

    /** The simulator this app started beside it (null when the properties named another back-end). */
    public Simulator simulator() {
        return simulator;
    }

    /** midtier's database (and the in-process simulator's: schema {@code simulator}). */
    public TestDatabase database() {
        return database;
    }

    public String property(String key) {
        return properties.get(key);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + properties.get("camel.server.port") + path;
    }

    /** The management server (health, metrics). */
    public String managementUrl(String path) {
        return "http://127.0.0.1:" + properties.get("camel.management.port") + path;
    }

    public String simulatorUrl(String path) {
        return properties.get("midtier.backend.url") + path;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    /** The simulator's counters (calls that reached the back-end). */
    public JsonNode simulatorStats() {
        return json(Http.get(simulatorUrl("/simulator/stats")).body());
    }

    /** Changes the simulator's fault settings (latencyMs, jitterMs, errorRate, down, ...), e.g. {@code {"down":true}}. */
    public JsonNode simulatorFaults(String changes) {
        HttpResponse<String> response = Http.put(simulatorUrl("/simulator/faults"), changes);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("faults not changed: " + response.body());
        }
        return json(response.body());
    }

    public static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (orderReplies != null) {
                orderReplies.close();
            }
        } catch (Exception e) {
            // closing anyway
        }
        main.stop();
        if (simulator != null) {
            simulator.close();
        }
    }
}
