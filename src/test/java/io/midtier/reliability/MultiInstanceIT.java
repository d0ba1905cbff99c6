package io.midtier.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.simulator.Simulator;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Three midtier jars on one database and an Artemis live/backup pair (docs/scale-out.md, "Broker pair and failover"):
// per-key delivery order with consumers on every instance; the change feed the same from every instance; the live
// broker killed under writes (clients move to the backup, nothing lost or applied twice, refusals are 503s that
// changed nothing); then one instance killed for good and its in-doubt work finished by another process started on
// its node id and data folder.
class MultiInstanceIT {

    /** midtier's tables, and the back-end simulator's (schema simulator), on the machine's PostgreSQL. */
    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final Path FOLDER = Path.of("target", "reliability", "multi-instance");
    private static final List<String> ORDER_ACCOUNTS = List.of("1001", "1002", "1003", "1004", "1005", "1006");
    private static final List<String> FAILOVER_ACCOUNTS = IntStream.rangeClosed(1011, 1022)
            .mapToObj(String::valueOf).toList();

    @Test
    void three_instances_on_a_broker_pair_keep_order_and_one_feed_and_survive_the_live_broker_and_a_lost_instance()
            throws Exception {
        try (ArtemisPair pair = ArtemisPair.create(FOLDER.resolve("broker"));
             Simulator backend = HostedMidtier.simulator(db, 10)) {
            pair.start();
            MachinePostgres database = new MachinePostgres(db.url());
            List<MidtierProcess> instances = startInstances(pair, database, backend);
            try {
                deliveriesKeepPerKeyOrderWithConsumersOnEveryInstance(instances);
                theChangeFeedIsTheSameFromEveryInstance(instances);
                InstanceWrites load = InstanceWrites.start(instances, FAILOVER_ACCOUNTS, "F", 6, 0);
                try (load) {
                    FailoverFigures failover = failoverToTheBackup(pair, instances, load);
                    MidtierProcess dead = instances.get(2);
                    long inDoubt = killMidCommit(dead);
                    finishTheDeadInstancesWorkOnItsNodeId(pair, database, backend, dead, inDoubt, load, failover,
                            instances.subList(0, 2));
                }
            } finally {
                instances.forEach(MidtierProcess::close);
            }
        }
    }

    /** The first instance migrates the schema alone; the other two start together. */
    private static List<MidtierProcess> startInstances(ArtemisPair pair, MachinePostgres database, Simulator backend) {
        MidtierProcess first = start("mi-1", pair, database, backend, Map.of());
        CompletableFuture<MidtierProcess> second = CompletableFuture.supplyAsync(
                () -> start("mi-2", pair, database, backend, Map.of()));
        CompletableFuture<MidtierProcess> third = CompletableFuture.supplyAsync(
                () -> start("mi-3", pair, database, backend, Map.of()));
        return List.of(first, second.join(), third.join());
    }

    private static MidtierProcess start(String name, ArtemisPair pair, MachinePostgres database, Simulator backend,
                                        Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(Map.of(
                // two consumers each: six across the instances on a 2-core machine
                "MIDTIER_DELIVERY_CONCURRENT_CONSUMERS", "2",
                // an instance looks for changes the others appended this often (the feed converges sooner)
                "MIDTIER_CHANGES_SAFETY_POLL_MS", "1000"));
        env.putAll(extra);
        return HostedMidtier.start(name, pair, database, backend, env);
    }

    // 1. Three writers, one per instance, each going round the same six accounts: every account gets updates through
    // every instance at once. The back-end must apply each account's updates in the order they were accepted (their
    // base versions), whichever instance delivered them.
    private static void deliveriesKeepPerKeyOrderWithConsumersOnEveryInstance(List<MidtierProcess> instances)
            throws Exception {
        InstanceWrites writes = InstanceWrites.start(instances, ORDER_ACCOUNTS, "O", 3, 20);
        writes.awaitDone();
        List<String> accepted = writes.writes(202).stream().map(InstanceWrites.Write::updateId).toList();
        assertThat(writes.writes()).as("every write of the order phase accepted").allMatch(w -> w.status() == 202);
        awaitApplied(accepted, () -> "");

        assertAppliedInAcceptedOrder(accepted, ORDER_ACCOUNTS.size());
        for (MidtierProcess instance : instances) {
            assertThat(deliveries(instance)).as("deliveries made by the consumers of %s", instance.url("")).isPositive();
        }
    }

    /** Each account's updates reached the back-end once each, in the order they were accepted (their base versions). */
    private static void assertAppliedInAcceptedOrder(List<String> accepted, int accounts) {
        Map<String, List<Long>> baseVersionsInApplyOrder = new HashMap<>();
        for (Map<String, Object> row : db.query("select a.account_id, u.base_version from simulator.applied_update a"
                + " join cache_update u on u.update_id::text = a.token where a.token = any(?::text[]) order by a.seq",
                (Object) accepted.toArray(String[]::new))) {
            baseVersionsInApplyOrder.computeIfAbsent((String) row.get("account_id"), k -> new ArrayList<>())
                    .add(((Number) row.get("base_version")).longValue());
        }
        assertThat(baseVersionsInApplyOrder).as("accounts the back-end applied updates to").hasSize(accounts);
        baseVersionsInApplyOrder.forEach((account, versions) -> assertThat(versions)
                .as("account %s: base versions in the back-end's apply order", account)
                .isSortedAccordingTo(Long::compare).doesNotHaveDuplicates());
        assertThat(baseVersionsInApplyOrder.values().stream().mapToInt(List::size).sum())
                .as("back-end applications of the accepted updates").isEqualTo(accepted.size());
    }

    /** Exchanges the backend-delivery route of an instance completed (Prometheus, camel_exchanges_total). */
    private static double deliveries(MidtierProcess instance) {
        return MidtierProcess.get(instance.managementUrl("/observe/metrics")).body().lines()
                .filter(line -> line.startsWith("camel_exchanges_total{") && line.contains("routeId=\"backend-delivery\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    // 2. The feed read from each instance: the same changes with the same numbers, numbered 1..n without a gap, and an
    // APPLIED change for every update applied.
    private static void theChangeFeedIsTheSameFromEveryInstance(List<MidtierProcess> instances) {
        List<String> applied = db.query("select id || ':' || new_version as change from cache_update"
                + " where status = 'APPLIED'").stream().map(row -> (String) row.get("change")).toList();
        await("every applied update numbered in the change log, once").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> {
                    List<JsonNode> changes = feed(instances.get(0));
                    List<String> appliedChanges = changes.stream().filter(c -> "APPLIED".equals(c.path("op").asText()))
                            .map(c -> c.path("id").asText() + ":" + c.path("version").asLong()).toList();
                    assertThat(appliedChanges).as(() -> "APPLIED changes in the feed (id:version); "
                            + unexpectedChanges(changes, applied)).containsExactlyInAnyOrderElementsOf(applied);
                });
        List<JsonNode> first = feed(instances.get(0));
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).path("seq").asLong()).as("sequence number of the change at %d", i).isEqualTo(i + 1);
        }
        for (MidtierProcess other : instances.subList(1, instances.size())) {
            assertThat(feed(other)).as("the feed from %s", other.url("")).isEqualTo(first);
        }
    }

    /** For a failure's message: the back-end's applications of updates it applied twice, and their attempts. */
    private static String doubled() {
        String twice = "select token from simulator.applied_update group by token having count(*) > 1";
        return "\napplied: " + db.query("select token, seq, account_id, trim(name) as name, applied_at, duplicate"
                + " from simulator.applied_update where token in (" + twice + ") order by seq")
                + "\nattempts: " + db.query("select update_id, attempt, started_at, error from delivery_attempt"
                + " where update_id::text in (" + twice + ") order by update_id, attempt")
                + "\nupdates: " + db.query("select update_id, id, base_version, new_version, status, created_at,"
                + " applied_at from cache_update where update_id::text in (" + twice + ")");
    }

    /** For a failure's message: the feed's changes of the entries with an APPLIED change not matching one update. */
    private static String unexpectedChanges(List<JsonNode> changes, List<String> applied) {
        Map<String, Long> counts = changes.stream().filter(c -> "APPLIED".equals(c.path("op").asText()))
                .collect(Collectors.groupingBy(c -> c.path("id").asText() + ":" + c.path("version").asLong(),
                        Collectors.counting()));
        Set<String> odd = counts.entrySet().stream()
                .filter(e -> e.getValue() != 1 || !applied.contains(e.getKey()))
                .map(e -> e.getKey().substring(0, e.getKey().indexOf(':'))).collect(Collectors.toSet());
        return "changes of " + odd + ": " + changes.stream().filter(c -> odd.contains(c.path("id").asText())).toList()
                + "\nupdates: " + db.query("select update_id, id, base_version, new_version, status, created_at,"
                + " applied_at from cache_update where id = any(?::text[]) order by id, new_version",
                (Object) odd.toArray(String[]::new));
    }

    /** The whole change log as one instance serves it (GET /api/changes, paged by cursor). */
    private static List<JsonNode> feed(MidtierProcess instance) {
        List<JsonNode> changes = new ArrayList<>();
        long after = 0;
        while (true) {
            var answer = Http.get(instance.url("/api/changes?after=" + after + "&limit=1000"));
            assertThat(answer.statusCode()).as("GET /api/changes of %s: %s", instance.url(""), answer.body()).isEqualTo(200);
            JsonNode page = MidtierTestApp.json(answer.body());
            page.path("items").forEach(changes::add);
            if (page.path("items").isEmpty()) {
                return changes;
            }
            after = page.path("next").asLong();
        }
    }

    // 3. kill -9 of the live broker while six writers go through the three instances.
    private static FailoverFigures failoverToTheBackup(ArtemisPair pair, List<MidtierProcess> instances, InstanceWrites load)
            throws Exception {
        await("writes accepted through every instance before the kill").atMost(Duration.ofSeconds(60))
                .until(() -> IntStream.range(0, instances.size())
                        .allMatch(i -> load.statuses(i, 0).getOrDefault(202, 0L) >= 10));
        long killed = System.nanoTime();
        pair.kill();
        pair.awaitBackupActive(Duration.ofSeconds(60));
        long backupActiveMs = (System.nanoTime() - killed) / 1_000_000;
        await("writes accepted again through every instance").atMost(Duration.ofSeconds(90))
                .until(() -> IntStream.range(0, instances.size())
                        .allMatch(i -> load.statuses(i, killed).getOrDefault(202, 0L) >= 10));
        assertThat(pair.live().isRunning()).as("the live broker stays dead").isFalse();
        // the readiness check's own probe (one try per server of the URL) finds the backup too
        await("every instance ready again").atMost(Duration.ofSeconds(30))
                .until(() -> instances.stream().allMatch(MidtierProcess::ready));
        return new FailoverFigures(killed, backupActiveMs);
    }

    /** When the live broker was killed and how soon the backup was active; the table is made once all is applied. */
    private record FailoverFigures(long killedNanos, long backupActiveMs) {
    }

    // 4. kill -9 of one instance while its Narayana log holds a transaction between prepare and commit (a record in
    // its object store): work only its node id may finish. Seeing a record and killing are two steps, and the commit
    // may end in between; so the instance is frozen (SIGSTOP) when a record is seen, and killed only if the record is
    // still there once it stands still, else let go (SIGCONT) to try again. Returns the records it left.
    private static long killMidCommit(MidtierProcess instance) throws Exception {
        long pid = instance.process().pid();
        await("a transaction of " + instance.url("") + " caught in its commit phase").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(1)).pollDelay(Duration.ZERO)
                .until(() -> {
                    if (instance.transactionLogRecords() == 0) {
                        return false;
                    }
                    signal("STOP", pid);
                    await("process " + pid + " stopped").atMost(Duration.ofSeconds(10))
                            .pollInterval(Duration.ofMillis(1)).until(() -> allThreadsStopped(pid));
                    if (instance.transactionLogRecords() > 0) {
                        return true;
                    }
                    signal("CONT", pid);
                    return false;
                });
        instance.kill();
        return instance.transactionLogRecords();
    }

    /** Every thread of the process in state T (stopped), from /proc/PID/task/TID/stat (the state follows "(comm) "). */
    private static boolean allThreadsStopped(long pid) throws java.io.IOException {
        try (var tasks = java.nio.file.Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
            return tasks.allMatch(task -> {
                try {
                    String stat = java.nio.file.Files.readString(task.resolve("stat"));
                    return stat.charAt(stat.lastIndexOf(')') + 2) == 'T';
                } catch (java.io.IOException e) {
                    // a thread that ended meanwhile
                    return true;
                }
            });
        }
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(pid)).redirectErrorStream(true).start();
        if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
        }
    }

    // 5. The operator action (docs/scale-out.md): another process started with the dead instance's node id and data
    // folder (its Narayana object store) completes what the dead one left prepared, while the writers go on through
    // the two other instances; those never touch branches of another node id.
    private static void finishTheDeadInstancesWorkOnItsNodeId(ArtemisPair pair, MachinePostgres database,
                                                            Simulator backend, MidtierProcess dead, long inDoubt,
                                                            InstanceWrites load, FailoverFigures failover,
                                                            List<MidtierProcess> survivors) throws Exception {
        // without a transaction cut in its commit phase the takeover below would prove nothing
        assertThat(inDoubt).as("records the killed instance left in its transaction log").isPositive();
        List<String> preparedAfterKill = db.preparedTransactions();
        System.out.printf("killed %s with %d transaction(s) in its log; prepared branches in PostgreSQL: %d%n",
                dead.url(""), inDoubt, preparedAfterKill.size());
        // HostedMidtier names the node after the instance
        String nodeId = "mi-3";
        try (MidtierProcess takeover = start("mi-3-takeover", pair, database, backend, Map.of(
                "MIDTIER_TX_NODE_ID", nodeId,
                "MIDTIER_DATA_DIR", dead.dataDir().toString()))) {
            await("the dead instance's transaction log emptied by the process on its node id")
                    .atMost(Duration.ofSeconds(90))
                    .untilAsserted(() -> assertThat(takeover.transactionLogRecords()).as(takeover::recoveryReport).isZero());
            await("no prepared branch left in PostgreSQL").atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(db.preparedTransactions()).isEmpty());
            // the writers ran on all along: writes of entries whose rows the dead instance's prepared branches locked
            // waited until the takeover resolved them
            load.stop();

            List<InstanceWrites.Write> accepted = load.writes(202);
            String unsettledEntries = "select id from cache_update where status <> 'APPLIED'";
            awaitApplied(accepted.stream().map(InstanceWrites.Write::updateId).toList(), () -> "updates of the"
                    + " entries not all applied: " + db.query("select update_id, id, base_version, status, attempts,"
                    + " last_error, created_at, applied_at, parked_message is not null as parked from cache_update"
                    + " where id in (" + unsettledEntries + ") order by id, base_version")
                    + "\ntheir attempts: " + db.query("select a.update_id, a.attempt, a.started_at, a.error"
                    + " from delivery_attempt a join cache_update u using (update_id)"
                    + " where u.id in (" + unsettledEntries + ") order by a.started_at")
                    + "\ndead letters: " + db.query("select update_id, id, reason, status, failed_at from dead_letter")
                    + "\nqueue " + count(pair, "midtier.updates") + ", DLQ " + count(pair, "DLQ.midtier.updates")
                    + "\nbroker prepared: " + pair.preparedTransactions()
                    + "\nPostgreSQL prepared: " + db.preparedTransactions());
            await("nothing left on the queues").atMost(Duration.ofSeconds(30))
                    .until(() -> pair.messageCount("midtier.updates") + pair.messageCount("DLQ.midtier.updates") == 0);

            FailoverTable table = failoverTable(load, accepted, failover);
            table.write();
            load.writes().stream().filter(w -> w.status() != 202)
                    .forEach(w -> System.out.printf("mi-%d %s: %d %s%n", w.instance() + 1, w.name(), w.status(), w.error()));
            assertThat(table.total().lost()).as("accepted writes not applied:\n" + table.format()).isZero();
            assertThat(table.total().duplicated()).as(() -> "writes applied twice:\n" + table.format() + doubled())
                    .isZero();
            assertThat(backend.stats().duplicates()).as("the back-end's duplicate counter").isZero();
            assertThat(table.total().otherStatuses()).as("answers other than 202, 503 or none:\n" + table.format())
                    .isZero();
            assertThat(appliedNamesOfRefusedWrites(load)).as("names of 503-refused writes found in the update rows or"
                    + " at the back-end").isEmpty();
            assertThat(db.count("select count(*) from cache_update where status <> 'APPLIED'"))
                    .as("updates not applied (pending, in doubt or failed)").isZero();
            // across the failover and the lost instance: still in order, and one feed, gap-free, from every instance
            assertAppliedInAcceptedOrder(accepted.stream().map(InstanceWrites.Write::updateId).toList(),
                    FAILOVER_ACCOUNTS.size());
            theChangeFeedIsTheSameFromEveryInstance(List.of(survivors.get(0), survivors.get(1), takeover));
        }
    }

    private static FailoverTable failoverTable(InstanceWrites load, List<InstanceWrites.Write> accepted,
                                               FailoverFigures failover) {
        Map<String, Long> copies = new HashMap<>();
        for (Map<String, Object> row : db.query("select token, count(*) as n from simulator.applied_update group by token")) {
            copies.put((String) row.get("token"), ((Number) row.get("n")).longValue());
        }
        Set<String> applied = db.query("select update_id::text as id from cache_update where status = 'APPLIED'").stream()
                .map(row -> (String) row.get("id")).collect(Collectors.toSet());
        long killed = failover.killedNanos();
        List<FailoverTable.Row> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            int instance = i;
            List<InstanceWrites.Write> mine = load.writes().stream().filter(w -> w.instance() == instance).toList();
            List<InstanceWrites.Write> ok = accepted.stream().filter(w -> w.instance() == instance).toList();
            // a write sent after the kill: one in flight at the kill may still be answered by the live's commit
            long first202 = mine.stream().filter(w -> w.status() == 202 && w.sentNanos() > killed)
                    .mapToLong(InstanceWrites.Write::atNanos).min().orElse(killed - 1_000_000);
            rows.add(new FailoverTable.Row("mi-" + (i + 1), ok.size(),
                    ok.stream().filter(w -> !applied.contains(w.updateId())).count(),
                    ok.stream().filter(w -> copies.getOrDefault(w.updateId(), 0L) > 1).count(),
                    mine.stream().filter(w -> w.status() == 503).count(),
                    mine.stream().filter(w -> w.status() == -1).count(),
                    mine.stream().filter(w -> w.status() != 202 && w.status() != 503 && w.status() != -1).count(),
                    (first202 - killed) / 1_000_000));
        }
        return new FailoverTable(rows, failover.backupActiveMs());
    }

    /** Names written by writes refused with 503 that an update row or the back-end holds (none may). */
    private static Set<String> appliedNamesOfRefusedWrites(InstanceWrites load) {
        Set<String> refused = load.writes(503).stream().map(InstanceWrites.Write::name).collect(Collectors.toSet());
        Set<String> found = new HashSet<>();
        db.query("select payload->>'name' as name from cache_update").forEach(row -> found.add((String) row.get("name")));
        db.query("select trim(name) as name from simulator.applied_update").forEach(row -> found.add((String) row.get("name")));
        found.retainAll(refused);
        return found;
    }

    private static long count(ArtemisPair pair, String queue) {
        try {
            return pair.messageCount(queue);
        } catch (Exception e) {
            return -1;
        }
    }

    private static void awaitApplied(List<String> updateIds, java.util.function.Supplier<String> diagnosis) {
        await(updateIds.size() + " accepted updates applied").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            Map<String, Long> byStatus = new java.util.TreeMap<>();
            for (Map<String, Object> row : db.query("select status, count(*) as n from cache_update"
                    + " where update_id::text = any(?::text[]) group by status", (Object) updateIds.toArray(String[]::new))) {
                byStatus.put((String) row.get("status"), ((Number) row.get("n")).longValue());
            }
            assertThat(byStatus).as(() -> "accepted updates by status; " + diagnosis.get()).containsOnlyKeys("APPLIED")
                    .containsEntry("APPLIED", (long) updateIds.size());
        });
    }
}
