package io.midtier.reliability;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What a harness run does, from system properties ({@code -Dreliability.writes=10000} ...): the short run of
 * the test suite by default.
 *
 * @param scenarios      which scenarios, in order (crash, broker-loss, db-restart, outage, bad-input)
 * @param writes         writes per scenario
 * @param crashes        kills of midtier in the crash scenario
 * @param writers        concurrent writing clients
 * @param readers        concurrent reading clients
 * @param keys           accounts written (1001 upwards; the back-end has 1001..1100)
 * @param latencyMs      the back-end's latency per call
 * @param outageSeconds  how long the back-end stays down in the outage scenario (longer than the redelivery window)
 * @param drainSeconds   the longest wait for the system to drain after the load (default: 180 s, or a second per 20
 *                       writes when there are more)
 */
record Settings(List<String> scenarios, long writes, int crashes, int writers, int readers, int keys, long latencyMs,
                int outageSeconds, int drainSeconds, Path jar, Path outDir) {

    static final List<String> ALL = List.of("crash", "broker-loss", "db-restart", "outage", "bad-input");

    static Settings fromSystemProperties() {
        String scenarios = System.getProperty("reliability.scenarios", String.join(",", ALL));
        List<String> chosen = Arrays.stream(scenarios.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        for (String scenario : chosen) {
            if (!ALL.contains(scenario)) {
                throw new IllegalArgumentException("unknown scenario " + scenario + "; known: " + ALL);
            }
        }
        long writes = Long.getLong("reliability.writes", 120);
        return new Settings(chosen,
                writes,
                Integer.getInteger("reliability.crashes", 5),
                Integer.getInteger("reliability.writers", 8),
                Integer.getInteger("reliability.readers", 2),
                Integer.getInteger("reliability.keys", 40),
                Long.getLong("reliability.latency-ms", 5),
                Integer.getInteger("reliability.outage-seconds", 8),
                Integer.getInteger("reliability.drain-seconds", (int) Math.max(180, writes / 20)),
                Path.of(System.getProperty("reliability.jar", "target/midtier.jar")),
                Path.of(System.getProperty("reliability.out", "target/reliability")));
    }

    List<String> accountIds() {
        return java.util.stream.IntStream.range(0, Math.min(keys, 100)).mapToObj(i -> Integer.toString(1001 + i)).toList();
    }

    String describe() {
        return "writes " + writes + ", crashes " + crashes + ", " + writers + " writers, " + readers + " readers, "
                + keys + " accounts, back-end latency " + latencyMs + " ms";
    }
}
