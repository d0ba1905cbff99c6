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
                System.out.printf("[broker-loss] killing the broker (#%d) after %d accepted writes%n", i, load.accepted());
                Phases.brokerLost(stack, log, load);
            }
            Phases.awaitWritesDone(load, Phases.loadTimeout(settings));
        }
        return violations;
    }
}
