package io.midtier.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * The long mixed run ({@code scripts/reliability.sh --minutes 30}): reads and writes for the given minutes while every
 * fault kind is injected at random, one at a time, in seeded order (the seed is printed; {@code --seed N} repeats the
 * same choice of faults and pauses). Faults come in rounds, each a shuffled list of every kind, so each kind happens
 * about as often as the others. Every accepted write must end APPLIED exactly once, none FAILED: every outage is
 * shorter than the redelivery window.
 */
final class SoakScenario implements Scenario {

    /** Every fault kind the soak mixes, each a real fault of a process or of the back-end program. */
    static final List<String> FAULTS = List.of("crash", "broker-kill", "db-restart", "db-terminate", "db-stop",
            "backend-down", "backend-slow", "abend-after-apply", "slow-after-apply");
    /** The soak's length when {@code soak} is asked for without {@code --minutes}. */
    static final int DEFAULT_MINUTES = 2;
    private static final long SLOW_MS = 3000;

    @Override
    public String name() {
        return ScenarioSelection.SOAK;
    }

    @Override
    public String skipReason(DatabaseHost database, BrokerHost broker) {
        if (broker == null) {
            return "the soak kills the broker: it needs the external broker (ArtemisBroker), not the embedded one";
        }
        return database.restartable() ? null : "the soak restarts and stops the database: " + database + " cannot be";
    }

    @Override
    public List<String> drive(Stack stack, CallLog log, Settings settings, String prefix) throws Exception {
        List<String> violations = new ArrayList<>();
        int minutes = settings.minutes() > 0 ? settings.minutes() : DEFAULT_MINUTES;
        Random random = new Random(settings.seed());
        System.out.printf("[soak] %d minutes, seed %d (repeat with --seed %d)%n", minutes, settings.seed(), settings.seed());
        long deadline = System.nanoTime() + Duration.ofMinutes(minutes).toNanos();
        List<String> round = new ArrayList<>();
        // no write limit: the writers stop at the deadline; paced, since unpaced writes outrun delivery once a fault
        // has left a backlog (per-key order then sends most messages around the queue, and it never drains)
        try (Load load = new Load(log, stack.node, settings.accountIds(), prefix, Long.MAX_VALUE)
                .paced(settings.rate()).start(settings.writers(), settings.readers())) {
            while (System.nanoTime() < deadline) {
                if (round.isEmpty()) {
                    round.addAll(FAULTS);
                    Collections.shuffle(round, random);
                }
                // the schedule's pause between faults (1-5 s of plain load), not a synchronisation
                Phases.pause(Duration.ofMillis(1000 + random.nextInt(4000)));
                if (System.nanoTime() >= deadline) {
                    break;
                }
                String fault = round.remove(0);
                long started = System.nanoTime();
                String note = inject(stack, fault, random, settings.latencyMs());
                log.tally("fault: " + fault, 1);
                System.out.printf("[soak] %-17s %s (%.1f s; %d accepted writes)%n", fault, note,
                        (System.nanoTime() - started) / 1e9, load.accepted());
            }
            load.stop();
            Phases.awaitWritesDone(load, Phases.loadTimeout(settings));
        }
        // every fault is over: back-end answering at its latency, nothing armed
        stack.simulator.call("PUT", "/simulator/faults", "{\"down\":false,\"latencyMs\":" + settings.latencyMs()
                + ",\"abendAfterApplyNextUpdates\":0,\"slowAfterApplyNextUpdates\":0}");
        return violations;
    }

    /** Injects one fault and returns when it is over (process back, back-end up); says what it did. */
    private static String inject(Stack stack, String fault, Random random, long latencyMs) throws Exception {
        switch (fault) {
            case "crash" -> {
                stack.node.kill();
                stack.node.start(Stack.START_TIMEOUT);
                return "midtier killed (-9) and restarted";
            }
            case "broker-kill" -> {
                stack.broker.kill();
                Phases.pause(Duration.ofMillis(500 + random.nextInt(2500)));
                stack.broker.start();
                return "broker killed (-9) and restarted";
            }
            case "db-restart", "db-stop" -> {
                DbRestartScenario.inject(stack.database, fault);
                return "db-restart".equals(fault) ? "PostgreSQL restarted (fast)" : "PostgreSQL stopped "
                        + DbRestartScenario.STOPPED.toSeconds() + " s";
            }
            case "db-terminate" -> {
                return DbRestartScenario.inject(stack.database, fault) + " connections terminated";
            }
            case "backend-down" -> {
                Duration down = Duration.ofMillis(1000 + random.nextInt(3000));
                hold(down, () -> stack.simulator.down(true), () -> stack.simulator.down(false));
                return "back-end down " + down.toMillis() + " ms";
            }
            case "backend-slow" -> {
                Duration slow = Duration.ofMillis(2000 + random.nextInt(4000));
                hold(slow, () -> stack.simulator.latency(SLOW_MS), () -> stack.simulator.latency(latencyMs));
                return "back-end answers after " + SLOW_MS + " ms for " + slow.toMillis() + " ms";
            }
            case "abend-after-apply" -> {
                int n = 1 + random.nextInt(5);
                AfterApplyScenario.arm(stack.simulator, n, 0);
                return "the next " + n + " updates abend after they are applied";
            }
            case "slow-after-apply" -> {
                int n = 1 + random.nextInt(3);
                AfterApplyScenario.arm(stack.simulator, 0, n);
                return "the next " + n + " updates answer after " + AfterApplyScenario.SLOW_AFTER_APPLY_MS + " ms";
            }
            default -> throw new IllegalArgumentException("unknown fault " + fault);
        }
    }

    /** A back-end fault held for its length, then lifted whatever happens. */
    private static void hold(Duration length, Runnable on, Runnable off) {
        on.run();
        try {
            Phases.pause(length);
        } finally {
            off.run();
        }
    }
}
