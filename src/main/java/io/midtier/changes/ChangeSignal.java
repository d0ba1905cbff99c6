package io.midtier.changes;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes the SSE streams when the publisher has published new changes, so they do not poll the database
 * between changes (they still look every few seconds, for changes another instance published).
 */
public class ChangeSignal {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition published = lock.newCondition();
    private long generation;

    public void published() {
        lock.lock();
        try {
            generation++;
            published.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until something is published after {@code seen} (a generation), or the timeout passes. */
    public void awaitAfter(long seen, long timeoutMs) throws InterruptedException {
        long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        lock.lock();
        try {
            while (generation == seen && nanos > 0) {
                nanos = published.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }
}
