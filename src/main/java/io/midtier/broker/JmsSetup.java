package io.midtier.broker;

import jakarta.jms.ConnectionFactory;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.UserTransaction;
import org.apache.activemq.artemis.jms.client.ActiveMQXAConnectionFactory;
import org.apache.camel.component.jms.ConsumerType;
import org.apache.camel.component.jms.JmsComponent;
import org.messaginghub.pooled.jms.JmsPoolXAConnectionFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.jta.JtaTransactionManager;

/**
 * The JMS side of the XA wiring. The pool is an XA pool given the Narayana TM, so every session it hands
 * out inside a transaction is enlisted in it; camel-jms gets a JTA transaction manager and
 * {@code transacted=false}, so it never falls back to a local JMS transaction that would leave the broker
 * outside the XA transaction.
 */
public final class JmsSetup {

    /** How long an idle consumer of the delivery's component waits for a message in one receive. */
    static final long IDLE_RECEIVE_TIMEOUT_MS = 5_000;

    private JmsSetup() {
    }

    public static ActiveMQXAConnectionFactory xaConnectionFactory(BrokerSettings settings) {
        ActiveMQXAConnectionFactory factory = settings.user() == null || settings.user().isBlank()
                ? new ActiveMQXAConnectionFactory(settings.clientUrl())
                : new ActiveMQXAConnectionFactory(settings.clientUrl(), settings.user(), settings.password());
        // Set only where the URL is silent: the URL's own parameters are the operator's word for this broker (a
        // broker pair's failover URL carries reconnectAttempts=-1; docs/scale-out.md).
        BrokerUrl url = BrokerUrl.parse(settings.clientUrl());
        // A few quick reconnect attempts ride out a blip. Not more: while the client reconnects it holds a lock
        // that every new session waits on, so a PUT would hang instead of answering 503. After a real outage
        // the pool drops the failed connection and Spring's listener containers reconnect the consumers.
        unlessNamed(url, "reconnectAttempts", () -> factory.setReconnectAttempts(settings.reconnectAttempts()));
        unlessNamed(url, "callTimeout", () -> factory.setCallTimeout(settings.callTimeoutMs()));
        // a blocking call made while the client fails over to the backup gives up after this (the PUT gets 503)
        unlessNamed(url, "callFailoverTimeout", () -> factory.setCallFailoverTimeout(settings.callTimeoutMs()));
        // No prefetch: XA consumers live for one message (CACHE_NONE), so a prefetched batch would only be
        // handed back on close, and message groups rebound with it. The delivery's kept consumer (jmsLocal, same
        // factory) would hold a parked update sent again at priority 9 behind the messages in its buffer (its group
        // is bound to that consumer), which is the backlog the priority exists to skip. Not left to the URL: it is a
        // correctness setting.
        factory.setConsumerWindowSize(0);
        unlessNamed(url, "retryInterval", () -> factory.setRetryInterval(500));
        unlessNamed(url, "retryIntervalMultiplier", () -> factory.setRetryIntervalMultiplier(2.0));
        unlessNamed(url, "maxRetryInterval", () -> factory.setMaxRetryInterval(5_000));
        return factory;
    }

    /** midtier's client tuning, set only where the broker URL does not name the parameter itself. */
    private static void unlessNamed(BrokerUrl url, String parameter, Runnable setDefault) {
        if (!url.names(parameter)) {
            setDefault.run();
        }
    }

    public static JmsPoolXAConnectionFactory pooledXaConnectionFactory(ActiveMQXAConnectionFactory xa,
                                                                      TransactionManager tm,
                                                                      BrokerSettings settings) {
        JmsPoolXAConnectionFactory pool = new JmsPoolXAConnectionFactory();
        pool.setConnectionFactory(xa);
        pool.setTransactionManager(tm);
        pool.setMaxConnections(settings.poolMaxConnections());
        // One pooled session is held per message sent inside an XA transaction until it completes.
        pool.setMaxSessionsPerConnection(settings.poolMaxSessionsPerConnection());
        pool.setBlockIfSessionPoolIsFullTimeout(5_000);
        return pool;
    }

    public static JtaTransactionManager springJtaTransactionManager(UserTransaction ut, TransactionManager tm) {
        JtaTransactionManager jta = new JtaTransactionManager(ut, tm);
        jta.afterPropertiesSet();
        return jta;
    }

    /**
     * The XA component ({@code jms}): its sends belong inside a JTA transaction, whose prepare is what waits for the
     * broker. The pool's sessions are XA sessions even outside one, and Artemis' client does not wait for a send on
     * them: a send that must reach the broker outside a transaction goes through {@code jmsLocal}.
     * <p>
     * Its consumers (orders, order replies, dead letters) are idle nearly always, and each idle receive is a JTA
     * transaction with a two-phase commit; they wait half the transaction timeout in one receive (30 s by default),
     * the transaction begun before the receive ending well within it. Their container ends the receive when its
     * route stops ({@link WakeOnStopListenerContainer}), so the long wait delays no stop.
     *
     * @param transactionTimeoutSeconds Narayana's transaction timeout ({@code midtier.tx.timeout-seconds})
     */
    public static JmsComponent xaJmsComponent(ConnectionFactory pool, PlatformTransactionManager jta,
                                              int transactionTimeoutSeconds) {
        JmsComponent jms = component(pool, xaIdleReceiveMillis(transactionTimeoutSeconds));
        jms.setTransactionManager(jta);
        jms.setTransacted(false);
        // XA consumers must not cache sessions across transactions.
        jms.setCacheLevelName("CACHE_NONE");
        jms.setConsumerType(ConsumerType.Custom);
        jms.setMessageListenerContainerFactory(WakeOnStopListenerContainer::new);
        return jms;
    }

    /** Half the transaction timeout: the idle receive's transaction must end before Narayana's reaper aborts it. */
    static long xaIdleReceiveMillis(int transactionTimeoutSeconds) {
        if (transactionTimeoutSeconds <= 0) {
            throw new IllegalArgumentException("midtier.tx.timeout-seconds must be positive, was "
                    + transactionTimeoutSeconds);
        }
        return transactionTimeoutSeconds * 1_000L / 2;
    }

    /** What both components share: persistent sends, the idle receive's wait (each its own), destinations resolved. */
    private static JmsComponent component(ConnectionFactory connectionFactory, long idleReceiveMillis) {
        JmsComponent jms = new JmsComponent();
        jms.setConnectionFactory(connectionFactory);
        jms.setDeliveryPersistent(true);
        // An idle listener wakes once per receive: with Spring's default 1 s, each idle consumer did that every second.
        // A message still arrives at once (the receive returns when it does); a longer wait only delays how soon a
        // stopping consumer of Spring's container notices (the XA component's container is woken, xaJmsComponent).
        jms.getConfiguration().setReceiveTimeout(idleReceiveMillis);
        // each queue's destination resolved once, not per send and per consumer created
        jms.setDestinationResolver(new CachedDestinations());
        return jms;
    }

    /**
     * The delivery's JMS component ({@code jmsLocal}): no XA, no JMS transaction; the message is acknowledged
     * (CLIENT_ACKNOWLEDGE) after the exchange completes, and recovered (the broker redelivers it, counted, after its
     * redelivery delay) when the exchange failed. The listener container keeps its connection, session and consumer
     * from one message to the next ({@code CACHE_CONSUMER}): no consumer created and closed per message, no queue
     * query per creation, no XA start, end and prepare.
     * <p>
     * The acknowledgement is sent without waiting for the broker's answer (the client's {@code blockOnAcknowledge},
     * false by default and left so): by then the update's outcome is committed in the database, and a lost
     * acknowledgement only redelivers a message whose claim finds the update settled. A transacted session's commit
     * made every consumer wait for the broker's journal sync (5–6 ms a message, docs/BENCHMARKS.md). Why the delivery
     * is safe this way: docs/reliability.md ("Delivery by claim").
     *
     * @param connectionFactory a plain (non-XA) factory: the broker's connection factory, not the XA pool
     */
    public static JmsComponent localJmsComponent(ConnectionFactory connectionFactory) {
        JmsComponent jms = component(connectionFactory, IDLE_RECEIVE_TIMEOUT_MS);
        jms.setTransacted(false);
        jms.setAcknowledgementModeName("CLIENT_ACKNOWLEDGE");
        jms.setCacheLevelName("CACHE_CONSUMER");
        return jms;
    }
}
