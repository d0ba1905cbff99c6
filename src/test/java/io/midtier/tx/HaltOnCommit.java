package io.midtier.tx;

import java.io.Serializable;
import javax.transaction.xa.XAException;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;

/**
 * A third XA participant that halts the JVM when it is told to commit. Enlisted first, it is committed
 * first: PostgreSQL and Artemis are then prepared and the decision logged, but neither has committed.
 * Serializable, so Narayana writes it into its log and the restarted JVM (where halting is off) can
 * complete it.
 */
public final class HaltOnCommit implements XAResource, Serializable {

    private static final long serialVersionUID = 1L;
    /** Set in the JVM that is to crash; the restarted JVM does not set it. */
    public static final String HALT_PROPERTY = "midtier.test.halt-on-commit";

    @Override
    public void commit(Xid xid, boolean onePhase) {
        if (Boolean.getBoolean(HALT_PROPERTY)) {
            System.out.println("HALTING in the commit phase");
            System.out.flush();
            Runtime.getRuntime().halt(42);
        }
    }

    @Override
    public int prepare(Xid xid) {
        return XA_OK;
    }

    @Override
    public void rollback(Xid xid) {
    }

    @Override
    public void start(Xid xid, int flags) {
    }

    @Override
    public void end(Xid xid, int flags) {
    }

    @Override
    public void forget(Xid xid) {
    }

    @Override
    public Xid[] recover(int flag) {
        return new Xid[0];
    }

    @Override
    public boolean isSameRM(XAResource other) {
        return other == this;
    }

    @Override
    public int getTransactionTimeout() {
        return 0;
    }

    @Override
    public boolean setTransactionTimeout(int seconds) throws XAException {
        return false;
    }
}
