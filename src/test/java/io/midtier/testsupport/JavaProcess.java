package io.midtier.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * The test kit's one process wrapper: a JVM of its own (a jar, or a main class of the test class path) for what one
 * JVM cannot show — a process that halts mid-transaction, a second midtier beside the test's own, midtier, the
 * simulator or a subscriber as users run them. Its output goes to a file (in target/) so a failing test can be read
 * afterwards. {@link #kill()} is a {@code kill -9}, {@link #terminate(Duration)} a SIGTERM; {@link #close()} kills
 * whatever is still running.
 */
public final class JavaProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private JavaProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** A new log file for a process named {@code name}: {@code target/processes/<name>-<n>.log}. */
    public static Path logFile(String name) {
        return Path.of("target", "processes").toAbsolutePath().resolve(name + "-" + System.nanoTime() + ".log");
    }

    /**
     * Starts {@code mainClass} with the test JVM's class path in the test's working directory.
     *
     * @param name             names the log file (target/processes/{name}-*.log)
     * @param systemProperties passed as -Dkey=value
     */
    public static JavaProcess onTestClassPath(String name, String mainClass, Map<String, String> systemProperties,
                                              String... args) {
        return onTestClassPath(logFile(name), List.of("-Xmx512m"), mainClass, systemProperties, List.of(args), Map.of());
    }

    /** {@code java <jvmOptions> -cp <test class path> -D... mainClass args}, its output in {@code log}. */
    public static JavaProcess onTestClassPath(Path log, List<String> jvmOptions, String mainClass,
                                              Map<String, String> systemProperties, List<String> args,
                                              Map<String, String> environment) {
        List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.add("-cp");
        arguments.add(testClassPath());
        systemProperties.forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        arguments.add(mainClass);
        arguments.addAll(args);
        return start(log, arguments, environment, null);
    }

    /** {@code java <jvmOptions> -jar jar}, configured through environment variables, in {@code workingDirectory}. */
    public static JavaProcess jar(Path log, List<String> jvmOptions, Path jar, Map<String, String> environment,
                                  Path workingDirectory) {
        List<String> arguments = new ArrayList<>(jvmOptions);
        arguments.add("-jar");
        arguments.add(jar.toAbsolutePath().toString());
        return start(log, arguments, environment, workingDirectory);
    }

    /**
     * {@code java <arguments>} with the test JVM's java and these environment variables; its output (a new file)
     * in {@code log}. Paths in the arguments must be absolute when {@code workingDirectory} is given (null: the
     * test's).
     */
    public static JavaProcess start(Path log, List<String> arguments, Map<String, String> environment,
                                    Path workingDirectory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(arguments);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory == null ? null : workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(environment);
            return new JavaProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Surefire runs tests from a manifest-only jar; it names the real class path in this property. An empty
     * element (surefire leaves a trailing separator) would mean the working directory, whose routes/ folder
     * would then be found twice on the class path: drop it.
     */
    private static String testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return Arrays.stream(path.split(File.pathSeparator))
                .filter(element -> !element.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Waits until the process printed a line matching {@code regex}; fails early if it ends first. */
    public void awaitOutput(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        Awaitility.await("output matching " + regex + " (see " + log + ")")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (output().lines().anyMatch(line -> pattern.matcher(line).find())) {
                        return true;
                    }
                    if (!process.isAlive()) {
                        throw new IllegalStateException("process exited with " + process.exitValue()
                                + " before printing " + regex + "; output:\n" + tail(40));
                    }
                    return false;
                });
    }

    /** Waits for the process to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) {
        if (!waitFor(timeout)) {
            throw new IllegalStateException("process still running after " + timeout + "; output:\n" + tail(40));
        }
        return process.exitValue();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path log() {
        return log;
    }

    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    /** SIGTERM (shutdown hooks run) and wait for the process: its exit code; fails if it has not ended in time. */
    public int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** SIGTERM; killed if it has not ended within {@code timeout}. */
    public void stop(Duration timeout) {
        process.destroy();
        if (!waitFor(timeout)) {
            kill();
        }
    }

    /** SIGKILL, as a crash: no shutdown hook runs. Returns when the process is gone. */
    public void kill() {
        process.destroyForcibly();
        waitFor(Duration.ofSeconds(30));
    }

    private boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
