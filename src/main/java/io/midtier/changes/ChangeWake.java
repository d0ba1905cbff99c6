package io.midtier.changes;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes the change publisher when a transaction that appended a change has committed, so the publisher does not
 * poll the database at rest. PostgreSQL's LISTEN/NOTIFY cannot carry this signal: PostgreSQL refuses to PREPARE a
 * transaction that ran NOTIFY, and every change is appended inside an XA transaction. So the signal stays in the
 * process: a JTA synchronization whose afterCompletion offers a token to the publisher's 1-slot queue (a full queue
 * means a wake-up is already due, and one run publishes every change committed before it). Changes appended by
 * another instance are found by the publisher's slow safety poll.
 */
public class ChangeWake {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeWake.class);

    private final Supplier<TransactionSynchronizationRegistry> transactions;
    private final Runnable wake;
    // a token offered that the publisher has not taken yet: the commits after it need not offer another (each offer
    // is a Camel exchange sent to the queue, and under a stream of deliveries nearly all of them fell on the full
    // slot). Cleared by taken(), before the publisher looks.
    private final AtomicBoolean due = new AtomicBoolean();

    /**
     * @param transactions the JTA synchronization registry (asked on first use: the transaction manager starts
     *                     on a thread of its own)
     * @param wake         offers a token to the publisher's queue; must not block
     */
    public ChangeWake(Supplier<TransactionSynchronizationRegistry> transactions, Runnable wake) {
        this.transactions = transactions;
        this.wake = wake;
    }

    /**
     * Called right after a change was appended: wakes the publisher once the surrounding transaction commits
     * (once per transaction, however many changes it appended), or at once when there is no transaction (the
     * statement committed on its own). A rollback wakes nobody: there is nothing new to publish.
     */
    public void afterCommit() {
        TransactionSynchronizationRegistry registry = transactions.get();
        int status = registry.getTransactionKey() == null ? Status.STATUS_NO_TRANSACTION
                : registry.getTransactionStatus();
        if (status == Status.STATUS_NO_TRANSACTION) {
            offerUnlessDue();
            return;
        }
        // a transaction already marked for rollback takes no synchronization (and will publish nothing)
        if (status == Status.STATUS_ACTIVE && registry.getResource(ChangeWake.class) == null) {
            registry.putResource(ChangeWake.class, Boolean.TRUE);
            registry.registerInterposedSynchronization(new WakeOnCommit(this::offerUnlessDue));
        }
    }

    /** {@link #afterCommit} when a statement appended changes ({@code appended} of them), else nothing. */
    public void afterCommitIf(long appended) {
        if (appended > 0) {
            afterCommit();
        }
    }

    /**
     * The safety poll's wake-up: the publisher looks once, whether or not this instance wrote anything. It offers
     * whatever the due flag says, so that a token lost with its queue (a route reloaded) delays the changes by one
     * safety period at most.
     */
    public void wake() {
        wake.run();
    }

    /** The publisher took a token and is about to look: a commit from now on offers another. */
    public void taken() {
        due.set(false);
    }

    private void offerUnlessDue() {
        if (due.compareAndSet(false, true)) {
            try {
                wake.run();
            } catch (RuntimeException e) {
                due.set(false);
                throw e;
            }
        }
    }

    private record WakeOnCommit(Runnable wake) implements Synchronization {
        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                try {
                    wake.run();
                } catch (RuntimeException e) {
                    // the commit stands either way (the context may be stopping); the safety poll finds the change
                    LOG.debug("could not wake the change publisher: {}", e.toString());
                }
            }
        }
    }
}
