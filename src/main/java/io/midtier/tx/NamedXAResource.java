package io.midtier.tx;

import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.jboss.tm.XAResourceWrapper;

/**
 * An XA resource with the name of the resource manager behind it, both when it is enlisted and when the recovery
 * module scans with it: Narayana writes the name into its log record, and can then close a record whose branch the
 * named resource manager no longer knows (it was completed before a crash) instead of keeping it for ever.
 * Equal to any other wrapper of the same resource, so delisting through a second wrapper finds the first.
 */
public final class NamedXAResource implements XAResourceWrapper {

    private final XAResource resource;
    private final String name;
    private final String product;

    public NamedXAResource(XAResource resource, String name, String product) {
        this.resource = resource;
        this.name = name;
        this.product = product;
    }

    @Override
    public XAResource getResource() {
        return resource;
    }

    @Override
    public String getProductName() {
        return product;
    }

    @Override
    public String getProductVersion() {
        return null;
    }

    @Override
    public String getJndiName() {
        return name;
    }

    private static XAResource unwrap(XAResource other) {
        return other instanceof NamedXAResource named ? named.resource : other;
    }

    @Override
    public boolean isSameRM(XAResource other) throws XAException {
        return resource.isSameRM(unwrap(other));
    }

    @Override
    public void start(Xid xid, int flags) throws XAException {
        resource.start(xid, flags);
    }

    @Override
    public void end(Xid xid, int flags) throws XAException {
        resource.end(xid, flags);
    }

    @Override
    public int prepare(Xid xid) throws XAException {
        return resource.prepare(xid);
    }

    @Override
    public void commit(Xid xid, boolean onePhase) throws XAException {
        resource.commit(xid, onePhase);
    }

    @Override
    public void rollback(Xid xid) throws XAException {
        resource.rollback(xid);
    }

    @Override
    public void forget(Xid xid) throws XAException {
        resource.forget(xid);
    }

    /**
     * A scan that fails to start is ended at once: Narayana does not end a scan whose start failed, and the broker's
     * recovery helper lets go of its connection only when a scan ends. Without this, a connection that died with the
     * broker was asked again on every pass, for ever, and the transactions whose broker branch waited for recovery
     * (prepared before the broker died) were never completed: their messages stayed invisible and their updates
     * PENDING.
     */
    @Override
    public Xid[] recover(int flag) throws XAException {
        try {
            return resource.recover(flag);
        } catch (XAException | RuntimeException e) {
            if ((flag & TMSTARTRSCAN) != 0 && (flag & TMENDRSCAN) == 0) {
                endFailedScan(e);
            }
            throw e;
        }
    }

    private void endFailedScan(Exception failure) {
        try {
            resource.recover(TMENDRSCAN);
        } catch (XAException | RuntimeException ending) {
            failure.addSuppressed(ending);
        }
    }

    @Override
    public int getTransactionTimeout() throws XAException {
        return resource.getTransactionTimeout();
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return resource.setTransactionTimeout(seconds);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof XAResource xa && unwrap(xa) == resource;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(resource);
    }

    @Override
    public String toString() {
        return name + "[" + resource + "]";
    }
}
