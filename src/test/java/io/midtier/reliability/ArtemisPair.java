package io.midtier.reliability;

import io.midtier.testsupport.FreePorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * An Artemis live/backup pair from the distribution the build unpacks (two {@link ArtemisBroker} processes), with
 * midtier's queue settings (docker/artemis/broker.properties) on both, reached through one failover URL
 * ({@link #url()}).
 *
 * <p>Shared store, not replication: on one machine both servers see one journal folder, and the backup waits for the
 * journal's file lock, which the kernel releases the moment the live process dies (kill -9 included). The backup is
 * active about a second later with every message and prepared transaction of the journal. Replication needs the
 * backup to have synchronised with the live before a kill means anything, and with a pair alone a backup decides on
 * its own whether the live is gone (split brain, or no failover, depending on quorum settings): both are ways for a
 * test on one machine to fail for reasons that are not midtier's. Across machines the client side is the same URL;
 * docs/scale-out.md says what changes on the broker side.
 */
public final class ArtemisPair implements BrokerHost {

    /** "backup announced": the passive server holds the pair's place in the cluster topology. */
    private static final String BACKUP_ANNOUNCED = "AMQ221031";
    /** "Backup Server is now active": the backup has the journal's lock and serves clients. */
    private static final String BACKUP_ACTIVE = "AMQ221010";
    private static final String CLUSTER_USER = "midtier-cluster";
    private static final String CLUSTER_PASSWORD = "midtier-cluster-dev";

    private final ArtemisBroker live;
    private final ArtemisBroker backup;
    private long backupLogBeforeKill;

    private ArtemisPair(ArtemisBroker live, ArtemisBroker backup) {
        this.live = live;
        this.backup = backup;
    }

    /** A new pair in {@code folder} (emptied now): instances {@code live/} and {@code backup/}, journal {@code shared/}. */
    public static ArtemisPair create(Path folder) {
        ArtemisBroker.deleteRecursively(folder);
        Path shared = folder.resolve("shared").toAbsolutePath();
        int livePort = FreePorts.next();
        int backupPort = FreePorts.next();
        ArtemisBroker live = ArtemisBroker.create(folder.resolve("live"), livePort, Map.of(),
                options(shared, backupPort, false));
        ArtemisBroker backup = ArtemisBroker.create(folder.resolve("backup"), backupPort, Map.of(),
                options(shared, livePort, true));
        return new ArtemisPair(live, backup);
    }

    private static List<String> options(Path shared, int otherPort, boolean backup) {
        List<String> options = new java.util.ArrayList<>(List.of("--shared-store", "--data", shared.toString(),
                // a stopped (not only a killed) live hands over too: a rolling broker upgrade
                "--failover-on-shutdown",
                // the cluster connection is how the backup announces itself and how clients learn of it
                "--clustered", "--cluster-user", CLUSTER_USER, "--cluster-password", CLUSTER_PASSWORD,
                "--static-cluster", "tcp://127.0.0.1:" + otherPort));
        if (backup) {
            options.add("--backup");
        }
        return options;
    }

    /**
     * The failover URL midtier is given: both servers, {@code ha=true} (the client follows the pair's topology) and
     * {@code reconnectAttempts=-1} (it keeps trying until the backup is active, instead of giving up after
     * midtier.broker.reconnect-attempts).
     */
    @Override
    public String url() {
        return "(" + live.url() + "," + backup.url() + ")?ha=true&reconnectAttempts=-1";
    }

    @Override
    public String user() {
        return live.user();
    }

    @Override
    public String password() {
        return live.password();
    }

    public ArtemisBroker live() {
        return live;
    }

    public ArtemisBroker backup() {
        return backup;
    }

    /** Starts the live (until it accepts connections), then the backup (until it has announced itself). */
    @Override
    public void start() throws Exception {
        live.start();
        backup.startPassive(BACKUP_ANNOUNCED);
    }

    /** {@code kill -9} of the live server: the backup takes over its journal. */
    @Override
    public void kill() throws Exception {
        backupLogBeforeKill = backup.logSize();
        live.kill();
    }

    /** Waits until the backup says it is active after {@link #kill()}, and serves connections. */
    public void awaitBackupActive(Duration within) {
        Awaitility.await("the backup active after the live was killed (see " + backup.log() + ")")
                .atMost(within).pollInterval(Duration.ofMillis(50))
                .until(() -> backup.logSince(backupLogBeforeKill).contains(BACKUP_ACTIVE) && backup.acceptsNow());
    }

    /** Messages on a queue of whichever server is active. */
    @Override
    public long messageCount(String queue) throws Exception {
        return live.isRunning() && live.acceptsNow() ? live.messageCount(queue) : backup.messageCount(queue);
    }

    /** A queue of whichever server is active, described for a failure's message. */
    @Override
    public String describeQueue(String queue) throws Exception {
        return live.isRunning() && live.acceptsNow() ? live.describeQueue(queue) : backup.describeQueue(queue);
    }

    /** The active server's prepared XA transactions (for a failure's message). */
    @Override
    public String preparedTransactions() {
        try {
            return live.isRunning() && live.acceptsNow() ? live.preparedTransactions() : backup.preparedTransactions();
        } catch (Exception e) {
            return "unknown: " + e;
        }
    }

    @Override
    public void close() {
        try {
            backup.close();
        } finally {
            live.close();
        }
    }

    @Override
    public String toString() {
        return "ArtemisPair[" + url() + "]";
    }
}
