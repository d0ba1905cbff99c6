package io.midtier.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Scenario 5: the back-end applies updates and then loses the answer: "abend after apply" (a 500 after the update
 * and its token were recorded) and "slow after apply" (the answer comes after midtier's call timeout). midtier must
 * retry, recognise each by its token and record it APPLIED: every accepted write applied exactly once, none FAILED,
 * none duplicated. The faults are armed in rounds during the load; the scenario checks that all of them happened.
 */
final class AfterApplyScenario implements Scenario {

    private static final int ROUNDS = 3;
    /** Updates hit per kind and round. */
    private static final int PER_ROUND = 3;
    /** Above midtier's back-end call timeout (midtier.backend.timeout-ms, 2 s). */
    static final long SLOW_AFTER_APPLY_MS = 3500;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String name() {
        return "after-apply";
    }

    @Override
    public List<String> drive(Stack stack, CallLog log, Settings settings, String prefix) {
        List<String> violations = new ArrayList<>();
        long segment = Math.max(2, settings.writes() / (ROUNDS + 1));
        try (Load load = new Load(log, stack.node, settings.accountIds(), prefix, settings.writes())
                .start(settings.writers(), settings.readers())) {
            for (int i = 1; i <= ROUNDS; i++) {
                Phases.awaitWrites(load, Phases.randomSegment(segment), Phases.loadTimeout(settings));
                arm(stack.simulator, PER_ROUND, PER_ROUND);
                log.tally("fault: abend-after-apply", PER_ROUND);
                log.tally("fault: slow-after-apply", PER_ROUND);
                System.out.printf("[after-apply] round %d: the next %d updates abend after apply, %d answer after %d ms;"
                        + " %d accepted writes%n", i, PER_ROUND, PER_ROUND, SLOW_AFTER_APPLY_MS, load.accepted());
            }
            Phases.awaitWritesDone(load, Phases.loadTimeout(settings));
        }
        // every armed fault is taken by an update call; once delivery has settled, one left over would mean the
        // scenario tested less than it says
        try {
            Awaitility.await("delivery settles").atMost(Duration.ofSeconds(settings.drainSeconds()))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> stack.sql.count("select count(*) from cache_update where status = 'PENDING'") == 0);
        } catch (ConditionTimeoutException e) {
            violations.add("delivery did not settle within " + settings.drainSeconds() + " s");
        }
        JsonNode left = faults(stack.simulator, "{}");
        int abendsLeft = left.get("abendAfterApplyNextUpdates").asInt();
        int slowLeft = left.get("slowAfterApplyNextUpdates").asInt();
        if (abendsLeft > 0 || slowLeft > 0) {
            violations.add("armed after-apply faults never happened: " + abendsLeft + " abends, " + slowLeft + " slow answers");
        }
        faults(stack.simulator, "{\"abendAfterApplyNextUpdates\":0,\"slowAfterApplyNextUpdates\":0}");
        return violations;
    }

    /** Adds after-apply faults to the ones still armed. */
    static void arm(SimulatorProcess simulator, int abends, int slow) {
        JsonNode now = faults(simulator, "{}");
        faults(simulator, "{\"abendAfterApplyNextUpdates\":" + (now.get("abendAfterApplyNextUpdates").asInt() + abends)
                + ",\"slowAfterApplyNextUpdates\":" + (now.get("slowAfterApplyNextUpdates").asInt() + slow)
                + ",\"slowAfterApplyMs\":" + SLOW_AFTER_APPLY_MS + "}");
    }

    private static JsonNode faults(SimulatorProcess simulator, String json) {
        var answer = simulator.call("PUT", "/simulator/faults", json);
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("PUT /simulator/faults answered " + answer.statusCode() + ": " + answer.body());
        }
        try {
            return JSON.readTree(answer.body());
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
