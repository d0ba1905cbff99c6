package io.midtier.testsupport;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.component.micrometer.MicrometerComponent;

/** Reads the cache counters the routes keep with Camel's micrometer component. */
public final class CacheMetrics {

    private CacheMetrics() {
    }

    public static double count(MidtierTestApp app, String name) {
        MeterRegistry registry = app.context().getComponent("micrometer", MicrometerComponent.class).getMetricsRegistry();
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : counter.count();
    }
}
