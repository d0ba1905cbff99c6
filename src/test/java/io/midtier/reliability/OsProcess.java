package io.midtier.reliability;

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
 * A process of the system under test (the midtier jar, the simulator), its output in a file of the scenario's
 * folder. {@link #kill()} is a {@code kill -9}; {@link #close()} kills whatever still runs.
 */
final class OsProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private OsProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * {@code java <jvmOptions> <arguments>} with the test JVM's java and these environment variables, in the log's
     * folder (so a jar serves the routes it carries, as deployed: paths in the arguments must be absolute).
     */
    static OsProcess java(Path log, List<String> jvmOptions, List<String> arguments, Map<String, String> environment) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).directory(log.getParent().toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().putAll(environment);
            return new OsProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean alive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGKILL, as a crash: no shutdown hook runs. Returns when the process is gone. */
    void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    /** SIGTERM: shutdown hooks run; killed if it has not ended within {@code timeout}. */
    void stop(Duration timeout) {
        process.destroy();
        if (!waitFor(timeout)) {
            kill();
        }
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
