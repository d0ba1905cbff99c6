package io.midtier.cache;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validate mode's primary-key questions of concurrent hits, asked together (group commit's idea, for reads).
 *
 * <p>A hit that finds no question under way asks its own at once. Hits that arrive while one is under way wait, and
 * the first of them to be woken when it ends asks for all of them (up to {@code maxKeys}) in one statement. Every
 * hit's answer thus comes from a statement begun after the hit arrived: validate mode stays never staler than the
 * database. Alone, a hit costs what it did (one question, no wait); under load, one round trip to PostgreSQL (a pooled
 * connection, a statement, the socket's wake-ups on both sides) answers several hits.
 *
 * <p>A hit that may not block (one answered on the HTTP server's event loop, {@link NearHits}) asks with
 * {@link #checkLater}: it waits in the same line, and its answer is handed to it by the thread that asked the statement;
 * when no statement is under way, the asker thread given here asks one.
 */
public final class GroupedChecks {

    /** The two questions: one key's validators, and several keys' in one statement (answers in the keys' order). */
    public interface Questions {
        EntryValidators check(String type, String id) throws SQLException;

        EntryValidators[] checkAll(String[] types, String[] ids) throws SQLException;
    }

    /** What a hit that did not wait does with its answer: the validators, or the failure (the other one null). */
    public interface Answer {
        void accept(EntryValidators validators, Throwable failure);
    }

    private static final Logger LOG = LoggerFactory.getLogger(GroupedChecks.class);

    private final Questions questions;
    private final int maxKeys;
    private final Executor asker;
    private final ConcurrentLinkedQueue<Waiting> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean asking = new AtomicBoolean();

    /** @param asker where a statement for hits that do not wait is asked (one thread is enough: one asks at a time) */
    public GroupedChecks(Questions questions, int maxKeys, Executor asker) {
        if (maxKeys < 1) {
            throw new IllegalArgumentException("maxKeys must be at least 1, not " + maxKeys);
        }
        this.questions = questions;
        this.maxKeys = maxKeys;
        this.asker = asker;
    }

    /** The validators of one entry, from a statement begun after this call. */
    public EntryValidators check(String type, String id) throws SQLException {
        Waiting self = new Waiting(type, id, Thread.currentThread(), null);
        waiting.add(self);
        boolean interrupted = false;
        while (!self.answered) {
            if (asking.compareAndSet(false, true)) {
                try {
                    askWaiting();
                } finally {
                    asking.set(false);
                }
                handOn();
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

    /**
     * The validators of one entry, from a statement begun after this call, handed to {@code then} on the thread that
     * asked that statement (keep it short: hand the answer on). Returns at once.
     */
    public void checkLater(String type, String id, Answer then) {
        waiting.add(new Waiting(type, id, null, then));
        // added first, then looked: an asker that ends meanwhile finds this hit in the line (askForLater, handOn)
        if (!asking.get()) {
            asker.execute(this::askForLater);
        }
    }

    /** On the asker thread: statements while hits wait and nobody else asks. */
    private void askForLater() {
        while (!waiting.isEmpty() && asking.compareAndSet(false, true)) {
            try {
                askWaiting();
            } finally {
                asking.set(false);
            }
        }
    }

    /** After a statement: a hit that queued while it ran asks the next one (a parked one is woken, else the asker). */
    private void handOn() {
        Waiting next = waiting.peek();
        if (next == null) {
            return;
        }
        if (next.thread != null) {
            LockSupport.unpark(next.thread);
        } else {
            asker.execute(this::askForLater);
        }
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
                EntryValidators answer = answers == null ? null : answers[i];
                if (w.then != null) {
                    handOver(w.then, answer, failure);
                } else {
                    w.answered(answer, failure);
                    if (w.thread != Thread.currentThread()) {
                        LockSupport.unpark(w.thread);
                    }
                }
            }
        }
    }

    // one hit's handler that fails must not keep the rest of the group from their answers
    private static void handOver(Answer then, EntryValidators answer, Throwable failure) {
        try {
            then.accept(answer, failure);
        } catch (RuntimeException e) {
            LOG.error("a validate answer's handler failed", e);
        }
    }

    private static final class Waiting {
        final String type;
        final String id;
        /** The thread that waits (parked), or null for a hit that does not wait. */
        final Thread thread;
        /** Where a hit that does not wait gets its answer. */
        final Answer then;
        private EntryValidators validators;
        private Throwable failure;
        // written last, read first: publishes the two fields above to the waiting thread
        volatile boolean answered;

        Waiting(String type, String id, Thread thread, Answer then) {
            this.type = type;
            this.id = id;
            this.thread = thread;
            this.then = then;
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
