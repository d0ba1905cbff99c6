package io.midtier.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.health.AbstractHealthCheck;
import org.apache.camel.impl.health.DefaultHealthCheckRegistry;
import org.junit.jupiter.api.Test;

// What the console's status snapshot holds: resources by name, route checks summed up, midtier's meters only.
class ConsoleStatusTest {

    @Test
    void resources_are_listed_and_route_checks_are_summed_up_naming_the_ones_down() throws Exception {
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            HealthCheckRegistry checks = new DefaultHealthCheckRegistry(context);
            checks.register(check("database", HealthCheck.State.UP));
            checks.register(check("route:read-through", HealthCheck.State.UP));
            checks.register(check("consumer:backend-delivery", HealthCheck.State.DOWN));
            context.getCamelContextExtension().addContextPlugin(HealthCheckRegistry.class, checks);
            context.start();
            MeterRegistry meters = new SimpleMeterRegistry();
            meters.counter("midtier.cache.hits").increment(3);
            meters.counter("jvm.something").increment();

            ConsoleStatus.Snapshot snapshot = new ConsoleStatus(context, () -> meters).snapshot();

            assertThat(snapshot.readiness()).containsOnlyKeys("database", "routes");
            assertThat(snapshot.readiness().get("database").state()).isEqualTo("UP");
            assertThat(snapshot.readiness().get("routes")).isEqualTo(
                    new ConsoleStatus.Check("DOWN", "consumer:backend-delivery"));
            assertThat(snapshot.meters()).isEqualTo(Map.of("midtier.cache.hits", 3.0));
            assertThat(snapshot.backendCircuit()).as("no circuit breaker in this context").isNull();
        }
    }

    private static HealthCheck check(String id, HealthCheck.State state) {
        AbstractHealthCheck check = new AbstractHealthCheck(id) {
            @Override
            protected void doCall(org.apache.camel.health.HealthCheckResultBuilder builder, Map<String, Object> options) {
                builder.state(state);
            }
        };
        return check;
    }
}
