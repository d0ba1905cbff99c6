package io.midtier.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 3: midtier's database server fails under reads and writes, three real ways, each once: a restart (fast
 * shutdown: connections cut, prepared transactions kept), every connection terminated by PostgreSQL
 * ({@code pg_terminate_backend}), and the server stopped for a few seconds (writes refused with 503 meanwhile) then
 * started. Every accepted write must end APPLIED exactly once.
 */
final class DbRestartScenario implements Scenario {

    /** How long the server stays stopped: a few seconds of 503s, well inside the writers' retry window. */
    static final Duration STOPPED = Duration.ofSeconds(4);

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
        List<String> violations = new ArrayList<>();
        List<String> faults = List.of("db-restart", "db-terminate", "db-stop");
        long segment = Math.max(2, settings.writes() / (faults.size() + 1));
        try (Load load = new Load(log, stack.node, settings.accountIds(), prefix, settings.writes())
                .start(settings.writers(), settings.readers())) {
            for (String fault : faults) {
                Phases.awaitWrites(load, Phases.randomSegment(segment), Phases.loadTimeout(settings));
                System.out.printf("[db-restart] %s after %d accepted writes%n", fault, load.accepted());
                int terminated = inject(stack.database, fault);
                if ("db-terminate".equals(fault) && terminated == 0) {
                    violations.add("pg_terminate_backend found no connection of midtier's to terminate");
                }
                log.tally("fault: " + fault, 1);
            }
            Phases.awaitWritesDone(load, Phases.loadTimeout(settings));
        }
        return violations;
    }

    /** One database fault, over when this returns (the server up); returns the connections terminated, if any. */
    static int inject(DatabaseHost database, String fault) throws Exception {
        switch (fault) {
            case "db-restart" -> database.restart();
            case "db-terminate" -> {
                return database.terminateConnections();
            }
            case "db-stop" -> {
                database.stop();
                try {
                    Phases.pause(STOPPED);
                } finally {
                    database.startAgain();
                }
            }
            default -> throw new IllegalArgumentException("not a database fault: " + fault);
        }
        return 0;
    }
}
