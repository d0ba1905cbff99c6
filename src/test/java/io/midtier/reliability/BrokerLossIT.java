package io.midtier.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.simulator.Simulator;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The external broker killed (kill -9) under concurrent writes, then started again on its journal: while it is
// gone a write is refused with 503 and changes nothing; once it is back writes are accepted again, every accepted
// write is applied exactly once, and recovery leaves no prepared transaction and no message behind.
class BrokerLossIT {

    /** The back-end simulator's tables (on the machine's PostgreSQL, not the cluster the test restarts). */
    @RegisterExtension
    static final TestDatabase backendDb = TestDatabase.perClass();

    @Test
    void after_the_broker_is_killed_and_restarted_every_accepted_write_is_applied_and_nothing_is_left_in_doubt()
            throws Exception {
        try (PostgresCluster db = PostgresCluster.start(Path.of("target", "reliability", "broker-loss-pg"));
             ArtemisBroker broker = ArtemisBroker.create(Path.of("target", "reliability", "broker-loss-broker"))) {
            broker.start();
            try (Simulator backend = HostedMidtier.simulator(backendDb, 5);
                 MidtierProcess app = HostedMidtier.start("broker-loss", broker, db, backend, Map.of());
                 OutageLoad load = OutageLoad.start(app, 4, 2)) {
                await("writes accepted before the kill").atMost(Duration.ofSeconds(60))
                        .until(() -> load.statuses("PUT", 0).getOrDefault(202, 0L) >= 20);

                long killed = System.nanoTime();
                broker.kill();
                await("writes refused while the broker is gone").atMost(Duration.ofSeconds(30))
                        .until(() -> load.statuses("PUT", killed).getOrDefault(503, 0L) >= 5);
                broker.start();
                long back = System.nanoTime();

                await("writes accepted again").atMost(Duration.ofSeconds(60))
                        .until(() -> load.statuses("PUT", back).getOrDefault(202, 0L) >= 20);
                load.stop();

                DatabaseRestartIT.Figures figures = DatabaseRestartIT.Figures.of(load, killed, back);
                figures.write("broker-loss");
                assertThat(load.statuses("PUT", 0).keySet()).as("a write is accepted or refused with 503: " + figures)
                        .allMatch(status -> status == 202 || status == 503);
                assertThat(load.statuses("GET", 0).keySet()).as("reads do not need the broker: " + figures)
                        .containsOnly(200);

                List<String> accepted = load.answers("PUT", 0).stream()
                        .filter(a -> a.status() == 202).map(OutageLoad.Answer::updateId).toList();
                await("every accepted write delivered").atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                        assertThat(DatabaseRestartIT.statuses(db, accepted)).as("updates by status")
                                .containsOnlyKeys("APPLIED"));
                await("no prepared transaction left").atMost(Duration.ofSeconds(60))
                        .until(() -> db.preparedTransactions() == 0);
                await("nothing left on the queues").atMost(Duration.ofSeconds(30))
                        .until(() -> broker.messageCount("midtier.updates") + broker.messageCount("DLQ.midtier.updates") == 0);
                await("recovery completed every transaction the kill cut short").atMost(Duration.ofSeconds(120))
                        .untilAsserted(() -> assertThat(app.transactionLogRecords()).as(app::recoveryReport).isZero());
            }
        }
    }
}
