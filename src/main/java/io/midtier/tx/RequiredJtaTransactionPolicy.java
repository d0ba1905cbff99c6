package io.midtier.tx;

import jakarta.transaction.Status;
import jakarta.transaction.SystemException;
import jakarta.transaction.TransactionManager;
import java.util.function.Supplier;
import org.apache.camel.jta.JtaTransactionPolicy;

/**
 * PROPAGATION_REQUIRED for routes: joins the transaction a transacted JMS consumer began, or begins
 * (and ends) one of its own. On failure a joined transaction is only marked rollback-only, so the one
 * who began it (e.g. the listener container) rolls it back and the message is redelivered.
 */
public final class RequiredJtaTransactionPolicy extends JtaTransactionPolicy {

    private final Supplier<TransactionManager> transactionManagerSource;
    private volatile TransactionManager transactionManager;

    public RequiredJtaTransactionPolicy(TransactionManager transactionManager) {
        this(() -> transactionManager);
    }

    /** The policy for a transaction manager still starting: the routes take it before it exists. */
    public RequiredJtaTransactionPolicy(Supplier<TransactionManager> transactionManager) {
        this.transactionManagerSource = transactionManager;
    }

    private TransactionManager transactionManager() {
        TransactionManager tm = transactionManager;
        if (tm == null) {
            tm = transactionManagerSource.get();
            transactionManager = tm;
        }
        return tm;
    }

    @Override
    public void run(Runnable runnable) throws Throwable {
        TransactionManager transactionManager = transactionManager();
        boolean owner = transactionManager.getStatus() == Status.STATUS_NO_TRANSACTION;
        if (owner) {
            transactionManager.begin();
        }
        try {
            runnable.run();
        } catch (Throwable failure) {
            rollback(owner);
            throw failure;
        }
        if (owner) {
            if (transactionManager.getStatus() == Status.STATUS_MARKED_ROLLBACK) {
                transactionManager.rollback();
            } else {
                transactionManager.commit();
            }
        }
    }

    private void rollback(boolean owner) throws SystemException {
        TransactionManager transactionManager = transactionManager();
        if (owner) {
            transactionManager.rollback();
        } else if (transactionManager.getStatus() == Status.STATUS_ACTIVE) {
            transactionManager.setRollbackOnly();
        }
    }
}
