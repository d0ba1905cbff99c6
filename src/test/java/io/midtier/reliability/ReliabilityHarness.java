package io.midtier.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Runs the chosen scenarios one after the other, each on a fresh stack (database reset, new data folder): load and
 * faults, then the drain (no PENDING update, no message on a queue, no prepared transaction), then the
 * invariants. Writes each scenario's calls to {@code <out>/<scenario>-calls.csv} and the table to
 * {@code <out>/results.md}.
 */
final class ReliabilityHarness {

    private final Settings settings;

    ReliabilityHarness(Settings settings) {
        this.settings = settings;
    }

    static Scenario scenario(String name) {
        return switch (name) {
            case "crash" -> new CrashScenario();
            case "broker-loss" -> new BrokerLossScenario();
            case "multi-instance" -> new MultiInstanceScenario();
            case "db-restart" -> new DbRestartScenario();
            case "outage" -> new OutageScenario();
            case "after-apply" -> new AfterApplyScenario();
            case "bad-input" -> new BadInputScenario();
            case ScenarioSelection.SOAK -> new SoakScenario();
            default -> throw new IllegalArgumentException("unknown scenario " + name);
        };
    }

    List<Result> run() throws Exception {
        Files.createDirectories(settings.outDir());
        List<Result> results = new ArrayList<>();
        try (DatabaseHost database = Hosts.database(settings.outDir().resolve("postgres").toAbsolutePath())) {
            for (String name : settings.scenarios()) {
                Result result;
                try {
                    result = run(scenario(name), database);
                } catch (Exception e) {
                    // it could not run (a broker that does not start, a stack that does not come up): the run fails with
                    // the reason, and the other scenarios still run
                    e.printStackTrace();
                    result = Result.skipped(name, e.toString());
                }
                results.add(result);
                System.out.println(ResultsTable.render(List.of(result), "[" + name + "]"));
                write(results);
            }
        }
        String table = write(results);
        System.out.println(table);
        return results;
    }

    private String write(List<Result> results) throws IOException {
        String table = ResultsTable.render(results, "Reliability run " + Instant.now() + " (" + settings.describe() + ")",
                settings.excluded());
        Files.writeString(settings.outDir().resolve("results.md"), table);
        return table;
    }

    private Result run(Scenario scenario, DatabaseHost database) throws Exception {
        Path dir = settings.outDir().resolve(scenario.name()).toAbsolutePath();
        Stack.deleteTree(dir);
        Files.createDirectories(dir);
        BrokerHost broker = Hosts.broker(dir.resolve("broker"), scenario.brokerSettings()).orElse(null);
        String skip = scenario.skipReason(database, broker);
        if (skip != null) {
            if (broker != null) {
                broker.close();
            }
            System.out.println("[" + scenario.name() + "] cannot run: " + skip);
            return Result.skipped(scenario.name(), skip);
        }
        CallLog log = new CallLog();
        String prefix = (scenario.name().substring(0, 2) + "-" + Long.toString(System.currentTimeMillis() % 46_656L
                + ThreadLocalRandom.current().nextInt(1000), 36) + "-").toUpperCase(java.util.Locale.ROOT);
        System.out.printf("[%s] starting (%s; broker %s; database %s)%n", scenario.name(), settings.describe(),
                broker == null ? "embedded" : broker.url(), database);
        try (Stack stack = Stack.start(scenario.name(), settings, database, broker, scenario.midtierEnvironment(broker))) {
            long started = System.nanoTime();
            List<String> violations = new ArrayList<>(scenario.drive(stack, log, settings, prefix));
            Map<String, Long> depths = drain(stack, violations);
            Duration duration = Duration.ofNanos(System.nanoTime() - started);
            List<Call> calls = log.calls();
            Set<String> keys = new java.util.TreeSet<>(settings.accountIds());
            Set<String> failedByRule = scenario.deadLettersExpected() ? scenario.failedByRule() : Set.of();
            return new Invariants(stack.sql, stack.backend).check(scenario.name(), failedByRule, calls, keys,
                    depths, violations, duration, log.figures());
        } finally {
            log.write(settings.outDir().resolve(scenario.name() + "-calls.csv"));
        }
    }

    /** Until nothing is on its way: no PENDING update, empty queues, no prepared transaction (bounded). */
    private Map<String, Long> drain(Stack stack, List<String> violations) {
        Map<String, Long> depths = new TreeMap<>();
        try {
            Awaitility.await("the system drains").atMost(Duration.ofSeconds(settings.drainSeconds()))
                    .pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                    .until(() -> {
                        depths.put(Stack.UPDATES, stack.queueDepth(Stack.UPDATES));
                        depths.put(Stack.DEAD_LETTERS, stack.queueDepth(Stack.DEAD_LETTERS));
                        return stack.sql.count("select count(*) from cache_update where status = 'PENDING'") == 0
                                && depths.values().stream().allMatch(d -> d == 0)
                                && stack.sql.preparedTransactions().isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            violations.add("not drained within " + settings.drainSeconds() + " s: " + stuck(stack));
        }
        return depths;
    }

    /** What a drain that did not finish left behind: where each pending update's message can be. */
    private static String stuck(Stack stack) {
        StringBuilder state = new StringBuilder();
        try {
            state.append("pending updates ").append(stack.sql.query("select update_id::text as id, type || ':' || id"
                    + " as key, parked_message is not null as parked, date_trunc('second', now() - created_at) as age"
                    + " from cache_update where status = 'PENDING' order by accepted_seq limit 10"));
            state.append("; database prepared transactions ").append(stack.sql.preparedTransactions());
            if (stack.broker != null) {
                state.append("; broker prepared transactions ").append(stack.broker.preparedTransactions());
                state.append("; ").append(stack.broker.describeQueue(Stack.UPDATES));
            }
        } catch (Exception e) {
            state.append("; (could not read more: ").append(e).append(')');
        }
        return state.toString();
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.fromSystemProperties();
        List<Result> results = new ReliabilityHarness(settings).run();
        List<String> failures = settings.selection().failures(results);
        failures.forEach(System.out::println);
        System.exit(failures.isEmpty() && results.stream().allMatch(Result::passed) ? 0 : 1);
    }
}
