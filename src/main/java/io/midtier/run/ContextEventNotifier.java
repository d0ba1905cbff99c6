package io.midtier.run;

import java.util.function.Consumer;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;

/**
 * An event notifier for the Camel context's own events (started, stopping, ...) that declares every other kind
 * ignored. Camel then raises no event for exchanges, routes, services or steps on its account: while any notifier
 * takes exchange events (the default of {@link EventNotifierSupport}), every exchange, and every send of it to an
 * endpoint, creates event objects and offers them to each notifier.
 */
public final class ContextEventNotifier extends EventNotifierSupport {

    private final Consumer<CamelEvent> onEvent;

    public ContextEventNotifier(Consumer<CamelEvent> onEvent) {
        this.onEvent = onEvent;
        setIgnoreExchangeEvents(true);
        setIgnoreRouteEvents(true);
        setIgnoreServiceEvents(true);
        setIgnoreStepEvents(true);
    }

    @Override
    public void notify(CamelEvent event) {
        onEvent.accept(event);
    }
}
