package io.midtier.delivery;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.midtier.InfrastructureConfiguration;
import io.midtier.InfrastructureStart;
import io.midtier.MidtierSettings;
import io.midtier.changes.ChangeWake;
import io.midtier.db.PlainDataSourceFactory;
import io.midtier.run.CloseOnStop;
import io.midtier.run.EnumChoices;
import io.midtier.run.SettingsReader;
import java.util.function.Supplier;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.function.Suppliers;

/**
 * Delivery's beans. Stateless: {@code updateMessage}, {@code updateMessageFormats}, {@code deliveryRows},
 * {@code backendReplies}, {@code deadLetters}. On a plain (non-XA) pool of its own, after the infrastructure started:
 * {@code deliveryAttempts} (the claim, committed on its own before the back-end call, so a rollback cannot erase
 * the attempt). On the XA pool: {@code appliedUpdates} (the outcome). On the plain pool:
 * {@code databaseOutageGate} (the route policy pausing the queue consumers while PostgreSQL is out),
 * {@code updatesBacklog} and its readiness check {@code deliveryBacklogHealthCheck}.
 */
public class DeliveryConfiguration implements CamelConfiguration {

    @BindToRegistry("updateMessage")
    public UpdateMessage updateMessage() {
        return new UpdateMessage();
    }

    // the update message's current and previous schema versions
    @BindToRegistry("updateMessageFormats")
    public UpdateMessageFormats updateMessageFormats() {
        return new UpdateMessageFormats();
    }

    // the delivery statements' rows, typed
    @BindToRegistry("deliveryRows")
    public DeliveryRows deliveryRows() {
        return new DeliveryRows();
    }

    @BindToRegistry("backendReplies")
    public BackendReplies backendReplies() {
        return new BackendReplies();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        // the delivery's and the dead-letter route's choices compare the step and the verdict with constants
        EnumChoices.register(context, DeliveryStep.class, DeadLetterVerdict.class);
        InfrastructureStart infra = InfrastructureConfiguration.starting(context);
        SettingsReader properties = SettingsReader.of(context);
        DeliverySettings settings = DeliverySettings.read(properties);
        // every delivery claims its update on this pool (one statement, committed on its own): a connection per
        // consumer, and two for the outage gate, the backlog gauges and the failures recorded
        AgroalDataSource plain = PlainDataSourceFactory.create(MidtierSettings.database(properties),
                settings.concurrentConsumers() + 2);
        CloseOnStop.register(context, "delivery's plain pool", plain);
        Registry registry = context.getRegistry();
        registry.bind("deadLetters", new DeadLetters(settings.maxDeliveryAttempts()));
        registry.bind("deliveryAttempts",
                new DeliveryAttempts(plain, settings.backendMaxCallMs()));
        // the outcome, on the XA pool InfrastructureConfiguration binds (the dead-letter route settles inside its
        // transaction); the publisher's wake-up is bound by ChangesConfiguration, after this one
        // (looked up once: a registry lookup per settle was 3 % of a delivery's CPU)
        Supplier<ChangeWake> changeWake = Suppliers.memorize(() -> registry.lookupByNameAndType("changeWake", ChangeWake.class));
        registry.bind("appliedUpdates", new AppliedUpdates(InfrastructureConfiguration.xaDataSource(context),
                () -> changeWake.get().afterCommit()));
        DatabaseOutageGate gate = new DatabaseOutageGate(plain, settings.databaseCheckMs());
        CloseOnStop.register(context, "the database outage gate", gate);
        registry.bind("databaseOutageGate", gate);
        UpdatesBacklog backlog = new UpdatesBacklog(() -> infra.await().broker(), plain, settings.updatesQueue(),
                settings.backlogWarnRatio(), settings.backlogWarnAgeSeconds());
        registry.bind("updatesBacklog", backlog);
        // a HealthCheck in the registry is one of the readiness checks
        registry.bind("deliveryBacklogHealthCheck", new DeliveryBacklogHealthCheck(backlog));
        context.addStartupListener((started, alreadyStarted) -> {
            MeterRegistry meters = started.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            if (!alreadyStarted && meters != null) {
                backlog.registerGauges(meters);
            }
        });
    }
}
