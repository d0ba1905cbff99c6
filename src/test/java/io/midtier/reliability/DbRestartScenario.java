package io.midtier.reliability;

import java.util.List;

/** Scenario 3: the database server restarts (fast shutdown: connections cut) twice during reads and writes. */
final class DbRestartScenario implements Scenario {

    private static final int RESTARTS = 2;

    @Override
    public String name() {
        return "db-restart";
    }

    @Override
    public String skipReason(DatabaseHost database, BrokerHost broker) {
        return database.restartable() ? null : database + " cannot be restarted (no PostgresCluster host)";
    }

    @Override
    public List<String> drive(Stack stack, CallLog log, Settings settings, String prefix) throws Exception {
        long segment = Math.max(2, settings.writes() / (RESTARTS + 1));
        try (Load load = new Load(log, stack.node, settings.accountIds(), prefix, settings.writes())
                .start(settings.writers(), settings.readers())) {
            for (int i = 1; i <= RESTARTS; i++) {
                Phases.awaitWrites(load, Phases.randomSegment(segment), Phases.loadTimeout(settings));
                System.out.printf("[db-restart] restart #%d after %d accepted writes%n", i, load.accepted());
                stack.database.restart();
            }
            Phases.awaitWritesDone(load, Phases.loadTimeout(settings));
        }
        return List.of();
    }
}
