package io.midtier.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.simulator.Simulator;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// midtier's PostgreSQL down for longer than the broker's redelivery window while updates wait on the queue, the
// back-end up all along (its database is on another server): readiness goes DOWN and comes back UP, writes are
// refused with 503 meanwhile, and the waiting updates are delivered once the database is back -- an outage of the
// database must not use up their delivery attempts and dead-letter them -- each reaching the back-end once.
class DatabaseOutageIT {

    /** The back-end simulator's tables (on the machine's PostgreSQL, not the cluster the test restarts). */
    @RegisterExtension
    static final TestDatabase backendDb = TestDatabase.perClass();

    /** Redelivery of the test broker: 200 ms doubling to 1 s, 6 attempts: about 3.4 s from first try to the DLQ. */
    static final Map<String, String> QUICK_REDELIVERY = Map.of(
            "addressSettings.\"midtier.updates\".redeliveryDelay", "200",
            "addressSettings.\"midtier.updates\".maxRedeliveryDelay", "1000");
    /** Four times the redelivery window. */
    static final Duration OUTAGE = Duration.ofSeconds(15);

    @Test
    void updates_waiting_through_a_database_outage_are_delivered_not_dead_lettered() throws Exception {
        try (PostgresCluster db = PostgresCluster.start(Path.of("target", "reliability", "db-outage-pg"));
             ArtemisBroker broker = ArtemisBroker.create(Path.of("target", "reliability", "db-outage-broker"),
                     QUICK_REDELIVERY)) {
            broker.start();
            // a slow back-end and two consumers: updates pile up on the queue; a short wait for a connection, so that
            // a delivery without the database fails (and is redelivered) quickly
            Map<String, String> slow = Map.of("MIDTIER_DELIVERY_CONCURRENT_CONSUMERS", "2",
                    "MIDTIER_DB_ACQUISITION_TIMEOUT_MS", "300");
            try (Simulator backend = HostedMidtier.simulator(backendDb, 200);
                 MidtierProcess app = HostedMidtier.start("db-outage", broker, db, backend, slow);
                 OutageLoad load = OutageLoad.start(app, 2, 0)) {
                await("a backlog of accepted updates").atMost(Duration.ofSeconds(60))
                        .until(() -> broker.messageCount("midtier.updates") >= 3);

                long stopped = System.nanoTime();
                db.stop();
                await("readiness DOWN").atMost(Duration.ofSeconds(30))
                        .until(() -> load.answers("READY", stopped).stream().anyMatch(a -> a.status() == 503));
                // the fault's length, not a synchronisation: the database stays down this long
                await("the outage").pollDelay(OUTAGE).atMost(OUTAGE.plusSeconds(5)).until(() -> true);
                db.startAgain();
                long back = System.nanoTime();

                await("readiness UP and writes accepted again").atMost(Duration.ofSeconds(60))
                        .until(() -> load.statuses("READY", back).getOrDefault(200, 0L) > 0
                                && load.statuses("PUT", back).getOrDefault(202, 0L) >= 10);
                load.stop();

                DatabaseRestartIT.Figures figures = DatabaseRestartIT.Figures.of(load, stopped, back);
                figures.write("db-outage-" + OUTAGE.toSeconds() + "s");
                assertThat(load.statuses("PUT", 0).keySet()).as("a write is accepted or refused with 503: " + figures)
                        .allMatch(status -> status == 202 || status == 503);

                List<String> accepted = load.answers("PUT", 0).stream()
                        .filter(a -> a.status() == 202).map(OutageLoad.Answer::updateId).toList();
                await("every accepted update settled").atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                        assertThat(DatabaseRestartIT.statuses(db, accepted)).as("updates by status: " + figures)
                                .doesNotContainKey("PENDING"));
                assertThat(DatabaseRestartIT.statuses(db, accepted)).as("updates by status: " + figures)
                        .containsOnlyKeys("APPLIED");
                assertThat(accepted).as("the back-end applied every accepted update once")
                        .isNotEmpty().allSatisfy(id -> assertThat(Updates.appliedCopies(backendDb, id)).as(id).isEqualTo(1));
                await("nothing left on the queues").atMost(Duration.ofSeconds(30))
                        .until(() -> broker.messageCount("midtier.updates") + broker.messageCount("DLQ.midtier.updates") == 0);
                await("recovery completed every transaction the outage cut short").atMost(Duration.ofSeconds(120))
                        .untilAsserted(() -> assertThat(app.transactionLogRecords()).as(app::recoveryReport).isZero());
                await("no prepared transaction left").atMost(Duration.ofSeconds(60))
                        .until(() -> db.preparedTransactions() == 0);
            }
        }
    }
}
