package io.midtier.console;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

/** The console's beans: its files ({@code consoleAssets}) and the status snapshot ({@code consoleStatus}). */
public class ConsoleConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        context.getRegistry().bind("consoleAssets", new ConsoleAssets());
        context.getRegistry().bind("consoleStatus", new ConsoleStatus(context,
                () -> context.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class)));
    }
}
