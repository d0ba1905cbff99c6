package io.midtier.reliability;

import java.util.ArrayList;
import java.util.List;

/** Scenario 2: the external broker is killed ({@code kill -9}) and restarted on its journal, twice, during writes. */
final class BrokerLossScenario implements Scenario {

    private static final int LOSSES = 2;

    @Override
    public String name() {
        return "broker-loss";
    }

    @Override
    public String skipReason(DatabaseHost database, BrokerHost broker) {
        return broker == null ? "no external broker (ArtemisBroker) to kill; the embedded broker dies with midtier" : null;
    }

    @Override
    public List<String> drive(Stack stack, CallLog log, Settings settings, String prefix) throws Exception {
        List<String> violations = new ArrayList<>();
        long segment = Math.max(2, settings.writes() / (LOSSES + 1));
        try (Load load = new Load(log, stack.node, settings.accountIds(), prefix, settings.writes())
                .start(settings.writers(), settings.readers())) {
            for (int i = 1; i <= LOSSES; i++) {
                Phases.awaitWrites(load, Phases.randomSegment(segment), Phases.loadTimeout(settings));
                stack.broker.kill();
                long refusedBefore = refused(log);
                System.out.printf("[broker-loss] broker killed #%d after %d accepted writes%n", i, load.accepted());
                // the broker stays away until writes have been refused for it (or the writes are over)
                org.awaitility.Awaitility.await("writes refused while the broker is down")
                        .atMost(java.time.Duration.ofSeconds(60)).pollInterval(java.time.Duration.ofMillis(50))
                        .until(() -> refused(log) > refusedBefore || load.writesDone());
                stack.broker.start();
            }
            Phases.awaitWritesDone(load, Phases.loadTimeout(settings));
        }
        return violations;
    }

    private static long refused(CallLog log) {
        return log.count(call -> "WRITE".equals(call.kind()) && call.status() == 503);
    }
}
