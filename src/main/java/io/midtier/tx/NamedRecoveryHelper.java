package io.midtier.tx;

import com.arjuna.ats.jta.recovery.XAResourceRecoveryHelper;
import java.util.Arrays;
import javax.transaction.xa.XAResource;

/** A recovery helper whose resources carry a resource manager's name (see {@link NamedResourceRecords}). */
public final class NamedRecoveryHelper implements XAResourceRecoveryHelper {

    private final XAResourceRecoveryHelper helper;
    private final String name;
    private final String product;

    private NamedRecoveryHelper(XAResourceRecoveryHelper helper, String name, String product) {
        this.helper = helper;
        this.name = name;
        this.product = product;
    }

    public static NamedRecoveryHelper of(XAResourceRecoveryHelper helper, String name, String product) {
        return new NamedRecoveryHelper(helper, name, product);
    }

    @Override
    public boolean initialise(String p) throws Exception {
        return helper.initialise(p);
    }

    @Override
    public XAResource[] getXAResources() throws Exception {
        XAResource[] resources = helper.getXAResources();
        return resources == null ? null : Arrays.stream(resources)
                .map(resource -> new NamedXAResource(resource, name, product))
                .toArray(XAResource[]::new);
    }
}
