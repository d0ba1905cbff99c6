package io.midtier;

import io.agroal.api.AgroalDataSource;
import io.midtier.broker.BrokerSettings;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.broker.JmsSetup;
import io.midtier.db.DatabaseSettings;
import io.midtier.db.PostgresPreflight;
import io.midtier.db.SchemaMigration;
import io.midtier.db.XaDataSourceFactory;
import io.midtier.tx.NamedRecoveryHelper;
import io.midtier.tx.NamingTransactionManager;
import io.midtier.tx.TransactionManagerSetup;
import java.util.ArrayDeque;
import java.util.Deque;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.jboss.narayana.jta.jms.JmsXAResourceRecoveryHelper;
import org.messaginghub.pooled.jms.JmsPoolXAConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the resources the routes stand on, in the order XA needs (database check, transaction manager
 * and its recovery manager, broker, pools, recovery helpers), and closes them in reverse.
 */
public final class Infrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Infrastructure.class);
    /** The broker's name in Narayana's log records (the database's is Agroal's, "midtier-cache"). */
    static final String BROKER_RESOURCE = "midtier-broker";
    private static final String BROKER_PRODUCT = "ActiveMQ Artemis";

    private final Deque<AutoCloseable> closeInReverse = new ArrayDeque<>();
    private TransactionManagerSetup transactions;
    private EmbeddedBroker broker;
    private AgroalDataSource dataSource;
    private JmsPoolXAConnectionFactory jmsPool;

    public static Infrastructure start(MidtierSettings settings) throws Exception {
        Infrastructure infra = new Infrastructure();
        try {
            infra.startAll(settings);
        } catch (Exception | Error e) {
            infra.close();
            throw e;
        }
        return infra;
    }

    private void startAll(MidtierSettings settings) throws Exception {
        DatabaseSettings db = settings.database();
        PostgresPreflight.check(db);
        transactions = TransactionManagerSetup.start(settings.transactions());
        closeInReverse.push(transactions);
        SchemaMigration.migrate(db);

        BrokerSettings brokerSettings = settings.broker();
        if (brokerSettings.embedded()) {
            broker = EmbeddedBroker.start(brokerSettings);
            closeInReverse.push(broker);
        }
        dataSource = XaDataSourceFactory.create(db, transactions.transactionManager(),
                transactions.synchronizationRegistry(), transactions.recoveryRegistry());
        closeInReverse.push(dataSource);

        ActiveMQXAConnectionFactory xa = JmsSetup.xaConnectionFactory(brokerSettings);
        closeInReverse.push(xa);
        // Recovery asks the broker through the raw XA factory, never through the pool.
        JmsXAResourceRecoveryHelper jmsRecovery = brokerSettings.user() == null || brokerSettings.user().isBlank()
                ? new JmsXAResourceRecoveryHelper(xa)
                : new JmsXAResourceRecoveryHelper(xa, brokerSettings.user(), brokerSettings.password());
        // the broker's resources carry one name when enlisted and when scanned (NamedResourceRecords)
        transactions.addRecoveryHelper(NamedRecoveryHelper.of(jmsRecovery, BROKER_RESOURCE, BROKER_PRODUCT));
        jmsPool = JmsSetup.pooledXaConnectionFactory(xa, new NamingTransactionManager(
                transactions.transactionManager(), BROKER_RESOURCE, BROKER_PRODUCT), brokerSettings);
        closeInReverse.push(jmsPool::stop);

        // Both resources are now known to the recovery module: resolve what a crash left in doubt.
        Thread recovery = new Thread(transactions::recoverNow, "midtier-initial-recovery");
        recovery.setDaemon(true);
        recovery.start();
    }

    public TransactionManagerSetup transactions() {
        return transactions;
    }

    public EmbeddedBroker broker() {
        return broker;
    }

    public AgroalDataSource dataSource() {
        return dataSource;
    }

    public JmsPoolXAConnectionFactory jmsPool() {
        return jmsPool;
    }

    @Override
    public void close() {
        while (!closeInReverse.isEmpty()) {
            AutoCloseable next = closeInReverse.pop();
            try {
                next.close();
            } catch (Exception e) {
                LOG.warn("while closing {}: {}", next, e.toString());
            }
        }
    }
}
