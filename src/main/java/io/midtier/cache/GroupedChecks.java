package io.midtier.cache;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The validate mode's primary-key questions of concurrent hits, asked together (group commit's idea, for reads).
 *
 * <p>A hit that finds no question under way asks its own at once. Hits that arrive while one is under way wait, and
 * the first of them to be woken when it ends asks for all of them (up to {@code maxKeys}) in one statement. Every
 * hit's answer thus comes from a statement begun after the hit arrived: validate mode stays never staler than the
 * database. Alone, a hit costs what it did (one question, no wait); under load, one round trip to PostgreSQL (a pooled
 * connection, a statement, the socket's wake-ups on both sides) answers several hits.
 */
public final class GroupedChecks {

    /** The two questions: one key's validators, and several keys' in one statement (answers in the keys' order). */
    public interface Questions {
        EntryValidators check(String type, String id) throws SQLException;

        EntryValidators[] checkAll(String[] types, String[] ids) throws SQLException;
    }

    private final Questions questions;
    private final int maxKeys;
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean asking = new AtomicBoolean();

    public GroupedChecks(Questions questions, int maxKeys) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, not " + maxKeys);
        }
        this.questions = questions;
        this.maxKeys = maxKeys;
    }

    /** The validators of one entry, from a statement begun after this call. */
    public EntryValidators check(String type, String id) throws SQLException {
        Waiting self = new Waiting(type, id);
        waiting.add(self);
        boolean interrupted = false;
        while (!self.answered) {
            if (asking.compareAndSet(false, true)) {
                try {
                    askWaiting();
                } finally {
                    asking.set(false);
                }
                // a hit that queued while that statement ran is parked: it asks the next one
                Waiting next = waiting.peek();
                if (next != null) {
                    LockSupport.unpark(next.thread);
                }
            } else {
                LockSupport.park(this);
                // an interrupt ends a park at once, and would for every park after it: kept aside until answered
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return self.answer();
    }

    /** How many hits wait for an answer (tests wait for a group to form). */
    int waiting() {
        return waiting.size();
    }

    private void askWaiting() {
        List<Waiting> group = new ArrayList<>();
        Waiting next;
        while (group.size() < maxKeys && (next = waiting.poll()) != null) {
            group.add(next);
        }
        EntryValidators[] answers = null;
        Throwable failure = null;
        try {
            answers = group.size() == 1
                    ? new EntryValidators[] {questions.check(group.get(0).type, group.get(0).id)}
                    : questions.checkAll(group.stream().map(w -> w.type).toArray(String[]::new),
                            group.stream().map(w -> w.id).toArray(String[]::new));
        } catch (Throwable e) {
            failure = e;
        } finally {
            // every hit of the group gets its answer or the failure, whatever happened: none may wait for ever
            for (int i = 0; i < group.size(); i++) {
                Waiting w = group.get(i);
                w.answered(answers == null ? null : answers[i], failure);
                if (w.thread != Thread.currentThread()) {
                    LockSupport.unpark(w.thread);
                }
            }
        }
    }

    private static final class Waiting {
        final String type;
        final String id;
        final Thread thread = Thread.currentThread();
        private EntryValidators validators;
        private Throwable failure;
        // written last, read first: publishes the two fields above to the waiting thread
        volatile boolean answered;

        Waiting(String type, String id) {
            this.type = type;
            this.id = id;
        }

        void answered(EntryValidators validators, Throwable failure) {
            this.validators = validators;
            this.failure = failure;
            this.answered = true;
        }

        EntryValidators answer() throws SQLException {
            if (failure == null) {
                return validators;
            }
            if (failure instanceof SQLException e) {
                // a copy for this thread, with the state the error handling reads
                throw new SQLException(e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
            }
            if (failure instanceof RuntimeException e) {
                throw e;
            }
            if (failure instanceof Error e) {
                throw e;
            }
            throw new IllegalStateException(failure);
        }
    }
}
