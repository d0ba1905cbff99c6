package io.midtier.tx;

import jakarta.transaction.HeuristicMixedException;
import jakarta.transaction.HeuristicRollbackException;
import jakarta.transaction.InvalidTransactionException;
import jakarta.transaction.NotSupportedException;
import jakarta.transaction.RollbackException;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import jakarta.transaction.TransactionManager;
import javax.transaction.xa.XAResource;

/**
 * The transaction manager as a client library that enlists resources itself (the pooled JMS factory) sees it:
 * every resource it enlists is enlisted as a {@link NamedXAResource} of one resource manager, so Narayana's log
 * records name it (see {@link NamedResourceRecords}).
 */
public final class NamingTransactionManager implements TransactionManager {

    private final TransactionManager tm;
    private final String name;
    private final String product;

    public NamingTransactionManager(TransactionManager tm, String name, String product) {
        this.tm = tm;
        this.name = name;
        this.product = product;
    }

    @Override
    public Transaction getTransaction() throws SystemException {
        Transaction transaction = tm.getTransaction();
        return transaction == null ? null : new NamingTransaction(transaction);
    }

    @Override
    public void begin() throws NotSupportedException, SystemException {
        tm.begin();
    }

    @Override
    public void commit() throws RollbackException, HeuristicMixedException, HeuristicRollbackException,
            SecurityException, IllegalStateException, SystemException {
        tm.commit();
    }

    @Override
    public int getStatus() throws SystemException {
        return tm.getStatus();
    }

    @Override
    public void resume(Transaction transaction) throws InvalidTransactionException, IllegalStateException,
            SystemException {
        tm.resume(transaction instanceof NamingTransaction naming ? naming.transaction : transaction);
    }

    @Override
    public void rollback() throws IllegalStateException, SecurityException, SystemException {
        tm.rollback();
    }

    @Override
    public void setRollbackOnly() throws IllegalStateException, SystemException {
        tm.setRollbackOnly();
    }

    @Override
    public void setTransactionTimeout(int seconds) throws SystemException {
        tm.setTransactionTimeout(seconds);
    }

    @Override
    public Transaction suspend() throws SystemException {
        return tm.suspend();
    }

    private final class NamingTransaction implements Transaction {

        private final Transaction transaction;

        NamingTransaction(Transaction transaction) {
            this.transaction = transaction;
        }

        private XAResource named(XAResource resource) {
            return resource instanceof NamedXAResource ? resource : new NamedXAResource(resource, name, product);
        }

        @Override
        public boolean enlistResource(XAResource resource) throws RollbackException, IllegalStateException,
                SystemException {
            return transaction.enlistResource(named(resource));
        }

        @Override
        public boolean delistResource(XAResource resource, int flag) throws IllegalStateException, SystemException {
            return transaction.delistResource(named(resource), flag);
        }

        @Override
        public void commit() throws RollbackException, HeuristicMixedException, HeuristicRollbackException,
                SecurityException, IllegalStateException, SystemException {
            transaction.commit();
        }

        @Override
        public int getStatus() throws SystemException {
            return transaction.getStatus();
        }

        @Override
        public void registerSynchronization(Synchronization sync) throws RollbackException, IllegalStateException,
                SystemException {
            transaction.registerSynchronization(sync);
        }

        @Override
        public void rollback() throws IllegalStateException, SystemException {
            transaction.rollback();
        }

        @Override
        public void setRollbackOnly() throws IllegalStateException, SystemException {
            transaction.setRollbackOnly();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof NamingTransaction naming ? transaction.equals(naming.transaction)
                    : transaction.equals(other);
        }

        @Override
        public int hashCode() {
            return transaction.hashCode();
        }

        @Override
        public String toString() {
            return transaction.toString();
        }
    }
}
