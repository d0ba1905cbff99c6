package io.midtier.testsupport;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A second midtier instance in its own JVM ({@link ChildJvm}; Narayana and the embedded broker are JVM
 * singletons), on the same test class path and database, with the given properties. {@link #close()} kills it.
 */
public final class MidtierProcess implements AutoCloseable {

    private static final String READY = "MIDTIER PROCESS READY";

    private final ChildJvm jvm;
    private final Map<String, String> properties;

    private MidtierProcess(ChildJvm jvm, Map<String, String> properties) {
        this.jvm = jvm;
        this.properties = properties;
    }

    public static MidtierProcess start(String name, Map<String, String> properties, Duration timeout) {
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add(k + "=" + v));
        ChildJvm jvm = ChildJvm.start(name, Main.class.getName(), Map.of(), args.toArray(String[]::new));
        try {
            jvm.awaitOutput(READY, timeout);
        } catch (RuntimeException | Error e) {
            jvm.close();
            throw e;
        }
        return new MidtierProcess(jvm, properties);
    }

    public String url(String path) {
        return "http://127.0.0.1:" + properties.get("camel.server.port") + path;
    }

    /**
     * Stops the instance as an operator would (SIGTERM: Camel shuts down, transactions in flight finish). A kill
     * could cut a two-phase commit in half and leave a prepared PostgreSQL branch that only this instance's
     * node would ever resolve.
     */
    @Override
    public void close() {
        try {
            jvm.terminate(Duration.ofSeconds(60));
        } finally {
            jvm.close();
        }
    }

    /** The child's entry point: {@code key=value} arguments are midtier properties; runs until stopped. */
    public static final class Main {
        public static void main(String[] args) throws InterruptedException {
            Map<String, String> properties = new HashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                properties.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            try {
                MidtierTestApp app = MidtierTestApp.start(properties);
                Runtime.getRuntime().addShutdownHook(new Thread(app::close, "midtier-shutdown"));
            } catch (RuntimeException e) {
                // the threads it started (broker, transaction manager) would keep this JVM alive
                e.printStackTrace();
                System.exit(1);
            }
            System.out.println(READY);
            Thread.currentThread().join();
        }
    }
}
