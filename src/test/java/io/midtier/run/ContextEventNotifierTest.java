package io.midtier.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.CamelEvent;
import org.junit.jupiter.api.Test;

class ContextEventNotifierTest {

    @Test
    void hears_the_context_start_and_stop_and_no_exchange() throws Exception {
        List<CamelEvent.Type> heard = new ArrayList<>();
        try (DefaultCamelContext context = new DefaultCamelContext()) {
            context.getManagementStrategy().addEventNotifier(new ContextEventNotifier(event -> heard.add(event.getType())));
            context.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:in").to("log:out?level=OFF");
                }
            });
            context.start();
            context.createProducerTemplate().sendBody("direct:in", "x");

            assertThat(context.getCamelContextExtension().isEventNotificationApplicable()).isFalse();
            context.stop();
        }
        assertThat(heard).contains(CamelEvent.Type.CamelContextStarted, CamelEvent.Type.CamelContextStopping)
                .noneMatch(type -> type.name().startsWith("Exchange") || type.name().startsWith("Step")
                        || type.name().startsWith("Service") || type.name().startsWith("RouteAdded"));
    }
}
