package io.midtier.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * Scenario 4: the back-end is down for longer than the redelivery window, so updates are dead-lettered (FAILED);
 * then it is back, and support replays every open dead letter through the admin API. A replay refused with 409
 * (the entry got a newer update since) leaves its update visibly FAILED.
 */
final class OutageScenario implements Scenario {

    @Override
    public String name() {
        return "outage";
    }

    /** With the embedded broker the redelivery window is made short (0.2 + 0.4 + 0.8 s) so the outage outlasts it. */
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
            Instant down = Instant.now();
            stack.simulator.down(true);
            System.out.printf("[outage] back-end down after %d accepted writes%n", load.accepted());
            // down for the outage's length, and at least until something was dead-lettered (or nothing is left to send)
            Awaitility.await("the back-end outage outlasts the redelivery window")
                    .atMost(Duration.ofSeconds(settings.outageSeconds() + 120)).pollInterval(Duration.ofMillis(200))
                    .until(() -> Duration.between(down, Instant.now()).getSeconds() >= settings.outageSeconds()
                            && (deadLetters(stack) > 0 || load.writesDone()));
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
