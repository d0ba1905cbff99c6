package io.midtier.broker;

import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.SecurityConfiguration;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerBasePlugin;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.InVMLoginModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A real Artemis broker inside the midtier JVM, with a persistent journal in the data directory. */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String CLIENT_ROLE = "midtier-client";
    static final int JOURNAL_FILE_BYTES = 2 * 1024 * 1024;

    private final EmbeddedActiveMQ server;

    private EmbeddedBroker(EmbeddedActiveMQ server) {
        this.server = server;
    }

    public static EmbeddedBroker start(BrokerSettings settings) throws Exception {
        EmbeddedActiveMQ server = new EmbeddedActiveMQ();
        server.setConfiguration(configuration(settings));
        server.setSecurityManager(securityManager(settings));
        server.start();
        LOG.info("embedded Artemis broker started; journal in {}", settings.dataDir().toAbsolutePath());
        return new EmbeddedBroker(server);
    }

    static Configuration configuration(BrokerSettings settings) throws Exception {
        String dir = settings.dataDir().toAbsolutePath().toString();
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName("midtier-embedded");
        config.setPersistenceEnabled(true);
        config.setJournalDirectory(dir + "/journal");
        config.setBindingsDirectory(dir + "/bindings");
        config.setLargeMessagesDirectory(dir + "/large-messages");
        config.setPagingDirectory(dir + "/paging");
        // The journal type is Artemis' default: libaio where its native library loads, else NIO (measured against NIO
        // forced: as fast or a little faster, docs/BENCHMARKS.md). The buffer timeout is set for both (NIO's own
        // default, 3.33 ms, held up every commit of a single client).
        config.setJournalBufferTimeout_NIO((int) settings.journalBufferTimeoutNanos());
        config.setJournalBufferTimeout_AIO((int) settings.journalBufferTimeoutNanos());
        // Sized for this job (updates of a few hundred bytes, a few hundred a second): the default 10 MiB files are
        // zero-filled and synced when created, which cost about a second of a fresh start; 2 MiB files hold
        // thousands of updates each, and a few ready files in the pool keep file creation out of the commit path.
        config.setJournalFileSize(JOURNAL_FILE_BYTES);
        config.setJournalMinFiles(2);
        config.setJournalPoolFiles(4);
        // Every connection, in-VM ones included, must log in as the configured broker user.
        config.setSecurityEnabled(true);
        config.putSecurityRoles("#", Set.of(new Role(CLIENT_ROLE, true, true, true, true, true, true, true, true, true,
                true, true, true)));
        config.setJMXManagementEnabled(true);
        config.addAcceptorConfiguration("in-vm", "vm://0");
        if (settings.tcpPort() > 0) {
            config.addAcceptorConfiguration("tcp", "tcp://" + settings.tcpHost() + ":" + settings.tcpPort());
        }
        // A back-end that never comes back must not fill the disk silently: the queue's storage is bounded
        // (a send beyond it fails, so the write is refused and nothing is written) and an update that waited
        // too long expires into the dead-letter queue, where it becomes FAILED and visible to support.
        config.addAddressSetting(settings.updatesQueue(), new AddressSettings()
                .setDeadLetterAddress(SimpleString.of(settings.deadLetterQueue()))
                .setRedeliveryDelay(settings.redeliveryDelayMs())
                .setRedeliveryMultiplier(settings.redeliveryMultiplier())
                .setMaxRedeliveryDelay(settings.maxRedeliveryDelayMs())
                .setMaxDeliveryAttempts(settings.maxDeliveryAttempts())
                .setMaxSizeBytes(settings.updatesMaxSizeBytes())
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.FAIL)
                .setExpiryAddress(SimpleString.of(settings.deadLetterQueue()))
                .setExpiryDelay(settings.updatesExpiryMs() > 0 ? settings.updatesExpiryMs() : -1L));
        // Dead letters are never dropped or refused: retried without limit (with the updates' backoff: one whose
        // update may have reached the back-end waits for the back-end to answer), paged to disk beyond
        // deadLetterMemoryBytes in memory.
        config.addAddressSetting(settings.deadLetterQueue(), new AddressSettings()
                .setMaxSizeBytes(settings.deadLetterMemoryBytes())
                .setRedeliveryDelay(settings.redeliveryDelayMs())
                .setRedeliveryMultiplier(settings.redeliveryMultiplier())
                .setMaxRedeliveryDelay(settings.maxRedeliveryDelayMs())
                .setMaxDeliveryAttempts(-1)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE));
        config.addAddressConfiguration(anycastQueue(settings.updatesQueue()));
        config.addAddressConfiguration(anycastQueue(settings.deadLetterQueue()));
        settings.durableQueues().forEach(queue -> config.addAddressConfiguration(anycastQueue(queue)));
        return config;
    }

    /** The one broker user (midtier.broker.user/password), with every permission on every address. */
    static ActiveMQJAASSecurityManager securityManager(BrokerSettings settings) {
        if (settings.user() == null || settings.user().isBlank() || settings.password() == null
                || settings.password().isEmpty()) {
            throw new IllegalArgumentException("the embedded broker requires a login: set midtier.broker.user and"
                    + " midtier.broker.password");
        }
        SecurityConfiguration users = new SecurityConfiguration();
        users.addUser(settings.user(), settings.password());
        users.addRole(settings.user(), CLIENT_ROLE);
        return new ActiveMQJAASSecurityManager(InVMLoginModule.class.getName(), users);
    }

    private static CoreAddressConfiguration anycastQueue(String name) {
        return new CoreAddressConfiguration()
                .setName(name)
                .addRoutingType(RoutingType.ANYCAST)
                .addQueueConfiguration(QueueConfiguration.of(name).setRoutingType(RoutingType.ANYCAST).setDurable(true));
    }

    /** Messages ever added to a queue (committed sends only): what tests and metrics count. */
    public long messagesAdded(String queue) {
        return queueFigure(queue, Queue::getMessagesAdded);
    }

    /** Messages of a queue waiting for their redelivery delay to pass. */
    public long scheduledCount(String queue) {
        return queueFigure(queue, Queue::getScheduledCount);
    }

    /** Messages waiting in a queue now, delivered-but-unacknowledged ones included. */
    public long messageCount(String queue) {
        return queueFigure(queue, Queue::getMessageCount);
    }

    /** Consumers a queue has now. */
    public long consumerCount(String queue) {
        return queueFigure(queue, Queue::getConsumerCount);
    }

    /** One count of a queue; 0 when the queue does not exist (yet). */
    private long queueFigure(String queue, ToLongFunction<Queue> figure) {
        Queue q = server.getActiveMQServer().locateQueue(queue);
        return q == null ? 0 : figure.applyAsLong(q);
    }

    /** Bytes an address holds in memory now, and the most it may hold (-1 = unbounded). */
    public long addressSizeBytes(String address) {
        try {
            var store = server.getActiveMQServer().getPagingManager().getPageStore(SimpleString.of(address));
            return store == null ? 0 : store.getAddressSize();
        } catch (Exception e) {
            return 0;
        }
    }

    /** Whether an address pages its messages to disk now (it holds more than its memory bound). */
    public boolean paging(String address) {
        try {
            var store = server.getActiveMQServer().getPagingManager().getPageStore(SimpleString.of(address));
            return store != null && store.isPaging();
        } catch (Exception e) {
            return false;
        }
    }

    public long addressMaxSizeBytes(String address) {
        return server.getActiveMQServer().getAddressSettingsRepository().getMatch(address).getMaxSizeBytes();
    }

    /** Adds address settings while the broker runs (e.g. the changes topic's bounds, issue 3). */
    public void configureAddress(String match, AddressSettings settings) {
        server.getActiveMQServer().getAddressSettingsRepository().addMatch(match, settings);
    }

    /**
     * The XA transactions prepared on this broker and neither committed nor rolled back yet (a transaction manager's
     * recovery completes them), as the broker's management API lists them ({@code listPreparedTransactions}).
     */
    public java.util.List<String> preparedTransactions() throws Exception {
        return java.util.List.of(server.getActiveMQServer().getActiveMQServerControl().listPreparedTransactions());
    }

    /**
     * Adds a plugin to the running broker, or removes it: what a test uses to watch (or hold) the broker's handling
     * of sends and acknowledgements.
     */
    public void registerPlugin(ActiveMQServerBasePlugin plugin) {
        server.getActiveMQServer().registerBrokerPlugin(plugin);
    }

    public void unregisterPlugin(ActiveMQServerBasePlugin plugin) {
        server.getActiveMQServer().unRegisterBrokerPlugin(plugin);
    }

    public boolean isActive() {
        return server.getActiveMQServer() != null && server.getActiveMQServer().isActive();
    }

    /** Stops the broker and keeps its journal: what a broker outage looks like to midtier's clients. */
    public void stopBroker() throws Exception {
        server.stop();
    }

    /** Starts a stopped broker again from its journal. */
    public void startBroker() throws Exception {
        server.start();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
