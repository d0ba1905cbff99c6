package io.midtier.legacy;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the legacy simulator as its own process until SIGTERM. */
public final class LegacySimulatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(LegacySimulatorMain.class);

    private LegacySimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        LegacySimulator.Settings settings = settings(System.getProperties(), System.getenv());
        LegacySimulator simulator;
        try {
            simulator = new LegacySimulator(settings).start();
        } catch (RuntimeException e) {
            LOG.error("legacy simulator failed to start with {}", settings, e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            stopped.countDown();
        }, "legacy-shutdown"));
        LOG.info("legacy simulator ready on port {}", simulator.port());
        stopped.await();
    }

    /** Each setting from a system property, else its environment variable, else the default. */
    static LegacySimulator.Settings settings(Properties properties, Map<String, String> environment) {
        LegacySimulator.Settings d = LegacySimulator.Settings.defaults();
        Source source = new Source(properties, environment);
        return new LegacySimulator.Settings(
                source.get("legacy.host", "LEGACY_HOST", d.host()),
                Integer.parseInt(source.get("legacy.port", "LEGACY_PORT", Integer.toString(d.port()))),
                source.get("legacy.jdbc-url", "LEGACY_JDBC_URL", d.jdbcUrl()),
                source.get("legacy.db-user", "LEGACY_DB_USER", d.user()),
                source.get("legacy.db-password", "LEGACY_DB_PASSWORD", d.password()),
                Long.parseLong(source.get("legacy.latency-ms", "LEGACY_LATENCY_MS", Long.toString(d.latencyMs()))),
                Long.parseLong(source.get("legacy.jitter-ms", "LEGACY_JITTER_MS", Long.toString(d.jitterMs()))),
                Integer.parseInt(source.get("legacy.max-concurrent", "LEGACY_MAX_CONCURRENT",
                        Integer.toString(d.maxConcurrent()))));
    }

    private record Source(Properties properties, Map<String, String> environment) {
        String get(String property, String variable, String fallback) {
            String value = properties.getProperty(property);
            if (value == null) {
                value = environment.get(variable);
            }
            return value == null ? fallback : value.trim();
        }
    }
}
