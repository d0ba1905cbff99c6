package io.midtier.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.awaitility.Awaitility;

/**
 * Scenario 4: the back-end is slow (calls time out but are carried out), then down, for longer than the
 * redelivery window, so updates are dead-lettered (FAILED); then it is back, and support replays every open dead
 * letter through the admin API. Exact: the dead-lettered writes are counted (more than none, and the same ones as
 * the dead letters listed), each replay is answered 202 and its update ends APPLIED, once at the back-end. The rules
 * under which a write stays FAILED, each checked here and counted apart: its dead letter's replay is refused with 409
 * because a newer write of the same entry was accepted after it; or it was accepted after a dead-lettered write of
 * the same entry and failed with it, unsent (it carries that one's changes). Any other FAILED, or any other answer to
 * a replay, breaks an invariant.
 */
final class OutageScenario implements Scenario {

    private final Set<String> refusedByRule = new HashSet<>();
    /** The updates left FAILED by a rule this scenario checked: refused replays, and writes failed with a dead letter. */
    private final Set<String> failedByRule = new HashSet<>();

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

    /**
     * The same on the embedded broker, and midtier told the attempts the broker allows (it sends a dead letter with
     * attempts left back to the queue); and the back-end's longest call as this simulator has it (3 s slow, 3.5 s
     * after apply), so a retry after a timed-out call waits for that, not the 10 s default, and the outage still
     * outlasts the redelivery window.
     */
    @Override
    public Map<String, String> midtierEnvironment(BrokerHost broker) {
        Map<String, String> environment = new HashMap<>(Map.of("MIDTIER_BACKEND_MAX_CALL_MS", "3500",
                "MIDTIER_BROKER_MAX_DELIVERY_ATTEMPTS", "4"));
        if (broker == null) {
            environment.putAll(Map.of("MIDTIER_BROKER_REDELIVERY_DELAY_MS", "200",
                    "MIDTIER_BROKER_REDELIVERY_MULTIPLIER", "2.0", "MIDTIER_BROKER_MAX_REDELIVERY_DELAY_MS", "1000"));
        }
        return environment;
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
        // the writes the outage dead-lettered: FAILED with an open dead letter each
        Set<String> deadLettered = ids(stack, "select u.update_id::text as id from cache_update u join dead_letter d"
                + " on d.update_id = u.update_id and d.status = 'OPEN' where u.status = 'FAILED'");
        List<String> listed = admin.openDeadLetters();
        log.tally("dead-lettered", deadLettered.size());
        log.tally("dead letters listed", listed.size());
        if (deadLettered.isEmpty()) {
            violations.add("the outage dead-lettered nothing: the scenario proved nothing about dead letters");
        }
        if (!deadLettered.equals(new TreeSet<>(listed)) || listed.size() != deadLettered.size()) {
            violations.add("dead-lettered updates " + deadLettered.size() + " but the admin API lists " + listed.size()
                    + " open dead letters");
        }
        // the rule for the others (fail-later-updates.sql): a write of the same entry accepted after a dead-lettered one
        // carries its changes, so it fails with it and is not sent; it names the dead letter it was based on
        Set<String> failedWith = ids(stack, "select u.update_id::text as id from cache_update u where u.status = 'FAILED'"
                + " and not exists (select 1 from dead_letter d where d.update_id = u.update_id)");
        for (String updateId : failedWith) {
            Object basedOn = stack.sql.query("select substring(last_error from 'based on update ([0-9a-f-]{36})') as id"
                    + " from cache_update where update_id = cast(? as uuid)", updateId).get(0).get("id");
            if (basedOn != null && deadLettered.contains(basedOn.toString())) {
                failedByRule.add(updateId);
            } else {
                violations.add("update " + updateId + " is FAILED with no dead letter and not based on one");
            }
        }
        log.tally("failed with an earlier dead letter of their entry", failedByRule.size());
        List<String> replayed = new ArrayList<>();
        for (String updateId : listed) {
            int status = admin.replay(updateId);
            if (status == 202) {
                replayed.add(updateId);
            } else if (status == 409 && newerWriteAccepted(stack, updateId)) {
                refusedByRule.add(updateId);
                failedByRule.add(updateId);
            } else {
                violations.add("replay of dead letter " + updateId + " answered " + status
                        + (status == 409 ? " though no newer write of its entry was accepted" : ""));
            }
        }
        log.tally("replayed", replayed.size());
        log.tally("replay refused: newer write accepted", refusedByRule.size());
        System.out.printf("[outage] dead-lettered %d, listed %d, replayed %d, refused by rule (newer write) %d%n",
                deadLettered.size(), listed.size(), replayed.size(), refusedByRule.size());
        if (replayed.size() + refusedByRule.size() != listed.size()) {
            violations.add("of " + listed.size() + " dead letters " + replayed.size() + " were replayed and "
                    + refusedByRule.size() + " refused by rule");
        }
        // every replayed update ends APPLIED, once at the back-end (the invariants check the rest after the drain)
        try {
            Awaitility.await("the replayed updates are applied").atMost(Duration.ofSeconds(settings.drainSeconds()))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> replayed.stream().allMatch(id -> "APPLIED".equals(status(stack, id))));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            violations.add("replayed updates not APPLIED within " + settings.drainSeconds() + " s");
        }
        long appliedOnce = replayed.stream().filter(id -> "APPLIED".equals(status(stack, id))
                && stack.backend.count("select count(*) from simulator.applied_update where token = ?", id) == 1).count();
        log.tally("replayed and applied once", appliedOnce);
        if (appliedOnce != replayed.size()) {
            violations.add("of " + replayed.size() + " replayed updates " + appliedOnce + " ended APPLIED exactly once");
        }
        return violations;
    }

    @Override
    public Set<String> failedByRule() {
        return Set.copyOf(failedByRule);
    }

    private static Set<String> ids(Stack stack, String sql) {
        return new TreeSet<>(stack.sql.query(sql).stream().map(row -> (String) row.get("id")).toList());
    }

    /** The rule a 409 stands for: a write of the same entry accepted after this one, and not failed itself. */
    private static boolean newerWriteAccepted(Stack stack, String updateId) {
        return stack.sql.count("select count(*) from cache_update u join cache_update newer"
                + " on newer.type = u.type and newer.id = u.id and newer.accepted_seq > u.accepted_seq"
                + " where u.update_id = cast(? as uuid) and newer.status in ('PENDING', 'APPLIED')", updateId) > 0;
    }

    private static String status(Stack stack, String updateId) {
        List<java.util.Map<String, Object>> rows = stack.sql.query(
                "select status from cache_update where update_id = cast(? as uuid)", updateId);
        return rows.isEmpty() ? null : (String) rows.get(0).get("status");
    }

    private static long deadLetters(Stack stack) {
        return stack.sql.count("select count(*) from dead_letter");
    }
}
