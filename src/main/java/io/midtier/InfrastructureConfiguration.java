package io.midtier;

import io.midtier.broker.AwaitedConnectionFactory;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.broker.JmsSetup;
import io.midtier.db.AwaitedDataSource;
import io.midtier.run.CloseOnStop;
import io.midtier.run.SettingsReader;
import io.midtier.tx.PreparedTransactionWatch;
import io.midtier.tx.AwaitedTransactionManager;
import io.midtier.tx.RequiredJtaTransactionPolicy;
import jakarta.transaction.TransactionManager;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.spi.Registry;
import org.apache.camel.util.function.Suppliers;
import org.springframework.transaction.jta.JtaTransactionManager;

/**
 * The resources the routes stand on: database, transaction manager, broker. {@link #configure} begins their start
 * by {@link Infrastructure} (XA needs its strict start order) on a thread of its own ({@link InfrastructureStart}),
 * so that camel-main loads the routes meanwhile; the beans below are bound as suppliers that wait for it, and the
 * feature configurations added after this one bind theirs the same way (see {@link #starting}).
 *
 * <p>Binds {@code infrastructureStart}, {@code infrastructure}, {@code transactionManager},
 * {@code PROPAGATION_REQUIRED} (the policy of every {@code transacted} step), {@code cacheDataSource} (camel-sql's data source), {@code jms} (the XA JMS component),
 * {@code embeddedBroker} (when midtier runs its own broker) and {@code preparedTransactionWatch}.
 */
public class InfrastructureConfiguration implements CamelConfiguration {

    static final String INFRASTRUCTURE = "infrastructure";
    static final String START = "infrastructureStart";

    @BindToRegistry("preparedTransactionWatch")
    public PreparedTransactionWatch preparedTransactionWatch() {
        return new PreparedTransactionWatch();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        MidtierSettings settings = MidtierSettings.read(SettingsReader.of(context));
        InfrastructureStart start = InfrastructureStart.begin(settings);
        // first registered, so closed first after the routes stopped (as before the split)
        CloseOnStop.register(context, "the infrastructure", start);
        // no route may start before its resources, even one whose beans nobody looked up yet
        context.addStartupListener(new StartupListener() {
            @Override
            public void onCamelContextStarting(CamelContext starting, boolean alreadyStarted) {
                start.await();
            }

            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
            }
        });
        // Bound as suppliers: the first lookup waits for the start (Camel keeps what the supplier returned).
        Registry registry = context.getRegistry();
        registry.bind(START, start);
        registry.bind(INFRASTRUCTURE, Infrastructure.class, start::await);
        registry.bind("transactionManager", TransactionManager.class,
                () -> start.await().transactions().transactionManager());
        // What the routes take while they are built (the transacted policy, camel-sql's data source, the JMS
        // component) stands for the resource until it is first used: building the routes need not wait for it.
        registry.bind("PROPAGATION_REQUIRED", new RequiredJtaTransactionPolicy(
                () -> start.await().transactions().transactionManager()));
        registry.bind("cacheDataSource", new AwaitedDataSource(() -> start.await().dataSource()));
        Supplier<JtaTransactionManager> jta = Suppliers.memorize(() -> JmsSetup.springJtaTransactionManager(
                start.await().transactions().userTransaction(), start.await().transactions().transactionManager()));
        registry.bind("jms", JmsSetup.xaJmsComponent(new AwaitedConnectionFactory(() -> start.await().jmsPool()),
                new AwaitedTransactionManager(jta), settings.transactions().defaultTimeoutSeconds()));
        // the delivery's consumer: client acknowledgement on the broker's own factory (JmsSetup.localJmsComponent)
        registry.bind("jmsLocal", JmsSetup.localJmsComponent(
                new AwaitedConnectionFactory(() -> start.await().jmsConnectionFactory())));
        if (settings.broker().embedded()) {
            registry.bind("embeddedBroker", EmbeddedBroker.class, () -> start.await().broker());
        }
    }

    /**
     * The XA pool as the configurations that run statements in the callers' JTA transactions take it
     * ({@code cacheDataSource}, bound by this configuration: its first connection waits for the start).
     */
    public static DataSource xaDataSource(CamelContext context) {
        starting(context);
        return context.getRegistry().lookupByNameAndType("cacheDataSource", DataSource.class);
    }

    /** The infrastructure as it starts, for the configurations that come after this one (bind lazily on it). */
    public static InfrastructureStart starting(CamelContext context) {
        InfrastructureStart start = context.getRegistry().lookupByNameAndType(START, InfrastructureStart.class);
        if (start == null) {
            throw new IllegalStateException("InfrastructureConfiguration must be added before the configurations "
                    + "that use the database or the broker (MidtierApplication.newMain)");
        }
        return start;
    }
}
