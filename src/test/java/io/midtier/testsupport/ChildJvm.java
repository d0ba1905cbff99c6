package io.midtier.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * A second JVM running a main class from the test class path: for what one JVM cannot show (a process
 * that halts mid-transaction, a second midtier instance beside the test's own). Its output goes to a file
 * in target/ so a failing test can be read afterwards; {@link #close()} kills whatever is still running.
 */
public final class ChildJvm implements AutoCloseable {

    private final Process process;
    private final Path output;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts {@code mainClass} with the test JVM's class path.
     *
     * @param name             names the output file (target/child-jvm/{name}.log)
     * @param systemProperties passed as -Dkey=value
     */
    public static ChildJvm start(String name, String mainClass, Map<String, String> systemProperties, String... args) {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(classPath());
        systemProperties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add(mainClass);
        command.addAll(List.of(args));
        return launch(name, command, Map.of());
    }

    /** Runs {@code java -jar jar} as a user would, configured through environment variables only. */
    public static ChildJvm jar(String name, Path jar, Map<String, String> environment) {
        return jar(name, jar, environment, null);
    }

    /** {@link #jar(String, Path, Map)} in the given working directory (null: the test's). */
    public static ChildJvm jar(String name, Path jar, Map<String, String> environment, Path workingDirectory) {
        return launch(name, List.of(javaExecutable(), "-jar", jar.toAbsolutePath().toString()), environment,
                workingDirectory);
    }

    private static ChildJvm launch(String name, List<String> command, Map<String, String> environment) {
        return launch(name, command, environment, null);
    }

    private static ChildJvm launch(String name, List<String> command, Map<String, String> environment,
                                   Path workingDirectory) {
        try {
            Path dir = Files.createDirectories(Path.of("target", "child-jvm").toAbsolutePath());
            Path output = dir.resolve(name + "-" + System.nanoTime() + ".log");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDirectory == null ? null : workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile());
            builder.environment().putAll(environment);
            return new ChildJvm(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Surefire runs tests from a manifest-only jar; it names the real class path in this property. An empty
     * element (surefire leaves a trailing separator) would mean the working directory, whose routes/ folder
     * would then be found twice on the class path: drop it.
     */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String path = surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
        return java.util.Arrays.stream(path.split(java.io.File.pathSeparator))
                .filter(element -> !element.isBlank())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Waits until the child printed a line matching {@code regex}; fails early if the child ends first. */
    public void awaitOutput(String regex, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        Awaitility.await("child output matching " + regex + " (see " + output + ")")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (output().lines().anyMatch(line -> pattern.matcher(line).find())) {
                        return true;
                    }
                    if (!process.isAlive()) {
                        throw new IllegalStateException("child exited with " + process.exitValue()
                                + " before printing " + regex + "; output:\n" + tail());
                    }
                    return false;
                });
    }

    /** Waits for the child to end by itself and returns its exit code. */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("child still running after " + timeout + "; output:\n" + tail());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    public String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path outputFile() {
        return output;
    }

    private String tail() {
        List<String> lines = output().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Asks the child to stop (SIGTERM: its shutdown hooks run) and waits for it. */
    public int terminate(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** Kills the child at once (SIGKILL), as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
