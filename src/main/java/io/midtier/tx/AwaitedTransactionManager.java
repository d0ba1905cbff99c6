package io.midtier.tx;

import java.util.function.Supplier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;

/**
 * Spring's view of a transaction manager still being started: the JMS component holds this one while the routes
 * are built, and the first transaction a listener begins waits for the real one (Narayana behind Spring's JTA
 * adapter).
 */
public final class AwaitedTransactionManager implements PlatformTransactionManager {

    private final Supplier<? extends PlatformTransactionManager> target;

    public AwaitedTransactionManager(Supplier<? extends PlatformTransactionManager> target) {
        this.target = target;
    }

    @Override
    public TransactionStatus getTransaction(TransactionDefinition definition) throws TransactionException {
        return target.get().getTransaction(definition);
    }

    @Override
    public void commit(TransactionStatus status) throws TransactionException {
        target.get().commit(status);
    }

    @Override
    public void rollback(TransactionStatus status) throws TransactionException {
        target.get().rollback(status);
    }
}
