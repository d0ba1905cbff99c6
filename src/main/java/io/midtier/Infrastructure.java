package io.midtier;

import io.agroal.api.AgroalDataSource;
import io.midtier.broker.BrokerSettings;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.broker.JmsSetup;
import io.midtier.db.DatabaseSettings;
import io.midtier.db.PostgresPreflight;
import io.midtier.db.SchemaMigration;
import io.midtier.db.XaDataSourceFactory;
import io.midtier.run.InstanceClaim;
import io.midtier.tx.NamedRecoveryHelper;
import io.midtier.tx.NamingTransactionManager;
import io.midtier.tx.TransactionManagerSetup;
import java.sql.Connection;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.jboss.narayana.jta.jms.JmsXAResourceRecoveryHelper;
import org.messaginghub.pooled.jms.JmsPoolXAConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the resources the routes stand on, in the order XA needs (database check and this instance's claim on the
 * database, {@link InstanceClaim}; then transaction manager
 * and its recovery manager, broker and schema side by side; then pools and recovery helpers; then the first
 * recovery pass), and closes them in reverse. Each step's time is logged (INFO, "start step").
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
    private ActiveMQXAConnectionFactory jmsConnectionFactory;
    private InstanceClaim claim;
    private Supplier<Connection> claimSession;

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
        long t = System.nanoTime();
        // first and alone: an unreachable or unfit database, or a place on it another instance holds, is named in
        // one clear line before anything starts. The claim keeps the preflight's session for as long as midtier runs.
        BrokerSettings brokerSettings = settings.broker();
        TransactionManagerSetup.validateNodeId(settings.transactions().nodeId());
        claimSession = () -> PostgresPreflight.connect(db,
                InstanceClaim.sessionProperties(settings.transactions().nodeId()));
        Connection session = claimSession.get();
        try {
            PostgresPreflight.check(session, db);
            claim = InstanceClaim.take(session, db.url(), settings.transactions().nodeId(), brokerSettings.embedded());
            closeInReverse.push(claim);
        } catch (RuntimeException | Error e) {
            session.close();
            throw e;
        }
        t = step("PostgreSQL preflight and instance claim", t);

        // The broker, the schema migration and Narayana need nothing of each other: they start side by side
        // (about 1.5 s of a start, mostly class loading and the broker's journal). What XA orders comes after
        // the join: the pools and recovery helpers are registered once the recovery manager exists, and the
        // first recovery pass runs once both resources are known.
        CompletableFuture<EmbeddedBroker> brokerStart = brokerSettings.embedded()
                ? inParallel("broker", () -> EmbeddedBroker.start(brokerSettings))
                : CompletableFuture.completedFuture(null);
        CompletableFuture<Object> schema = inParallel("schema", () -> {
            SchemaMigration.migrate(db);
            return null;
        });
        Throwable failure = null;
        try {
            long n = System.nanoTime();
            transactions = TransactionManagerSetup.start(settings.transactions());
            closeInReverse.push(transactions);
            step("Narayana", n);
        } catch (Exception | Error e) {
            failure = e;
        }
        // join both, also after a failure: what started must be known, so that close() stops it
        try {
            broker = brokerStart.join();
            if (broker != null) {
                closeInReverse.push(broker);
            }
        } catch (CompletionException e) {
            failure = first(failure, e.getCause());
        }
        try {
            schema.join();
        } catch (CompletionException e) {
            failure = first(failure, e.getCause());
        }
        if (failure instanceof Exception e) {
            throw e;
        } else if (failure instanceof Error e) {
            throw e;
        }
        t = step("broker, schema and Narayana (in parallel)", t);
        dataSource = XaDataSourceFactory.create(db, transactions.transactionManager(),
                transactions.synchronizationRegistry(), transactions.recoveryRegistry());
        closeInReverse.push(dataSource);

        ActiveMQXAConnectionFactory xa = JmsSetup.xaConnectionFactory(brokerSettings);
        closeInReverse.push(xa);
        jmsConnectionFactory = xa;
        // Recovery asks the broker through the raw XA factory, never through the pool.
        JmsXAResourceRecoveryHelper jmsRecovery = brokerSettings.user() == null || brokerSettings.user().isBlank()
                ? new JmsXAResourceRecoveryHelper(xa)
                : new JmsXAResourceRecoveryHelper(xa, brokerSettings.user(), brokerSettings.password());
        // the broker's resources carry one name when enlisted and when scanned (NamedResourceRecords)
        transactions.addRecoveryHelper(NamedRecoveryHelper.of(jmsRecovery, BROKER_RESOURCE, BROKER_PRODUCT));
        jmsPool = JmsSetup.pooledXaConnectionFactory(xa, new NamingTransactionManager(
                transactions.transactionManager(), BROKER_RESOURCE, BROKER_PRODUCT), brokerSettings);
        closeInReverse.push(jmsPool::stop);
        step("pools", t);

        // Both resources are now known to the recovery module: resolve what a crash left in doubt.
        Thread recovery = new Thread(transactions::recoverNow, "midtier-initial-recovery");
        recovery.setDaemon(true);
        recovery.start();
    }

    /** A start step on a thread of its own (named for the log), timed. */
    private static <T> CompletableFuture<T> inParallel(String what, Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            long t = System.nanoTime();
            try {
                result.complete(task.call());
                step(what, t);
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "midtier-start-" + what);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static Throwable first(Throwable earlier, Throwable later) {
        if (earlier == null) {
            return later;
        }
        earlier.addSuppressed(later);
        return earlier;
    }

    private static long step(String what, long since) {
        long now = System.nanoTime();
        LOG.info("start step {}: {} ms", what, (now - since) / 1_000_000);
        return now;
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

    /** The broker's own connection factory, for the delivery's consumer ({@code createConnection}: not XA). */
    public ActiveMQXAConnectionFactory jmsConnectionFactory() {
        return jmsConnectionFactory;
    }

    /** This instance's place on the database, taken again if its session ended: empty when held, else why not. */
    public Optional<String> renewClaim() {
        return claim.renew(claimSession);
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
