package io.midtier.reliability;

import io.midtier.testsupport.MidtierProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Scale-out (issue 19): three midtier instances on one database and the external broker, the load spread over them
 * as a load balancer would (a repeated write goes to the next instance). At random points one instance, or the broker
 * (the first kill an instance, the second the broker, then chosen with the run's seed), is killed ({@code kill -9}) and started again: the instance on its own data folder and node id, so its
 * transaction log finishes what it left in doubt. Nothing accepted may be lost or applied twice, per key in
 * acceptance order, whichever instance took the write and whichever delivered it.
 */
final class MultiInstanceScenario implements Scenario {

    static final int INSTANCES = 3;

    @Override
    public String name() {
        return "multi-instance";
    }

    @Override
    public String skipReason(DatabaseHost database, BrokerHost broker) {
        return broker == null ? "several instances need a broker they share (instances on embedded brokers are refused)" : null;
    }

    @Override
    public List<String> drive(Stack stack, CallLog log, Settings settings, String prefix) throws Exception {
        List<String> violations = new ArrayList<>();
        List<MidtierProcess> nodes = new ArrayList<>(List.of(stack.node));
        for (int i = 2; i <= INSTANCES; i++) {
            nodes.add(stack.addNode(i));
        }
        Random random = new Random(settings.seed());
        long segment = Math.max(2, settings.writes() / (settings.crashes() + 1));
        int instanceKills = 0;
        int brokerKills = 0;
        try (Load load = new Load(log, nodes, settings.accountIds(), prefix, settings.writes())
                .start(settings.writers(), settings.readers())) {
            for (int i = 0; i < settings.crashes(); i++) {
                Phases.awaitWrites(load, Phases.randomSegment(segment), Phases.loadTimeout(settings));
                // the first kill takes an instance and the second the broker, so every run has both; then at random
                int victim = i == 0 ? random.nextInt(INSTANCES) : i == 1 ? INSTANCES : random.nextInt(INSTANCES + 1);
                if (victim == INSTANCES) {
                    brokerKills++;
                    System.out.printf("[multi-instance] killing the broker after %d accepted writes%n", load.accepted());
                    Phases.brokerLost(stack, log, load);
                } else {
                    MidtierProcess node = nodes.get(victim);
                    node.kill();
                    instanceKills++;
                    System.out.printf("[multi-instance] instance %d killed after %d accepted writes%n", victim + 1,
                            load.accepted());
                    node.start(Stack.START_TIMEOUT);
                }
            }
            Phases.awaitWritesDone(load, Phases.loadTimeout(settings));
        }
        System.out.printf("[multi-instance] %d instances; %d instance kills, %d broker kills%n", INSTANCES,
                instanceKills, brokerKills);
        if (instanceKills + brokerKills < settings.crashes()) {
            violations.add("only " + (instanceKills + brokerKills) + " of " + settings.crashes() + " kills happened");
        }
        return violations;
    }
}
