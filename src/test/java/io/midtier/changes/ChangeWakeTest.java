package io.midtier.changes;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

// The publisher's wake-up: once per committed transaction that appended changes, none for a rollback, at once
// outside a transaction.
class ChangeWakeTest {

    private final AtomicInteger wakes = new AtomicInteger();
    private final OneTransaction transaction = new OneTransaction();
    private final ChangeWake wake = new ChangeWake(() -> transaction, wakes::incrementAndGet);

    @Test
    void a_commit_wakes_the_publisher_once_however_many_changes_it_appended() {
        transaction.begin();
        wake.afterCommit();
        wake.afterCommit();
        assertThat(wakes).hasValue(0);
        transaction.complete(Status.STATUS_COMMITTED);
        assertThat(wakes).hasValue(1);
    }

    @Test
    void commits_offer_one_token_until_the_publisher_takes_it_and_the_safety_poll_always_offers() {
        wake.afterCommit();
        transaction.begin();
        wake.afterCommit();
        transaction.complete(Status.STATUS_COMMITTED);
        wake.afterCommit();
        assertThat(wakes).hasValue(1);

        wake.wake();
        assertThat(wakes).hasValue(2);

        wake.taken();
        wake.afterCommit();
        wake.afterCommit();
        assertThat(wakes).hasValue(3);
    }

    @Test
    void an_offer_that_failed_is_not_taken_for_a_due_token() {
        AtomicInteger offers = new AtomicInteger();
        ChangeWake failingOnce = new ChangeWake(() -> transaction, () -> {
            if (offers.incrementAndGet() == 1) {
                throw new IllegalStateException("the context is stopping");
            }
        });
        try {
            failingOnce.afterCommit();
        } catch (IllegalStateException expected) {
            // outside a transaction the failure reaches the caller
        }
        failingOnce.afterCommit();
        assertThat(offers).hasValue(2);
    }

    @Test
    void a_rollback_wakes_nobody() {
        transaction.begin();
        wake.afterCommit();
        transaction.complete(Status.STATUS_ROLLEDBACK);
        assertThat(wakes).hasValue(0);
    }

    @Test
    void a_transaction_marked_for_rollback_is_left_alone() {
        transaction.begin();
        transaction.setRollbackOnly();
        wake.afterCommit();
        transaction.complete(Status.STATUS_ROLLEDBACK);
        assertThat(wakes).hasValue(0);
    }

    @Test
    void outside_a_transaction_the_change_has_committed_and_the_publisher_is_woken_at_once() {
        wake.afterCommit();
        assertThat(wakes).hasValue(1);
    }

    @Test
    void a_statement_that_appended_nothing_wakes_nobody() {
        wake.afterCommitIf(0);
        assertThat(wakes).hasValue(0);
        wake.afterCommitIf(1);
        assertThat(wakes).hasValue(1);
    }

    @Test
    void a_failing_wake_up_does_not_undo_the_commit() {
        ChangeWake failing = new ChangeWake(() -> transaction, () -> {
            throw new IllegalStateException("context stopping");
        });
        transaction.begin();
        failing.afterCommit();
        transaction.complete(Status.STATUS_COMMITTED);
    }

    /** One transaction at a time, as a JTA registry shows it to the code running in it. */
    private static final class OneTransaction implements TransactionSynchronizationRegistry {
        private Object key;
        private boolean rollbackOnly;
        private final Map<Object, Object> resources = new HashMap<>();
        private final List<Synchronization> synchronizations = new ArrayList<>();

        void begin() {
            key = new Object();
        }

        void complete(int status) {
            synchronizations.forEach(Synchronization::beforeCompletion);
            synchronizations.forEach(s -> s.afterCompletion(status));
            synchronizations.clear();
            resources.clear();
            key = null;
            rollbackOnly = false;
        }

        @Override
        public Object getTransactionKey() {
            return key;
        }

        @Override
        public void putResource(Object k, Object value) {
            resources.put(k, value);
        }

        @Override
        public Object getResource(Object k) {
            return resources.get(k);
        }

        @Override
        public int getTransactionStatus() {
            if (key == null) {
                return Status.STATUS_NO_TRANSACTION;
            }
            return rollbackOnly ? Status.STATUS_MARKED_ROLLBACK : Status.STATUS_ACTIVE;
        }

        @Override
        public void setRollbackOnly() {
            rollbackOnly = true;
        }

        @Override
        public boolean getRollbackOnly() {
            return rollbackOnly;
        }

        @Override
        public void registerInterposedSynchronization(Synchronization sync) {
            if (rollbackOnly) {
                throw new IllegalStateException("marked for rollback: no synchronization");
            }
            synchronizations.add(sync);
        }
    }
}
