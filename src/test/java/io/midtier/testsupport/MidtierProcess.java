package io.midtier.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second midtier in its own JVM (Narayana and the embedded broker are JVM singletons), on the same test
 * classpath and database, with the given properties. It stops when the test closes it, or when the test JVM
 * goes away (it watches its stdin). Its log goes to a file under target/.
 */
public final class MidtierProcess implements AutoCloseable {

    private final Process process;
    private final Map<String, String> properties;

    private MidtierProcess(Process process, Map<String, String> properties) {
        this.process = process;
        this.properties = properties;
    }

    public static MidtierProcess start(Map<String, String> properties, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(classPath());
        command.add(Main.class.getName());
        properties.forEach((k, v) -> command.add(k + "=" + v));
        try {
            Path log = Files.createDirectories(Path.of("target", "test-data"))
                    .resolve("midtier-process-" + properties.get("camel.server.port") + ".log");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            MidtierProcess started = new MidtierProcess(process, properties);
            try {
                // up when its API answers (a malformed id is refused without the database or the back-end)
                await().atMost(timeout).pollInterval(Duration.ofMillis(250)).until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("midtier process exited; see " + log);
                    }
                    try {
                        return Http.get(started.url("/api/accounts/x")).statusCode() == 400;
                    } catch (UncheckedIOException notYet) {
                        return false;
                    }
                });
            } catch (RuntimeException | Error e) {
                started.close();
                throw e;
            }
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The test class path without empty entries: an empty entry means the working directory, whose routes/
     * folder would load every route a second time.
     */
    private static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank() && !entry.equals("."))
                .collect(java.util.stream.Collectors.joining(File.pathSeparator));
    }

    public String url(String path) {
        return "http://127.0.0.1:" + properties.get("camel.server.port") + path;
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** The child's entry point: {@code key=value} arguments are midtier properties. */
    public static final class Main {
        public static void main(String[] args) throws Exception {
            Map<String, String> properties = new java.util.HashMap<>();
            for (String arg : args) {
                int eq = arg.indexOf('=');
                properties.put(arg.substring(0, eq), arg.substring(eq + 1));
            }
            MidtierTestApp app;
            try {
                app = MidtierTestApp.start(properties);
            } catch (RuntimeException e) {
                // the threads it started (broker, transaction manager) would keep this JVM alive
                e.printStackTrace();
                System.exit(1);
                return;
            }
            // runs until the parent closes stdin (or dies, which closes it too)
            while (System.in.read() != -1) {
                // ignore input
            }
            app.close();
            System.exit(0);
        }
    }

}
