package io.midtier.simulator;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The live counters behind {@link Stats}; updated by the handlers from many threads. */
final class StatsCounters {

    final AtomicLong inquiries = new AtomicLong();
    final AtomicLong updates = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();
    final AtomicLong abends = new AtomicLong();
    final AtomicLong unavailable = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    void enter() {
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
    }

    void leave() {
        inFlight.decrementAndGet();
    }

    Stats snapshot() {
        return new Stats(inquiries.get(), updates.get(), duplicates.get(), rejected.get(), abends.get(),
                unavailable.get(), inFlight.get(), maxInFlight.get());
    }
}
