package io.midtier.tx;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.transaction.xa.XAResource;
import org.jboss.tm.XAResourceRecovery;
import org.jboss.tm.XAResourceRecoveryRegistry;

/** Lets Agroal register its datasource for recovery with the plain Narayana XA recovery module. */
final class RecoveryRegistryAdapter implements XAResourceRecoveryRegistry {

    private final TransactionManagerSetup setup;
    private final Map<XAResourceRecovery, XAResourceRecoveryHelper> helpers = new ConcurrentHashMap<>();

    RecoveryRegistryAdapter(TransactionManagerSetup setup) {
        this.setup = setup;
    }

    @Override
    public void addXAResourceRecovery(XAResourceRecovery recovery) {
        XAResourceRecoveryHelper helper = new XAResourceRecoveryHelper() {
            @Override
            public boolean initialise(String p) {
                return true;
            }

            @Override
            public XAResource[] getXAResources() {
                return recovery.getXAResources();
            }
        };
        helpers.put(recovery, helper);
        setup.addRecoveryHelper(helper);
    }

    @Override
    public void removeXAResourceRecovery(XAResourceRecovery recovery) {
        XAResourceRecoveryHelper helper = helpers.remove(recovery);
        if (helper != null) {
            setup.removeRecoveryHelper(helper);
        }
    }
}
