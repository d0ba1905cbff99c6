package io.midtier.reliability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which scenarios a run asks for and which the command line excludes ({@code -Dreliability.exclude=...},
 * {@code scripts/reliability.sh --exclude ...}). A scenario asked for must run: one that cannot (no private cluster,
 * the broker does not start...) fails the run with the reason; only an exclusion on the command line leaves it out.
 *
 * @param run      the scenarios to run, in order
 * @param excluded the scenarios left out on the command line (named in the results, never run)
 */
record ScenarioSelection(List<String> run, List<String> excluded) {

    /** The short scenarios of the test suite, in order. */
    static final List<String> ALL = List.of("crash", "broker-loss", "multi-instance", "db-restart", "outage", "after-apply",
            "bad-input");
    /** The long mixed run ({@code --minutes}): every fault kind at random. */
    static final String SOAK = "soak";

    /**
     * @param scenarios comma-separated names, or null/blank for the default (every short scenario, or the soak when
     *                  {@code soak} is true)
     * @param exclude   comma-separated names to leave out, or null
     */
    static ScenarioSelection of(String scenarios, String exclude, boolean soak) {
        List<String> asked = names(scenarios);
        if (asked.isEmpty()) {
            asked = soak ? List.of(SOAK) : ALL;
        }
        List<String> excluded = names(exclude);
        for (String name : concat(asked, excluded)) {
            if (!ALL.contains(name) && !SOAK.equals(name)) {
                throw new IllegalArgumentException("unknown scenario " + name + "; known: " + ALL + " and " + SOAK);
            }
        }
        List<String> run = asked.stream().filter(name -> !excluded.contains(name)).distinct().toList();
        if (run.isEmpty()) {
            throw new IllegalArgumentException("every scenario asked for (" + asked + ") is excluded: nothing to run");
        }
        return new ScenarioSelection(run, excluded.stream().filter(asked::contains).toList());
    }

    /**
     * Why the run failed as a selection: a scenario asked for that did not run, with its reason. Empty when every
     * scenario asked for ran (their invariants are checked apart).
     */
    List<String> failures(List<Result> results) {
        List<String> failures = new ArrayList<>();
        for (String name : run) {
            Result result = results.stream().filter(r -> r.scenario().equals(name)).findFirst().orElse(null);
            if (result == null) {
                failures.add(name + " did not run");
            } else if (result.skipped() != null) {
                failures.add(name + " could not run: " + result.skipped() + " (to leave it out: -Dreliability.exclude="
                        + name + ", or scripts/reliability.sh --exclude " + name + ")");
            }
        }
        return failures;
    }

    private static List<String> names(String list) {
        if (list == null) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
