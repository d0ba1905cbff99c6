package io.midtier.reliability;

import java.nio.file.Path;
import java.util.List;

/**
 * What a harness run does, from system properties ({@code -Dreliability.writes=10000} ...): the short run of
 * the test suite by default.
 *
 * @param scenarios      which scenarios run, in order (crash, broker-loss, db-restart, outage, after-apply,
 *                       bad-input; soak), those excluded on the command line left out
 * @param excluded       the scenarios asked for but excluded on the command line ({@code reliability.exclude})
 * @param writes         writes per scenario
 * @param crashes        kills of midtier in the crash scenario
 * @param writers        concurrent writing clients
 * @param readers        concurrent reading clients
 * @param keys           accounts written (1001 upwards; the back-end has 1001..1100)
 * @param latencyMs      the back-end's latency per call
 * @param outageSeconds  how long the back-end stays down in the outage scenario (longer than the redelivery window)
 * @param drainSeconds   the longest wait for the system to drain after the load (default: 180 s, or a second per 20
 *                       writes when there are more)
 * @param minutes        the soak's length (0: no soak); {@code --minutes N} alone runs the soak only
 * @param seed           the soak's random seed (printed; {@code --seed N} repeats a run's choice of faults)
 * @param rate           the soak's new writes a second, all writers together (default 15: below what delivery carries
 *                       on this 2-core machine, so the backlog a fault leaves is worked off)
 */
record Settings(List<String> scenarios, List<String> excluded, long writes, int crashes, int writers, int readers,
                int keys, long latencyMs, int outageSeconds, int drainSeconds, int minutes, long seed, double rate,
                Path jar, Path outDir) {

    static Settings fromSystemProperties() {
        int minutes = Integer.getInteger("reliability.minutes", 0);
        ScenarioSelection selection = ScenarioSelection.of(System.getProperty("reliability.scenarios"),
                System.getProperty("reliability.exclude"), minutes > 0);
        long writes = Long.getLong("reliability.writes", 120);
        String seed = System.getProperty("reliability.seed", "");
        return new Settings(selection.run(), selection.excluded(),
                writes,
                Integer.getInteger("reliability.crashes", 5),
                Integer.getInteger("reliability.writers", 8),
                Integer.getInteger("reliability.readers", 2),
                Integer.getInteger("reliability.keys", 40),
                Long.getLong("reliability.latency-ms", 5),
                Integer.getInteger("reliability.outage-seconds", 8),
                Integer.getInteger("reliability.drain-seconds", (int) Math.max(180, writes / 20)),
                minutes,
                seed.isBlank() ? new java.security.SecureRandom().nextLong() : Long.parseLong(seed.trim()),
                Double.parseDouble(System.getProperty("reliability.rate", "15")),
                Path.of(System.getProperty("reliability.jar", "target/midtier.jar")),
                Path.of(System.getProperty("reliability.out", "target/reliability")));
    }

    List<String> accountIds() {
        return java.util.stream.IntStream.range(0, Math.min(keys, 100)).mapToObj(i -> Integer.toString(1001 + i)).toList();
    }

    ScenarioSelection selection() {
        return new ScenarioSelection(scenarios, excluded);
    }

    String describe() {
        if (minutes > 0 && scenarios.contains(ScenarioSelection.SOAK)) {
            return "soak " + minutes + " min, seed " + seed + ", " + rate + " writes/s, " + writers + " writers, " + readers + " readers, "
                    + keys + " accounts, back-end latency " + latencyMs + " ms"
                    + (excluded.isEmpty() ? "" : "; excluded " + excluded);
        }
        return "writes " + writes + ", crashes " + crashes + ", " + writers + " writers, " + readers + " readers, "
                + keys + " accounts, back-end latency " + latencyMs + " ms"
                + (excluded.isEmpty() ? "" : "; excluded " + excluded);
    }
}
