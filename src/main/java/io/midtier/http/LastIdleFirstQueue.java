package io.midtier.http;

import java.util.AbstractQueue;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * An unbounded work queue whose waiting takers are served last come, first served: an element offered while
 * threads wait goes to the one that began waiting last. A thread pool on it hands a task to the worker that went
 * idle last, whose caches (and whose pooled connection: Agroal keeps a thread's last one for it) are still warm;
 * on a {@code LinkedBlockingQueue} the worker idle longest gets it, so at low load the tasks go round every
 * worker of the pool in turn (docs/BENCHMARKS.md, stop 40). Elements themselves are taken first in, first out.
 * One lock guards the elements and the waiters, so an offer cannot miss a taker about to wait.
 */
final class LastIdleFirstQueue<E> extends AbstractQueue<E> implements BlockingQueue<E> {

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<E> elements = new ArrayDeque<>();
    /** Waiting takers, the last to begin waiting at the head; each has a condition of its own. */
    private final ArrayDeque<Condition> waiters = new ArrayDeque<>();

    @Override
    public boolean offer(E element) {
        if (element == null) {
            throw new NullPointerException("no null elements");
        }
        lock.lock();
        try {
            elements.addLast(element);
            Condition last = waiters.pollFirst();
            if (last != null) {
                last.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void put(E element) {
        offer(element);
    }

    @Override
    public boolean offer(E element, long timeout, TimeUnit unit) {
        return offer(element);
    }

    @Override
    public E take() throws InterruptedException {
        return await(false, 0);
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        return await(true, unit.toNanos(timeout));
    }

    /** The first element, waiting for one at the head of the waiters (at most nanos if timed; null when it ran out). */
    private E await(boolean timed, long nanos) throws InterruptedException {
        lock.lockInterruptibly();
        try {
            Condition mine = null;
            try {
                while (elements.isEmpty()) {
                    if (timed && nanos <= 0) {
                        return null;
                    }
                    if (mine == null) {
                        mine = lock.newCondition();
                    }
                    waiters.addFirst(mine);
                    if (timed) {
                        nanos = mine.awaitNanos(nanos);
                    } else {
                        mine.await();
                    }
                    // signalled (and so removed by the offer), or woken otherwise: waits again at the head if empty
                    waiters.remove(mine);
                }
            } catch (InterruptedException e) {
                waiters.remove(mine);
                handOn();
                throw e;
            }
            return elements.pollFirst();
        } finally {
            lock.unlock();
        }
    }

    /**
     * A taker signalled for an element it will not take (interrupted meanwhile) passes the signal on, so the element
     * does not wait while others do. Called with the lock held.
     */
    private void handOn() {
        if (!elements.isEmpty()) {
            Condition next = waiters.pollFirst();
            if (next != null) {
                next.signal();
            }
        }
    }

    @Override
    public E poll() {
        return locked(elements::pollFirst);
    }

    @Override
    public E peek() {
        return locked(elements::peekFirst);
    }

    @Override
    public int size() {
        return locked(elements::size);
    }

    /** How many takers wait now (tests wait for one to be waiting). */
    int waitingTakers() {
        return locked(waiters::size);
    }

    @Override
    public int remainingCapacity() {
        return Integer.MAX_VALUE;
    }

    @Override
    public boolean remove(Object element) {
        return locked(() -> elements.remove(element));
    }

    @Override
    public int drainTo(Collection<? super E> target) {
        return drainTo(target, Integer.MAX_VALUE);
    }

    @Override
    public int drainTo(Collection<? super E> target, int maxElements) {
        if (target == this) {
            throw new IllegalArgumentException("cannot drain a queue into itself");
        }
        lock.lock();
        try {
            int drained = 0;
            while (drained < maxElements && !elements.isEmpty()) {
                target.add(elements.pollFirst());
                drained++;
            }
            return drained;
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot: the pool reads it only to list and cancel what is left when it shuts down. */
    @Override
    public Iterator<E> iterator() {
        return locked(() -> new ArrayList<>(elements).iterator());
    }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }
}
