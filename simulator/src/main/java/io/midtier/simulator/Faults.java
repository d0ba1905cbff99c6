package io.midtier.simulator;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** The runtime-adjustable latency and fault injection of the simulator; safe to change while calls are running. */
public final class Faults {

    /** A consistent-enough view of the current values (also the JSON of GET/PUT /simulator/faults). */
    public record Snapshot(long latencyMs, long jitterMs, double errorRate, boolean down,
                           int failNextUpdates, int rejectNextUpdates) {
    }

    private volatile long latencyMs;
    private volatile long jitterMs;
    private volatile double errorRate;
    private volatile boolean down;
    private final AtomicInteger failNextUpdates = new AtomicInteger();
    private final AtomicInteger rejectNextUpdates = new AtomicInteger();

    Faults(long latencyMs, long jitterMs) {
        setLatencyMs(latencyMs);
        setJitterMs(jitterMs);
    }

    public long latencyMs() {
        return latencyMs;
    }

    public Faults setLatencyMs(long latencyMs) {
        this.latencyMs = requireNonNegative("latencyMs", latencyMs);
        return this;
    }

    public long jitterMs() {
        return jitterMs;
    }

    public Faults setJitterMs(long jitterMs) {
        this.jitterMs = requireNonNegative("jitterMs", jitterMs);
        return this;
    }

    public double errorRate() {
        return errorRate;
    }

    public Faults setErrorRate(double errorRate) {
        if (!(errorRate >= 0.0 && errorRate <= 1.0)) {
            throw new IllegalArgumentException("errorRate must be within 0.0..1.0: " + errorRate);
        }
        this.errorRate = errorRate;
        return this;
    }

    public boolean down() {
        return down;
    }

    public Faults setDown(boolean down) {
        this.down = down;
        return this;
    }

    public int failNextUpdates() {
        return failNextUpdates.get();
    }

    public Faults setFailNextUpdates(int count) {
        failNextUpdates.set((int) requireNonNegative("failNextUpdates", count));
        return this;
    }

    public int rejectNextUpdates() {
        return rejectNextUpdates.get();
    }

    public Faults setRejectNextUpdates(int count) {
        rejectNextUpdates.set((int) requireNonNegative("rejectNextUpdates", count));
        return this;
    }

    /** Clears every fault (errorRate, down, pending failures and rejections) but keeps the latency settings. */
    public Faults clear() {
        errorRate = 0.0;
        down = false;
        failNextUpdates.set(0);
        rejectNextUpdates.set(0);
        return this;
    }

    public Snapshot snapshot() {
        return new Snapshot(latencyMs, jitterMs, errorRate, down, failNextUpdates.get(), rejectNextUpdates.get());
    }

    /** The delay this call should take: latency plus uniform jitter in 0..jitterMs. */
    long nextDelayMs() {
        long jitter = jitterMs;
        return latencyMs + (jitter > 0 ? ThreadLocalRandom.current().nextLong(jitter + 1) : 0);
    }

    boolean rollAbend() {
        double rate = errorRate;
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }

    /** Takes one pending update failure, if any; atomic so N concurrent calls fail exactly N times. */
    boolean takeFailNextUpdate() {
        return takeOne(failNextUpdates);
    }

    boolean takeRejectNextUpdate() {
        return takeOne(rejectNextUpdates);
    }

    private static boolean takeOne(AtomicInteger counter) {
        return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    private static long requireNonNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
