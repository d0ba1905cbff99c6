package io.midtier.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Scenario 4: the back-end is slow (calls time out but are carried out), then down, for longer than the
 * redelivery window, so updates are dead-lettered (FAILED);
 * then it is back, and support replays every open dead letter through the admin API. A replay refused with 409
 * (the entry got a newer update since) leaves its update visibly FAILED.
 */
final class OutageScenario implements Scenario {

    // above midtier's back-end timeout (midtier.backend.timeout-ms, 2 s)
    private static final long SLOW_MS = 3000;

    @Override
    public String name() {
        return "outage";
    }

    @Override
    public boolean deadLettersExpected() {
        return true;
    }

    /** The redelivery window is made short (0.2 + 0.4 + 0.8 s, 4 attempts) so the outage outlasts it. */
    @Override
    public Map<String, String> brokerSettings() {
        return Map.of("addressSettings.\"midtier.updates\".redeliveryDelay", "200",
                "addressSettings.\"midtier.updates\".redeliveryMultiplier", "2.0",
                "addressSettings.\"midtier.updates\".maxRedeliveryDelay", "1000",
                "addressSettings.\"midtier.updates\".maxDeliveryAttempts", "4");
    }

    /** The same on the embedded broker. */
    @Override
    public Map<String, String> midtierEnvironment(BrokerHost broker) {
        if (broker != null) {
            return Map.of();
        }
        return Map.of("MIDTIER_BROKER_REDELIVERY_DELAY_MS", "200", "MIDTIER_BROKER_REDELIVERY_MULTIPLIER", "2.0",
                "MIDTIER_BROKER_MAX_REDELIVERY_DELAY_MS", "1000", "MIDTIER_BROKER_MAX_DELIVERY_ATTEMPTS", "4");
    }

    @Override
    public List<String> drive(Stack stack, CallLog log, Settings settings, String prefix) throws Exception {
        List<String> violations = new ArrayList<>();
        long third = Math.max(2, settings.writes() / 3);
        try (Load load = new Load(log, stack.node, settings.accountIds(), prefix, settings.writes())
                .start(settings.writers(), settings.readers())) {
            Phases.awaitWrites(load, third, Phases.loadTimeout(settings));
            // first slow (every call outlasts midtier's back-end timeout, yet the back-end carries it out), then down
            Instant slow = Instant.now();
            stack.simulator.latency(SLOW_MS);
            System.out.printf("[outage] back-end slow (%d ms) after %d accepted writes%n", SLOW_MS, load.accepted());
            Awaitility.await("the slow phase").atMost(Duration.ofSeconds(settings.outageSeconds() + 60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> Duration.between(slow, Instant.now()).toMillis() >= settings.outageSeconds() * 500L);
            Instant down = Instant.now();
            stack.simulator.down(true);
            stack.simulator.latency(settings.latencyMs());
            System.out.printf("[outage] back-end down after %d accepted writes%n", load.accepted());
            // down for the outage's length, and at least until something was dead-lettered (or nothing is left to send)
            Awaitility.await("the back-end outage outlasts the redelivery window").ignoreExceptions()
                    .atMost(Duration.ofSeconds(settings.outageSeconds() + 120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Duration.between(down, Instant.now()).toMillis() >= settings.outageSeconds() * 500L
                            && (deadLetters(stack) > 0 || stack.queueDepth(Stack.DEAD_LETTERS) > 0 || load.writesDone()));
            stack.simulator.down(false);
            System.out.printf("[outage] back-end up again; %d dead letters%n", deadLetters(stack));
            Phases.awaitWritesDone(load, Phases.loadTimeout(settings));
        }
        // support replays once delivery has settled (what is still on its way could yet be dead-lettered)
        Awaitility.await("delivery settles before the replay").atMost(Duration.ofSeconds(settings.drainSeconds()))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> stack.sql.count("select count(*) from cache_update where status = 'PENDING'") == 0
                        && stack.queueDepth(Stack.UPDATES) == 0 && stack.queueDepth(Stack.DEAD_LETTERS) == 0);
        AdminClient admin = new AdminClient(stack.node, log);
        int replayed = 0;
        int refused = 0;
        for (String updateId : admin.openDeadLetters()) {
            int status = admin.replay(updateId);
            if (status == 202) {
                replayed++;
            } else if (status == 409) {
                refused++;
            } else {
                violations.add("replay of dead letter " + updateId + " answered " + status);
            }
        }
        System.out.printf("[outage] dead letters replayed %d, refused (entry moved on) %d%n", replayed, refused);
        return violations;
    }

    private static long deadLetters(Stack stack) {
        return stack.sql.count("select count(*) from dead_letter");
    }
}
