package io.midtier.run;

import org.apache.camel.CamelContext;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a resource a configuration class opened once the context has stopped: after the routes, so no consumer
 * is left without its pool, broker or database. Resources close in the order they were registered.
 */
public final class CloseOnStop {

    private static final Logger LOG = LoggerFactory.getLogger(CloseOnStop.class);

    private CloseOnStop() {
    }

    public static void register(CamelContext context, String what, AutoCloseable resource) {
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                try {
                    resource.close();
                } catch (Exception e) {
                    LOG.warn("while closing {}: {}", what, e.toString());
                }
            }
        });
    }
}
