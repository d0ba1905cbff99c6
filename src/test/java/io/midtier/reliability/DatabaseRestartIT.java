package io.midtier.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.simulator.Simulator;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// A PostgreSQL restart (fast shutdown: every pooled connection is cut) under concurrent writes and reads, with
// midtier as a jar on an external broker: reads and writes work again at once, without a single answer from a
// dead pooled connection, readiness is UP, and every accepted write is applied. (A sub-second restart may not
// show on readiness at all; DatabaseOutageIT holds the database down long enough to see it go DOWN and UP.)
class DatabaseRestartIT {

    /** The back-end simulator's tables (on the machine's PostgreSQL, not the cluster the test restarts). */
    @RegisterExtension
    static final TestDatabase backendDb = TestDatabase.perClass();

    /** After this long past the restart every pool must have replaced its dead connections. */
    static final Duration SETTLE = Duration.ofSeconds(3);

    @Test
    void after_a_database_restart_midtier_serves_again_and_every_accepted_write_is_applied() throws Exception {
        try (PostgresCluster db = PostgresCluster.start(Path.of("target", "reliability", "db-restart-pg"));
             ArtemisBroker broker = ArtemisBroker.create(Path.of("target", "reliability", "db-restart-broker"))) {
            broker.start();
            try (Simulator backend = HostedMidtier.simulator(backendDb, 5);
                 MidtierProcess app = HostedMidtier.start("db-restart", broker, db, backend, Map.of());
                 OutageLoad load = OutageLoad.start(app, 4, 2)) {
                await("writes accepted before the restart").atMost(Duration.ofSeconds(60))
                        .until(() -> load.statuses("PUT", 0).getOrDefault(202, 0L) >= 20);

                long restarting = System.nanoTime();
                db.restart();
                long back = System.nanoTime();
                long settled = back + SETTLE.toNanos();

                await("reads, writes and readiness after the restart").atMost(Duration.ofSeconds(60))
                        .until(() -> load.answers("PUT", settled).size() >= 40
                                && load.answers("GET", settled).size() >= 40
                                && load.answers("READY", settled).size() >= 5);
                load.stop();

                Figures figures = Figures.of(load, restarting, back);
                figures.write("db-restart");
                assertThat(load.statuses("READY", settled)).as("readiness UP again").containsOnlyKeys(200);
                assertThat(load.statuses("PUT", settled)).as("writes after the restart: " + figures).containsOnlyKeys(202);
                assertThat(load.statuses("GET", settled)).as("reads after the restart: " + figures).containsOnlyKeys(200);
                assertThat(load.statuses("PUT", 0).keySet()).as("a write is accepted or refused with 503: " + figures)
                        .allMatch(status -> status == 202 || status == 503);

                List<String> accepted = load.answers("PUT", 0).stream()
                        .filter(a -> a.status() == 202).map(OutageLoad.Answer::updateId).toList();
                await("every accepted write delivered").atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                        assertThat(statuses(db, accepted)).as("updates by status").containsOnlyKeys("APPLIED"));
                await("recovery completed every transaction the restart cut short").atMost(Duration.ofSeconds(120))
                        .untilAsserted(() -> assertThat(app.transactionLogRecords()).as(app::recoveryReport).isZero());
                await("no prepared transaction left").atMost(Duration.ofSeconds(60))
                        .until(() -> db.preparedTransactions() == 0);
                await("nothing left on the queues").atMost(Duration.ofSeconds(30))
                        .until(() -> broker.messageCount("midtier.updates") + broker.messageCount("DLQ.midtier.updates") == 0);
            }
        }
    }

    /** Update count by status among {@code updateIds} (those not found count as MISSING). */
    static Map<String, Long> statuses(DatabaseHost db, List<String> updateIds) {
        Map<String, Long> counts = new java.util.TreeMap<>();
        TestDatabase database = TestDatabase.at(db.jdbcUrl());
        for (String id : updateIds) {
            List<Map<String, Object>> rows = database.query("select status from cache_update where update_id = ?::uuid", id);
            counts.merge(rows.isEmpty() ? "MISSING" : (String) rows.get(0).get("status"), 1L, Long::sum);
        }
        return counts;
    }

    /** What the outage looked like from outside, in milliseconds from the start of the fault. */
    record Figures(boolean readyDown, long readyDownFromMs, long readyUpAgainMs, long faultEndedMs,
                   long first202AfterMs, Map<Integer, Long> writesDuringOutage, Map<Integer, Long> readsDuringOutage) {

        static Figures of(OutageLoad load, long faultStart, long faultEnd) {
            List<OutageLoad.Answer> ready = load.answers("READY", faultStart);
            long downAt = ready.stream().filter(a -> a.status() != 200).mapToLong(OutageLoad.Answer::atNanos).min().orElse(-1);
            long upAt = downAt < 0 ? -1 : ready.stream().filter(a -> a.status() == 200 && a.atNanos() > downAt)
                    .mapToLong(OutageLoad.Answer::atNanos).min().orElse(-1);
            long first202 = load.answers("PUT", faultEnd).stream().filter(a -> a.status() == 202)
                    .mapToLong(OutageLoad.Answer::atNanos).min().orElse(-1);
            long until = first202 < 0 ? Long.MAX_VALUE : first202;
            return new Figures(downAt >= 0, ms(downAt, faultStart), ms(upAt, faultStart), ms(faultEnd, faultStart),
                    ms(first202, faultStart), during(load, "PUT", faultStart, until), during(load, "GET", faultStart, until));
        }

        private static Map<Integer, Long> during(OutageLoad load, String kind, long from, long until) {
            Map<Integer, Long> counts = new java.util.TreeMap<>();
            load.answers(kind, from).stream().filter(a -> a.atNanos() <= until)
                    .forEach(a -> counts.merge(a.status(), 1L, Long::sum));
            return counts;
        }

        private static long ms(long nanos, long from) {
            return nanos < 0 ? -1 : (nanos - from) / 1_000_000;
        }

        void write(String name) throws java.io.IOException {
            String line = name + ": " + this;
            System.out.println(line);
            Path file = Files.createDirectories(Path.of("target", "bench")).resolve("outages.txt");
            Files.writeString(file, line + "\n", java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }
}
