package io.midtier.reliability;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One scenario's line of the results table, and what broke an invariant (empty when all held).
 *
 * @param unknown  writes whose answer was lost (each may be applied at most once)
 * @param phantom  changes no accepted or unknown write explains (an error answer or a bad request changed something)
 * @param unexpectedServerErrors 5xx answers to the load's valid requests other than a JSON 503 (an outage)
 * @param figures  the scenario's own counts (faults by kind, dead letters counted, replayed, refused by rule)
 * @param skipped  why the scenario did not run (then every figure is 0 and it did not pass), or null
 */
record Result(String scenario, long requests, long accepted, long applied, long failed, long lost, long duplicated,
              long divergentKeys, long serverErrors, long unexpectedServerErrors, long unknown, long phantom,
              Duration duration, Map<String, Long> figures, List<String> violations, String skipped) {

    static Result skipped(String scenario, String why) {
        return new Result(scenario, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO, Map.of(), List.of(), why);
    }

    boolean passed() {
        return skipped == null && violations.isEmpty();
    }
}
