package io.midtier.tx;

import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecord;
import com.arjuna.ats.internal.jta.resources.arjunacore.XAResourceRecordWrappingPlugin;
import javax.transaction.xa.XAResource;
import org.jboss.tm.XAResourceWrapper;

/**
 * Narayana plugin that copies the resource manager's name of a named resource ({@link XAResourceWrapper}: Agroal's
 * PostgreSQL resources, {@link NamedXAResource} for the broker) into the transaction's log record.
 *
 * <p>Why: after a crash (the broker's or midtier's) a log record may name a branch its resource manager has
 * already completed. Recovery cannot find that branch in the manager's list of in-doubt branches; without a name
 * it cannot tell "completed" from "manager not asked", and logs ARJUNA016037/016038 for the record on every pass,
 * for ever. With the name, once the named manager answered a recovery scan without the branch, the record is
 * complete and is removed.
 */
public final class NamedResourceRecords implements XAResourceRecordWrappingPlugin {

    /** Narayana puts this number into each branch qualifier; midtier does not map names to numbers. */
    private static final int NO_EIS_NAME = 0;

    @Override
    public void transcribeWrapperData(XAResourceRecord record) {
        if (record.value() instanceof XAResourceWrapper named) {
            record.setJndiName(named.getJndiName());
            record.setProductName(named.getProductName());
            record.setProductVersion(named.getProductVersion());
        }
    }

    @Override
    public Integer getEISName(XAResource resource) {
        return NO_EIS_NAME;
    }

    @Override
    public String getEISName(Integer eisName) {
        return String.valueOf(eisName);
    }
}
