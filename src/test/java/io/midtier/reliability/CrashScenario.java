package io.midtier.reliability;

import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 1: {@code kill -9} of midtier at random points of a stream of writes, restarted each time on the same
 * data folder and node id so that Narayana's recovery resolves what the killed process left in doubt.
 */
final class CrashScenario implements Scenario {

    @Override
    public String name() {
        return "crash";
    }

    @Override
    public List<String> drive(Stack stack, CallLog log, Settings settings, String prefix) {
        List<String> violations = new ArrayList<>();
        long segment = Math.max(2, settings.writes() / (settings.crashes() + 1));
        int kills = 0;
        try (Load load = new Load(log, stack.node, settings.accountIds(), prefix, settings.writes())
                .start(settings.writers(), settings.readers())) {
            for (int i = 0; i < settings.crashes(); i++) {
                Phases.awaitWrites(load, Phases.randomSegment(segment), Phases.loadTimeout(settings));
                stack.node.kill();
                kills++;
                System.out.printf("[crash] kill -9 #%d after %d accepted writes%n", kills, load.accepted());
                stack.node.start(Stack.START_TIMEOUT);
            }
            Phases.awaitWritesDone(load, Phases.loadTimeout(settings));
        }
        if (kills < settings.crashes()) {
            violations.add("only " + kills + " of " + settings.crashes() + " kills happened");
        }
        return violations;
    }
}
