package io.midtier.simulator;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/** The runtime-adjustable latency and fault injection of the simulator; safe to change while calls are running. */
public final class Faults {

    /** A consistent-enough view of the current values (also the JSON of GET/PUT /simulator/faults). */
    public record Snapshot(long latencyMs, long jitterMs, double errorRate, boolean down,
                           int failNextUpdates, int rejectNextUpdates, int abendAfterApplyNextUpdates,
                           int slowAfterApplyNextUpdates, long slowAfterApplyMs) {
    }

    /** How long a "slow after apply" update keeps its caller waiting: above midtier's call timeout (2 s) by default. */
    static final long DEFAULT_SLOW_AFTER_APPLY_MS = 5000;

    private volatile long latencyMs;
    private volatile long jitterMs;
    private volatile double errorRate;
    private volatile boolean down;
    private final AtomicInteger failNextUpdates = new AtomicInteger();
    private final AtomicInteger rejectNextUpdates = new AtomicInteger();
    // the update is applied (its token recorded), then the caller learns nothing useful: the case the token check is for
    private final AtomicInteger abendAfterApplyNextUpdates = new AtomicInteger();
    private final AtomicInteger slowAfterApplyNextUpdates = new AtomicInteger();
    private volatile long slowAfterApplyMs = DEFAULT_SLOW_AFTER_APPLY_MS;

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

    public int abendAfterApplyNextUpdates() {
        return abendAfterApplyNextUpdates.get();
    }

    /** The next {@code count} updates are applied and then abend (500, ABEND ASRA): the caller cannot tell it from a failure. */
    public Faults setAbendAfterApplyNextUpdates(int count) {
        abendAfterApplyNextUpdates.set((int) requireNonNegative("abendAfterApplyNextUpdates", count));
        return this;
    }

    public int slowAfterApplyNextUpdates() {
        return slowAfterApplyNextUpdates.get();
    }

    /** The next {@code count} updates are applied and then answered only after {@link #slowAfterApplyMs()}. */
    public Faults setSlowAfterApplyNextUpdates(int count) {
        slowAfterApplyNextUpdates.set((int) requireNonNegative("slowAfterApplyNextUpdates", count));
        return this;
    }

    public long slowAfterApplyMs() {
        return slowAfterApplyMs;
    }

    public Faults setSlowAfterApplyMs(long millis) {
        this.slowAfterApplyMs = requireNonNegative("slowAfterApplyMs", millis);
        return this;
    }

    /** Clears every fault (errorRate, down, pending failures, rejections and after-apply faults) but keeps the latency settings. */
    public Faults clear() {
        errorRate = 0.0;
        down = false;
        failNextUpdates.set(0);
        rejectNextUpdates.set(0);
        abendAfterApplyNextUpdates.set(0);
        slowAfterApplyNextUpdates.set(0);
        slowAfterApplyMs = DEFAULT_SLOW_AFTER_APPLY_MS;
        return this;
    }

    public Snapshot snapshot() {
        return new Snapshot(latencyMs, jitterMs, errorRate, down, failNextUpdates.get(), rejectNextUpdates.get(),
                abendAfterApplyNextUpdates.get(), slowAfterApplyNextUpdates.get(), slowAfterApplyMs);
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

    boolean takeAbendAfterApply() {
        return takeOne(abendAfterApplyNextUpdates);
    }

    boolean takeSlowAfterApply() {
        return takeOne(slowAfterApplyNextUpdates);
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
