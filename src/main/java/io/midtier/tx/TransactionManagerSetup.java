package io.midtier.tx;

import com.arjuna.ats.arjuna.common.ObjectStoreEnvironmentBean;
import com.arjuna.ats.arjuna.common.RecoveryEnvironmentBean;
import com.arjuna.ats.arjuna.common.arjPropertyManager;
import com.arjuna.ats.arjuna.recovery.RecoveryManager;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqJournalEnvironmentBean;
import com.arjuna.ats.internal.arjuna.objectstore.hornetq.HornetqObjectStoreAdaptor;
import com.arjuna.ats.internal.jta.recovery.arjunacore.XARecoveryModule;
import com.arjuna.ats.internal.jta.transaction.arjunacore.TransactionSynchronizationRegistryImple;
import com.arjuna.ats.jta.common.jtaPropertyManager;
import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import com.arjuna.common.internal.util.propertyservice.BeanPopulator;
import io.midtier.run.StartRefused;
import jakarta.transaction.TransactionManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.UserTransaction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Configures Narayana (node identifier, object store, recovery) and starts its recovery manager.
 * Narayana's settings are JVM-wide singletons, so this runs once per process, before any transaction.
 */
public final class TransactionManagerSetup implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionManagerSetup.class);
    /** Narayana puts the node identifier into every Xid; longer ones are rejected. */
    static final int MAX_NODE_ID_BYTES = 28;

    public record Settings(String nodeId, Path objectStoreDir, boolean journalStore,
                           int recoveryPeriodSeconds, int recoveryBackoffSeconds, int defaultTimeoutSeconds) {
    }

    private final RecoveryManager recoveryManager;
    private final XARecoveryModule xaRecoveryModule;
    // stateless (it asks the transaction manager of the calling thread): one for all, made on first use (after the
    // constructor configured Narayana), not one per call, which went through Narayana's property beans each time
    // (ChangeWake asks for it on every commit)
    private volatile TransactionSynchronizationRegistry synchronizationRegistry;

    private TransactionManagerSetup(RecoveryManager recoveryManager, XARecoveryModule xaRecoveryModule) {
        this.recoveryManager = recoveryManager;
        this.xaRecoveryModule = xaRecoveryModule;
    }

    public static TransactionManagerSetup start(Settings settings) {
        validateNodeId(settings.nodeId());
        try {
            arjPropertyManager.getCoreEnvironmentBean().setNodeIdentifier(settings.nodeId());
        } catch (Exception e) {
            throw new IllegalStateException("cannot set the Narayana node identifier", e);
        }
        // The default, state and communication stores are configured separately; all three must move,
        // or the journal store writes into the working directory.
        String dir = settings.objectStoreDir().toAbsolutePath().toString();
        for (String store : new String[] {null, "stateStore", "communicationStore"}) {
            ObjectStoreEnvironmentBean bean = BeanPopulator.getNamedInstance(ObjectStoreEnvironmentBean.class, store);
            bean.setObjectStoreDir(dir);
            if (settings.journalStore()) {
                bean.setObjectStoreType(HornetqObjectStoreAdaptor.class.getName());
                // each named store opens its own journal (a named journal bean, relative to the working directory
                // unless told): one folder each, under the object store
                String journal = "HornetqJournalStore" + (store == null ? "" : "-" + store);
                BeanPopulator.getNamedInstance(HornetqJournalEnvironmentBean.class, store)
                        .setStoreDir(settings.objectStoreDir().resolve(journal).toAbsolutePath().toString());
            }
        }
        arjPropertyManager.getObjectStoreEnvironmentBean().setObjectStoreDir(dir);
        jtaPropertyManager.getJTAEnvironmentBean().setXaRecoveryNodes(List.of(settings.nodeId()));
        // log records carry the name of their resource manager, so recovery can close one whose branch that
        // manager completed before a crash (read once, when Narayana's record class loads: set before any transaction)
        jtaPropertyManager.getJTAEnvironmentBean().setXAResourceRecordWrappingPlugin(new NamedResourceRecords());
        arjPropertyManager.getCoordinatorEnvironmentBean().setDefaultTimeout(settings.defaultTimeoutSeconds());
        // Narayana ends a transaction that outlives its timeout itself (its reaper rolls it back); telling each
        // resource the timeout on every enlistment is one more broker round trip per transaction (PUT, delivery,
        // and every idle consumer's empty receive) for nothing: pgjdbc ignores it, and Artemis rolls back a branch
        // left unprepared by a process that died after its own transaction timeout.
        jtaPropertyManager.getJTAEnvironmentBean().setXaTransactionTimeoutEnabled(false);
        // A transaction with one resource enlisted (a publisher batch that found nothing, a refused PUT) would be
        // committed in one phase: if the connection dies during that commit, no-one can learn the outcome, and
        // Narayana keeps a heuristic-hazard record that recovery never completes (ARJUNA012084). In two phases the
        // branch is prepared first, and recovery completes it like any other. The hot paths (PUT, delivery) have
        // two resources and commit in two phases anyway.
        arjPropertyManager.getCoordinatorEnvironmentBean().setCommitOnePhase(false);

        RecoveryEnvironmentBean recovery = BeanPopulator.getDefaultInstance(RecoveryEnvironmentBean.class);
        // No listener socket: several instances may run on one host, and nothing here talks to it.
        recovery.setRecoveryListener(false);
        // transactional objects (TXOJ) are not used here: no need to scan for them on every pass
        recovery.setRecoveryModuleClassNames(recovery.getRecoveryModuleClassNames().stream()
                .filter(module -> !module.endsWith(".TORecoveryModule")).toList());
        recovery.setPeriodicRecoveryPeriod(settings.recoveryPeriodSeconds());
        recovery.setRecoveryBackoffPeriod(settings.recoveryBackoffSeconds());

        RecoveryManager manager = RecoveryManager.manager(RecoveryManager.INDIRECT_MANAGEMENT);
        manager.initialize();
        XARecoveryModule module = XARecoveryModule.getRegisteredXARecoveryModule();
        if (module == null) {
            throw new IllegalStateException("Narayana started without its XA recovery module");
        }
        LOG.info("Narayana node {} with object store {} ({} store); recovery every {} s",
                settings.nodeId(), dir, settings.journalStore() ? "journal" : "file", settings.recoveryPeriodSeconds());
        return new TransactionManagerSetup(manager, module);
    }

    /** Refuses a node id Narayana cannot use (also checked before the instance claim takes it: InstanceClaim). */
    public static void validateNodeId(String nodeId) {
        if (nodeId == null || nodeId.isBlank()) {
            throw new StartRefused("midtier.tx.node-id must be set and unique per running instance");
        }
        if (nodeId.getBytes(StandardCharsets.UTF_8).length > MAX_NODE_ID_BYTES) {
            throw new StartRefused("midtier.tx.node-id '" + nodeId + "' is longer than " + MAX_NODE_ID_BYTES
                    + " bytes (Narayana puts it into every transaction id)");
        }
    }

    /** Registers a resource for recovery; only valid once the recovery manager exists. */
    public void addRecoveryHelper(XAResourceRecoveryHelper helper) {
        xaRecoveryModule.addXAResourceRecoveryHelper(helper);
    }

    public void removeRecoveryHelper(XAResourceRecoveryHelper helper) {
        xaRecoveryModule.removeXAResourceRecoveryHelper(helper);
    }

    /** A registry in the form Agroal's Narayana integration expects. */
    public org.jboss.tm.XAResourceRecoveryRegistry recoveryRegistry() {
        return new RecoveryRegistryAdapter(this);
    }

    /** Runs one recovery pass now (both phases), e.g. before accepting traffic after a crash. */
    public void recoverNow() {
        recoveryManager.scan();
    }

    public TransactionManager transactionManager() {
        return com.arjuna.ats.jta.TransactionManager.transactionManager();
    }

    public UserTransaction userTransaction() {
        return com.arjuna.ats.jta.UserTransaction.userTransaction();
    }

    public TransactionSynchronizationRegistry synchronizationRegistry() {
        TransactionSynchronizationRegistry registry = synchronizationRegistry;
        if (registry == null) {
            registry = new TransactionSynchronizationRegistryImple();
            synchronizationRegistry = registry;
        }
        return registry;
    }

    @Override
    public void close() {
        recoveryManager.terminate();
    }
}
