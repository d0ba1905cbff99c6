package io.midtier.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.midtier.MidtierApplication;
import io.midtier.MidtierConfiguration;
import io.midtier.RouteBeans;
import io.midtier.ops.OperationsConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

/**
 * The real midtier in the test JVM, started the way {@link MidtierApplication} starts it, on free ports,
 * with its own data directory and Narayana node id. Narayana is a JVM singleton: one app per test JVM
 * (surefire forks a JVM per test class).
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

    private MidtierTestApp(Main main, Map<String, String> properties) {
        this.main = main;
        this.properties = properties;
    }

    public static Map<String, String> defaults(String name) {
        Map<String, String> p = new HashMap<>();
        p.put("camel.server.port", String.valueOf(FreePorts.next()));
        // -Dmidtier.test.db-url=... runs the suite against another database (e.g. two checkouts at once)
        p.put("midtier.db.url", Database.URL);
        int legacyPort = FreePorts.next();
        p.put("legacy.port", String.valueOf(legacyPort));
        p.put("midtier.backend.url", "http://127.0.0.1:" + legacyPort);
        p.put("legacy.latency-ms", "5");
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

    public static Path dataDir(String name) {
        try {
            return Files.createDirectories(Path.of("target", "test-data", name + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MidtierTestApp start(String name) {
        return start(defaults(name));
    }

    public static MidtierTestApp start(Map<String, String> properties) {
        Main main = new Main();
        main.configure().addConfiguration(OperationsConfiguration.class);
        main.configure().addConfiguration(MidtierConfiguration.class);
        main.configure().addConfiguration(RouteBeans.class);
        properties.forEach(main::addOverrideProperty);
        try {
            main.start();
        } catch (Exception e) {
            throw new IllegalStateException("midtier did not start", e);
        }
        if (main.getCamelContext() == null || !main.getCamelContext().isStarted()) {
            throw new IllegalStateException("midtier did not start");
        }
        return new MidtierTestApp(main, properties);
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

    public String legacyUrl(String path) {
        return properties.get("midtier.backend.url") + path;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public <T> T bean(String name, Class<T> type) {
        return context().getRegistry().lookupByNameAndType(name, type);
    }

    /** The simulator's counters (calls that reached the back-end). */
    public JsonNode legacyStats() {
        return json(Http.get(legacyUrl("/legacy/stats")).body());
    }

    /** Changes the simulator's fault settings (latencyMs, jitterMs, errorRate, down, ...), e.g. {@code {"down":true}}. */
    public JsonNode legacyFaults(String changes) {
        HttpResponse<String> response = Http.put(legacyUrl("/legacy/faults"), changes);
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
        main.stop();
    }
}
