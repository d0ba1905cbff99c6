package io.midtier.reliability;

import java.time.Duration;
import java.util.List;

/**
 * One scenario's line of the results table, and what broke an invariant (empty when all held).
 *
 * @param unknown  writes whose answer was lost (each may be applied at most once)
 * @param phantom  changes no accepted or unknown write explains (an error answer or a bad request changed something)
 * @param skipped  why the scenario did not run (then every figure is 0 and it did not pass), or null
 */
record Result(String scenario, long requests, long accepted, long applied, long failed, long lost, long duplicated,
              long divergentKeys, long serverErrors, long unknown, long phantom, Duration duration,
              List<String> violations, String skipped) {

    static Result skipped(String scenario, String why) {
        return new Result(scenario, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, Duration.ZERO, List.of(), why);
    }

    boolean passed() {
        return skipped == null && violations.isEmpty();
    }
}
