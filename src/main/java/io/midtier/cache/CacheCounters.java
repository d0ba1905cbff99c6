package io.midtier.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.Supplier;

/**
 * The read path's counters, plain Micrometer meters in Camel's registry (a {@code micrometer:} endpoint would cost
 * an endpoint call and a header lookup per request). Made from the registry once Camel has started it.
 */
public final class CacheCounters {

    public static final String HITS = "midtier.cache.hits";
    public static final String NEAR_HITS = "midtier.cache.near.hits";

    private record Meters(Counter hits, Counter nearHits, Counter misses, Counter stale, Counter coalesced,
                          Counter negativeHits, Counter backendCalls) {

        static Meters in(MeterRegistry registry) {
            return new Meters(registry.counter(HITS), registry.counter(NEAR_HITS),
                    registry.counter("midtier.cache.misses"), registry.counter("midtier.cache.stale"),
                    registry.counter("midtier.cache.coalesced"), registry.counter("midtier.cache.negative.hits"),
                    registry.counter("midtier.cache.backend.calls"));
        }
    }

    private final Supplier<MeterRegistry> registry;
    private volatile Meters meters;

    public CacheCounters(Supplier<MeterRegistry> registry) {
        this.registry = registry;
    }

    /** Registers the counters (at start, so they are on the metrics endpoint before the first request). */
    public void register() {
        meters();
    }

    private Meters meters() {
        Meters m = meters;
        if (m == null) {
            synchronized (this) {
                if (meters == null) {
                    MeterRegistry r = registry.get();
                    // metrics switched off: count anyway, nobody reads them
                    meters = Meters.in(r != null ? r : new SimpleMeterRegistry());
                }
                m = meters;
            }
        }
        return m;
    }

    /** A hit; {@code near} when its bytes came from the near cache. */
    public void hit(boolean near) {
        Meters m = meters();
        m.hits().increment();
        if (near) {
            m.nearHits().increment();
        }
    }

    public void miss() {
        meters().misses().increment();
    }

    public void stale() {
        meters().stale().increment();
    }

    public void coalesced() {
        meters().coalesced().increment();
    }

    public void negativeHit() {
        meters().negativeHits().increment();
    }

    /** Called by the ask-backend route in its circuit breaker, once per back-end inquiry. */
    public void backendCall() {
        meters().backendCalls().increment();
    }
}
