package io.midtier;

import io.agroal.api.AgroalDataSource;
import io.midtier.broker.BrokerSettings;
import io.midtier.cache.CoalescedLoads;
import io.midtier.cache.KeyLocks;
import io.midtier.broker.JmsSetup;
import io.midtier.changes.ChangeLog;
import io.midtier.changes.ChangeMessages;
import io.midtier.changes.ChangePublisher;
import io.midtier.changes.ChangeSignal;
import io.midtier.changes.ChangeStream;
import io.midtier.db.DatabaseSettings;
import io.midtier.db.PlainDataSourceFactory;
import io.midtier.delivery.DatabaseOutageGate;
import io.midtier.delivery.DeliveryAttempts;
import io.midtier.delivery.DeliveryBacklogHealthCheck;
import io.midtier.delivery.UpdatesBacklog;
import io.micrometer.core.instrument.MeterRegistry;
import io.midtier.tx.RequiredJtaTransactionPolicy;
import io.midtier.tx.TransactionManagerSetup;
import java.nio.file.Path;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.PropertyInject;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.EventNotifierSupport;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.camel.support.LifecycleStrategySupport;
import org.springframework.transaction.jta.JtaTransactionManager;

/**
 * Builds midtier's beans from application.properties and binds them for the routes. The infrastructure is
 * started here rather than through lazily ordered {@code @BindToRegistry} methods, because XA depends on a
 * strict start order (see {@link Infrastructure}).
 */
public class MidtierConfiguration implements CamelConfiguration {

    @PropertyInject("midtier.data-dir") private String dataDir;

    @PropertyInject("midtier.db.url") private String dbUrl;
    @PropertyInject("midtier.db.user") private String dbUser;
    @PropertyInject(value = "midtier.db.password", defaultValue = "") private String dbPassword;
    @PropertyInject("midtier.db.pool-size") private int dbPoolSize;
    @PropertyInject("midtier.db.acquisition-timeout-ms") private int dbAcquisitionTimeoutMs;

    @PropertyInject("midtier.tx.node-id") private String nodeId;
    @PropertyInject("midtier.tx.journal-store") private boolean journalStore;
    @PropertyInject("midtier.tx.recovery-period-seconds") private int recoveryPeriodSeconds;
    @PropertyInject("midtier.tx.recovery-backoff-seconds") private int recoveryBackoffSeconds;
    @PropertyInject("midtier.tx.timeout-seconds") private int txTimeoutSeconds;

    @PropertyInject(value = "midtier.broker.url", defaultValue = "") private String brokerUrl;
    @PropertyInject(value = "midtier.broker.user", defaultValue = "") private String brokerUser;
    @PropertyInject(value = "midtier.broker.password", defaultValue = "") private String brokerPassword;
    @PropertyInject("midtier.broker.tcp-host") private String brokerTcpHost;
    @PropertyInject("midtier.broker.tcp-port") private int brokerTcpPort;
    @PropertyInject("midtier.queue.updates") private String updatesQueue;
    @PropertyInject("midtier.queue.updates-dlq") private String deadLetterQueue;
    @PropertyInject("midtier.broker.redelivery-delay-ms") private long redeliveryDelayMs;
    @PropertyInject("midtier.broker.redelivery-multiplier") private double redeliveryMultiplier;
    @PropertyInject("midtier.broker.max-redelivery-delay-ms") private long maxRedeliveryDelayMs;
    @PropertyInject("midtier.broker.max-delivery-attempts") private int maxDeliveryAttempts;
    @PropertyInject("midtier.broker.journal-buffer-timeout-ns") private long journalBufferTimeoutNs;
    @PropertyInject("midtier.broker.pool-max-connections") private int poolMaxConnections;
    @PropertyInject("midtier.broker.pool-max-sessions-per-connection") private int poolMaxSessions;
    @PropertyInject("midtier.broker.call-timeout-ms") private long brokerCallTimeoutMs;
    @PropertyInject("midtier.broker.reconnect-attempts") private int brokerReconnectAttempts;
    @PropertyInject("midtier.broker.updates-max-size-bytes") private long updatesMaxSizeBytes;
    @PropertyInject("midtier.broker.updates-expiry-ms") private long updatesExpiryMs;

    @PropertyInject("midtier.delivery.backlog-warn-ratio") private double backlogWarnRatio;
    @PropertyInject("midtier.delivery.database-check-ms") private long databaseCheckMs;
    @PropertyInject("midtier.delivery.backlog-warn-age-seconds") private long backlogWarnAgeSeconds;

    // changes (issue 3)
    @PropertyInject("midtier.topic.changes") private String changesTopic;
    @PropertyInject("midtier.changes.sse-max-streams") private int sseMaxStreams;
    @PropertyInject("midtier.changes.sse-heartbeat-ms") private long sseHeartbeatMs;
    @PropertyInject("midtier.changes.sse-poll-ms") private long ssePollMs;
    @PropertyInject("midtier.changes.publish-batch") private int publishBatch;
    @PropertyInject("midtier.changes.subscription-max-messages") private long subscriptionMaxMessages;
    @PropertyInject("midtier.changes.subscription-expiry-ms") private long subscriptionExpiryMs;



    // read path (issue 2): single flight of cache loads
    @PropertyInject("midtier.cache.coalesce.lock-pool-size") private int coalesceLockPoolSize;
    @PropertyInject("midtier.cache.coalesce.lock-wait-ms") private long coalesceLockWaitMs;
    @PropertyInject("midtier.cache.coalesce.max-wait-ms") private long coalesceMaxWaitMs;

    @Override
    public void configure(CamelContext context) throws Exception {
        Infrastructure infra = Infrastructure.start(settings());
        // Close after the routes have stopped, so no consumer is left without its broker or database.
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                infra.close();
            }
        });
        bind(context.getRegistry(), infra);
        bindReadPath(context);
        bindDelivery(context.getRegistry(), infra, context);
        bindChanges(context.getRegistry(), infra, context);
    }

    /**
     * Changes' beans (issue 3): the change log read for SSE streams on plain connections, the signal that wakes
     * them, and the bounds of the changes topic's subscriptions on the embedded broker.
     */
    private void bindChanges(Registry registry, Infrastructure infra, CamelContext context) throws Exception {
        AgroalDataSource plain = PlainDataSourceFactory.create(settings().database(), 4);
        ChangeSignal signal = new ChangeSignal();
        ChangeStream stream = new ChangeStream(new ChangeLog(plain), signal, sseMaxStreams, sseHeartbeatMs,
                ssePollMs, publishBatch);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                plain.close();
            }
        });
        // open streams end first, or the routes' graceful stop would wait for them
        context.getManagementStrategy().addEventNotifier(new EventNotifierSupport() {
            @Override
            public void notify(CamelEvent event) {
                if (event instanceof CamelEvent.CamelContextStoppingEvent) {
                    stream.stop();
                }
            }
        });
        registry.bind("changeSignal", signal);
        registry.bind("changeStream", stream);
        registry.bind("changePublisher", new ChangePublisher(infra.jmsPool(), changesTopic, new ChangeMessages()));
        if (infra.broker() != null) {
            infra.broker().configureAddress(changesTopic, new AddressSettings()
                    .setDefaultRingSize(subscriptionMaxMessages)
                    .setExpiryDelay(subscriptionExpiryMs > 0 ? subscriptionExpiryMs : -1L)
                    .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
        }
    }

    /** The single flight of cache loads, with its own small pool for the per-key advisory locks. */
    private void bindReadPath(CamelContext context) throws Exception {
        KeyLocks locks = KeyLocks.open(settings().database(), coalesceLockPoolSize, coalesceLockWaitMs);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                locks.close();
            }
        });
        context.getRegistry().bind("coalescedLoads", new CoalescedLoads(locks, context.createProducerTemplate(),
                "direct:load-account", coalesceMaxWaitMs));
    }

    /** Delivery's beans: attempts recorded outside the delivery transaction, and the backlog watch. */
    private void bindDelivery(Registry registry, Infrastructure infra, CamelContext context) throws Exception {
        AgroalDataSource plain = PlainDataSourceFactory.create(settings().database(), 4);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                plain.close();
            }
        });
        registry.bind("deliveryAttempts",
                new DeliveryAttempts(plain, infra.transactions().synchronizationRegistry()));
        // the queue consumers that need the database pause while it is out (routePolicy of their routes)
        DatabaseOutageGate gate = new DatabaseOutageGate(plain, databaseCheckMs);
        context.addLifecycleStrategy(new LifecycleStrategySupport() {
            @Override
            public void onContextStopped(CamelContext stopped) {
                gate.close();
            }
        });
        registry.bind("databaseOutageGate", gate);
        UpdatesBacklog backlog = new UpdatesBacklog(infra.broker(), plain, updatesQueue, backlogWarnRatio,
                backlogWarnAgeSeconds);
        registry.bind("updatesBacklog", backlog);
        registry.bind("deliveryBacklogHealthCheck", new DeliveryBacklogHealthCheck(backlog));
        context.addStartupListener((started, alreadyStarted) -> {
            MeterRegistry meters = started.getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
            if (!alreadyStarted && meters != null) {
                backlog.registerGauges(meters);
            }
        });
    }

    MidtierSettings settings() {
        Path data = Path.of(dataDir);
        DatabaseSettings db = new DatabaseSettings(dbUrl, dbUser, dbPassword, dbPoolSize, dbAcquisitionTimeoutMs);
        TransactionManagerSetup.Settings tx = new TransactionManagerSetup.Settings(nodeId,
                data.resolve("tx-object-store"), journalStore, recoveryPeriodSeconds, recoveryBackoffSeconds,
                txTimeoutSeconds);
        BrokerSettings broker = new BrokerSettings(brokerUrl, brokerUser, brokerPassword, data.resolve("artemis"),
                brokerTcpHost, brokerTcpPort, updatesQueue, deadLetterQueue, redeliveryDelayMs, redeliveryMultiplier,
                maxRedeliveryDelayMs, maxDeliveryAttempts, journalBufferTimeoutNs, poolMaxConnections, poolMaxSessions,
                brokerCallTimeoutMs, brokerReconnectAttempts, updatesMaxSizeBytes, updatesExpiryMs);
        return new MidtierSettings(db, tx, broker);
    }

    private static void bind(Registry registry, Infrastructure infra) {
        TransactionManagerSetup tx = infra.transactions();
        registry.bind("infrastructure", infra);
        registry.bind("transactionManager", tx.transactionManager());
        registry.bind("PROPAGATION_REQUIRED", new RequiredJtaTransactionPolicy(tx.transactionManager()));
        registry.bind("cacheDataSource", infra.dataSource());
        JtaTransactionManager jta = JmsSetup.springJtaTransactionManager(tx.userTransaction(), tx.transactionManager());
        registry.bind("jms", JmsSetup.xaJmsComponent(infra.jmsPool(), jta));
        if (infra.broker() != null) {
            registry.bind("embeddedBroker", infra.broker());
        }
    }
}
