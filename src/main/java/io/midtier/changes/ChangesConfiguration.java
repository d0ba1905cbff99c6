package io.midtier.changes;

import io.agroal.api.AgroalDataSource;
import io.midtier.InfrastructureConfiguration;
import io.midtier.InfrastructureStart;
import io.midtier.MidtierSettings;
import io.midtier.broker.AwaitedConnectionFactory;
import io.midtier.db.PlainDataSourceFactory;
import io.midtier.run.CloseOnStop;
import io.midtier.run.ContextEventNotifier;
import io.midtier.run.SettingsReader;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Endpoint;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Registry;

/**
 * The change log's readers and publisher: {@code changeRequests} (the change endpoints' parameters), and after the
 * infrastructure started {@code changeSignal} (wakes the streams when changes are published), {@code changeStream}
 * (the SSE streams, reading the change log on a plain pool of their own) and {@code changePublisher} (the changes
 * topic, through the XA JMS pool) and {@code changeWake} (wakes the publisher when a transaction that appended a
 * change commits). On the embedded broker it bounds the changes topic's subscriptions.
 */
public class ChangesConfiguration implements CamelConfiguration {

    /**
     * The publisher's wake-up queue: one slot, and a token offered to a full queue is dropped (a wake-up is already
     * due, and the run it starts publishes every change committed before it), so a commit never waits for it.
     */
    static final String WAKE_URI = "seda:changes-wake?size=1&discardWhenFull=true";

    @BindToRegistry("changeRequests")
    public ChangeRequests changeRequests() {
        return new ChangeRequests();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        InfrastructureStart infra = InfrastructureConfiguration.starting(context);
        SettingsReader properties = SettingsReader.of(context);
        ChangesSettings settings = ChangesSettings.read(properties);
        AgroalDataSource plain = PlainDataSourceFactory.create(MidtierSettings.database(properties), 4);
        CloseOnStop.register(context, "the change streams' plain pool", plain);
        ChangeSignal signal = new ChangeSignal();
        ChangeStream stream = new ChangeStream(new ChangeLog(plain), signal, settings.sseMaxStreams(),
                settings.sseHeartbeatMs(), settings.ssePollMs(), settings.publishBatch(), settings.streamMaxMs());
        // open streams end first, or the routes' graceful stop would wait for them
        context.getManagementStrategy().addEventNotifier(new ContextEventNotifier(event -> {
            if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                stream.stop();
            }
        }));
        Registry registry = context.getRegistry();
        registry.bind("changeSignal", signal);
        registry.bind("changeStream", stream);
        registry.bind("changePublisher", new ChangePublisher(new AwaitedConnectionFactory(() -> infra.await().jmsPool()),
                settings.topic(), new ChangeMessages()));
        registry.bind("changeWake", new ChangeWake(() -> infra.await().transactions().synchronizationRegistry(),
                new OfferToken(context)));
        infra.onStarted(started -> {
            if (started.broker() != null) {
                // a subscriber that never returns cannot fill the broker's storage
                started.broker().configureAddress(settings.topic(), new AddressSettings()
                        .setDefaultRingSize(settings.subscriptionMaxMessages())
                        .setExpiryDelay(settings.subscriptionExpiryDelay())
                        .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
            }
        });
    }

    /**
     * Offers a token to the wake-up queue; its producer and endpoint are made on first use, when the context has
     * started (resolving the endpoint by its URI on every offer normalised the URI each time).
     */
    private static final class OfferToken implements Runnable {
        private final CamelContext context;
        private volatile Offer offer;

        OfferToken(CamelContext context) {
            this.context = context;
        }

        @Override
        public void run() {
            Offer o = offer;
            if (o == null) {
                synchronized (this) {
                    if (offer == null) {
                        offer = new Offer(context.createProducerTemplate(), context.getEndpoint(WAKE_URI));
                    }
                    o = offer;
                }
            }
            o.producer().sendBody(o.endpoint(), "wake");
        }

        private record Offer(ProducerTemplate producer, Endpoint endpoint) {
        }
    }
}
