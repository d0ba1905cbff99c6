package io.midtier.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recorded history of a scenario: every call the clients made, written to {@code <scenario>-calls.csv}, and the
 * scenario's own figures (faults injected by kind, dead letters counted and replayed...), shown in the results.
 */
final class CallLog {

    private final long started = System.nanoTime();
    private final AtomicLong seq = new AtomicLong();
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    private final java.util.Map<String, Long> figures = new java.util.concurrent.ConcurrentSkipListMap<>();

    long nowMs() {
        return (System.nanoTime() - started) / 1_000_000;
    }

    void record(int client, String kind, String key, String value, long startMs, int status, String updateId,
                String error) {
        calls.add(new Call(seq.incrementAndGet(), client, kind, key, value, startMs, nowMs() - startMs, status,
                updateId, error));
    }

    /** Adds {@code n} to one of the scenario's figures (e.g. "fault: db-terminate", "dead letters replayed"). */
    void tally(String figure, long n) {
        figures.merge(figure, n, Long::sum);
    }

    /** The scenario's figures, by name. */
    java.util.Map<String, Long> figures() {
        return new java.util.TreeMap<>(figures);
    }

    List<Call> calls() {
        return new ArrayList<>(calls);
    }

    long count(java.util.function.Predicate<Call> which) {
        return calls.stream().filter(which).count();
    }

    void write(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add(Call.HEADER);
        calls().stream().sorted(java.util.Comparator.comparingLong(Call::seq)).forEach(call -> lines.add(call.csv()));
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
