package io.midtier.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.component.resilience4j.ResilienceProcessor;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

/**
 * One snapshot of what the console's health panel and charts show: readiness per check, the back-end circuit, and
 * midtier's counters and gauges. The same figures are on the management server (/observe/health, /observe/metrics),
 * but that port is loopback-only by default and not the page's origin, so the console reads them here, as JSON.
 * The page turns successive snapshots into rates.
 */
public final class ConsoleStatus {

    /** The snapshot. Counters are totals since start; timers give count and total milliseconds. */
    public record Snapshot(long at, Map<String, Check> readiness, String backendCircuit, Map<String, Double> meters,
                           Map<String, RouteTime> routes) {
    }

    /** One readiness check. */
    public record Check(String state, String message) {
    }

    /** A route's exchanges so far and the time they took. */
    public record RouteTime(long count, double totalMs, long failed) {
    }

    static final String CIRCUIT_ID = "backend-circuit";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CamelContext context;
    private final Supplier<MeterRegistry> meters;

    public ConsoleStatus(CamelContext context, Supplier<MeterRegistry> meters) {
        this.context = context;
        this.meters = meters;
    }

    public String json() throws JsonProcessingException {
        return JSON.writeValueAsString(snapshot());
    }

    public Snapshot snapshot() {
        Map<String, Check> readiness = new TreeMap<>();
        // every check with its state, whatever camel.health.exposure-level says for /observe/health (the console
        // shows the UP ones too); one check per route and consumer ("route:x", "consumer:x") would drown the resources: they are summed up
        // as "routes", naming the ones that are not UP
        java.util.List<String> routesDown = new java.util.ArrayList<>();
        for (HealthCheck.Result result : HealthCheckHelper.invokeReadiness(context, "full")) {
            String id = result.getCheck().getId();
            if (id.contains(":")) {
                if (result.getState() != HealthCheck.State.UP) {
                    routesDown.add(id);
                }
                continue;
            }
            String message = result.getMessage().orElse(result.getError().map(Throwable::getMessage).orElse(null));
            readiness.put(id, new Check(result.getState().name(), message));
        }
        readiness.put("routes", routesDown.isEmpty() ? new Check("UP", null)
                : new Check("DOWN", String.join(", ", routesDown)));
        Map<String, Double> values = new TreeMap<>();
        Map<String, RouteTime> routes = new TreeMap<>();
        MeterRegistry registry = meters.get();
        if (registry != null) {
            for (Meter meter : registry.getMeters()) {
                String name = meter.getId().getName();
                if (name.startsWith("midtier.")) {
                    Double value = valueOf(meter);
                    if (value != null) {
                        String tag = meter.getId().getTag("queue");
                        values.merge(tag == null ? name : name + "{" + tag + "}", value, Double::sum);
                    }
                }
            }
            registry.find("camel.route.policy").timers().forEach(timer -> {
                String route = timer.getId().getTag("routeId");
                if (route != null) {
                    routes.put(route, new RouteTime(timer.count(), timer.totalTime(TimeUnit.MILLISECONDS),
                            failed(registry, route)));
                }
            });
        }
        return new Snapshot(System.currentTimeMillis(), readiness, circuitState(), values, routes);
    }

    private static long failed(MeterRegistry registry, String route) {
        Counter counter = registry.find("camel.exchanges.failed").tag("routeId", route).counter();
        return counter == null ? 0 : (long) counter.count();
    }

    private static Double valueOf(Meter meter) {
        if (meter instanceof Counter c) {
            return c.count();
        }
        if (meter instanceof FunctionCounter c) {
            return c.count();
        }
        if (meter instanceof Gauge g) {
            double v = g.value();
            return Double.isNaN(v) ? null : v;
        }
        if (meter instanceof Timer t) {
            return (double) t.count();
        }
        return null;
    }

    private String circuitState() {
        ResilienceProcessor circuit = context.getProcessor(CIRCUIT_ID, ResilienceProcessor.class);
        return circuit == null ? null : circuit.getCircuitBreakerState();
    }
}
