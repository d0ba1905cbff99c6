package io.midtier;

import io.midtier.broker.JmsSetup;
import io.midtier.run.CloseOnStop;
import io.midtier.run.SettingsReader;
import io.midtier.tx.PreparedTransactionWatch;
import io.midtier.tx.RequiredJtaTransactionPolicy;
import io.midtier.tx.TransactionManagerSetup;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.Registry;
import org.springframework.transaction.jta.JtaTransactionManager;

/**
 * The resources the routes stand on: database, transaction manager, broker. They are started here, in
 * {@link #configure}, by {@link Infrastructure} (XA needs its strict start order), rather than through lazily ordered
 * {@code @BindToRegistry} methods; the feature configurations added after this one find them as bean
 * {@code infrastructure} (see {@link #started}).
 *
 * <p>Binds {@code infrastructure}, {@code transactionManager}, {@code PROPAGATION_REQUIRED} (the policy of every
 * {@code transacted} step), {@code cacheDataSource} (camel-sql's data source), {@code jms} (the XA JMS component),
 * {@code embeddedBroker} (when midtier runs its own broker) and {@code preparedTransactionWatch}.
 */
public class InfrastructureConfiguration implements CamelConfiguration {

    static final String INFRASTRUCTURE = "infrastructure";

    @BindToRegistry("preparedTransactionWatch")
    public PreparedTransactionWatch preparedTransactionWatch() {
        return new PreparedTransactionWatch();
    }

    @Override
    public void configure(CamelContext context) throws Exception {
        Infrastructure infra = Infrastructure.start(MidtierSettings.read(SettingsReader.of(context)));
        // first registered, so closed first after the routes stopped (as before the split)
        CloseOnStop.register(context, "the infrastructure", infra);
        TransactionManagerSetup tx = infra.transactions();
        Registry registry = context.getRegistry();
        registry.bind(INFRASTRUCTURE, infra);
        registry.bind("transactionManager", tx.transactionManager());
        registry.bind("PROPAGATION_REQUIRED", new RequiredJtaTransactionPolicy(tx.transactionManager()));
        registry.bind("cacheDataSource", infra.dataSource());
        JtaTransactionManager jta = JmsSetup.springJtaTransactionManager(tx.userTransaction(), tx.transactionManager());
        registry.bind("jms", JmsSetup.xaJmsComponent(infra.jmsPool(), jta));
        if (infra.broker() != null) {
            registry.bind("embeddedBroker", infra.broker());
        }
    }

    /** The started infrastructure, for the configurations that come after this one. */
    public static Infrastructure started(CamelContext context) {
        Infrastructure infra = context.getRegistry().lookupByNameAndType(INFRASTRUCTURE, Infrastructure.class);
        if (infra == null) {
            throw new IllegalStateException("InfrastructureConfiguration must be added before the configurations "
                    + "that use the database or the broker (MidtierApplication.newMain)");
        }
        return infra;
    }
}
