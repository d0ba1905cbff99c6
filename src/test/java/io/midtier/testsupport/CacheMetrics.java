package io.midtier.testsupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.micrometer.MicrometerComponent;

/** Reads the read path's cache counters (plain Micrometer meters in the registry Camel's micrometer component uses). */
public final class CacheMetrics {

    private CacheMetrics() {
    }

    public static double count(MidtierTestApp app, String name) {
        MeterRegistry registry = app.context().getComponent("micrometer", MicrometerComponent.class).getMetricsRegistry();
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }

    /** Exchanges a route has taken in (Camel's route policy meters, {@code camel.metrics.route-policy-level=route}). */
    public static double routeExchanges(MidtierTestApp app, String routeId) {
        MeterRegistry registry = app.context().getComponent("micrometer", MicrometerComponent.class).getMetricsRegistry();
        Counter counter = registry.find("camel.exchanges.total").tag("routeId", routeId).counter();
        if (counter == null) {
            throw new IllegalStateException("no exchange counter of route " + routeId);
        }
        return counter.count();
    }
}
