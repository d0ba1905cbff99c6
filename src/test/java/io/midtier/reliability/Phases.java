package io.midtier.reliability;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;

/** Waits the scenarios share: for the load to reach a point, for the load to end. */
final class Phases {

    private Phases() {
    }

    /** Until {@code more} writes beyond now have been accepted (or the load has sent all its writes). */
    static void awaitWrites(Load load, long more, Duration timeout) {
        long target = load.accepted() + Math.max(1, more);
        Awaitility.await("the load reaches " + target + " writes").atMost(timeout)
                .pollInterval(Duration.ofMillis(20))
                .until(() -> load.accepted() >= target || load.writesDone());
    }

    /** A random number of writes in [segment/2, segment]. */
    static long randomSegment(long segment) {
        long low = Math.max(1, segment / 2);
        return low + ThreadLocalRandom.current().nextLong(Math.max(1, segment - low + 1));
    }

    /** Until every writer is done, then the readers are stopped. */
    static void awaitWritesDone(Load load, Duration timeout) {
        Awaitility.await("every write sent and answered").atMost(timeout).pollInterval(Duration.ofMillis(100))
                .until(load::writesDone);
        load.join();
    }

    /** A fault's length or a pause in a schedule of faults: time passing on purpose, not a wait for a condition. */
    static void pause(Duration length) {
        Awaitility.await("a pause of " + length.toMillis() + " ms").pollDelay(length).atMost(length.plusSeconds(5))
                .until(() -> true);
    }

    /**
     * {@code kill -9} of the external broker, held down until a write was refused for it (or the writes are over),
     * then started again on its journal.
     */
    static void brokerLost(Stack stack, CallLog log, Load load) throws Exception {
        long refusedBefore = refusedWrites(log);
        stack.broker.kill();
        Awaitility.await("writes refused while the broker is down").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> refusedWrites(log) > refusedBefore || load.writesDone());
        stack.broker.start();
    }

    private static long refusedWrites(CallLog log) {
        return log.count(call -> "WRITE".equals(call.kind()) && call.status() == 503);
    }

    /** The longest a scenario's load may take: generous, so only a stuck system hits it. */
    static Duration loadTimeout(Settings settings) {
        return Duration.ofSeconds(120 + settings.writes() / 5);
    }
}
