package io.midtier.reliability;

import io.midtier.testsupport.FreePorts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A private PostgreSQL server made with the machine's own binaries (initdb, pg_ctl), on a free port with its
 * data folder under target/: one the tests may stop and restart without touching the shared server. Run as the
 * {@code postgres} user when the tests run as root (PostgreSQL refuses to run as root). Trust authentication on
 * the loopback interface; {@code max_prepared_transactions} allows midtier's XA pools.
 */
public final class PostgresCluster implements DatabaseHost {

    static final String DATABASE = "midtier";
    private static final String USER = "postgres";

    private final Path dataDir;
    private final Path bin;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresCluster(Path dataDir, Path bin, int port, boolean asPostgresUser) {
        this.dataDir = dataDir;
        this.bin = bin;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** Initialises and starts a cluster in {@code dataDir} with the database {@code midtier} (what the harness calls). */
    public static PostgresCluster start(Path dataDir) throws Exception {
        return start(dataDir, new String[0]);
    }

    /**
     * Initialises a cluster in {@code dataDir} (deleted first if present), starts it and creates the databases
     * {@code midtier} and each of {@code moreDatabases}.
     */
    public static PostgresCluster start(Path dataDir, String... moreDatabases) throws Exception {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        PostgresCluster cluster = new PostgresCluster(dataDir.toAbsolutePath(), bin, FreePorts.next(), root);
        cluster.init();
        cluster.startServer();
        List<String> databases = new ArrayList<>(List.of(DATABASE));
        databases.addAll(List.of(moreDatabases));
        try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"), USER, "");
             Statement s = c.createStatement()) {
            for (String database : databases) {
                s.execute("create database " + database);
            }
        }
        return cluster;
    }

    /** The newest PostgreSQL installed under /usr/lib/postgresql (Debian's layout). */
    static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        try (var dirs = Files.list(versions)) {
            return dirs.filter(dir -> Files.isExecutable(dir.resolve("bin/pg_ctl")))
                    .max(Comparator.comparingInt(dir -> Integer.parseInt(dir.getFileName().toString().replaceAll("\\D", "0"))))
                    .map(dir -> dir.resolve("bin"))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL binaries under " + versions));
        }
    }

    private void init() throws Exception {
        deleteRecursively(dataDir);
        Files.createDirectories(dataDir);
        if (asPostgresUser) {
            run(List.of("chown", "-R", USER + ":" + USER, dataDir.toString()), false);
            // the postgres user must be able to reach the folder through target/
            for (Path p = dataDir.getParent(); p != null; p = p.getParent()) {
                p.toFile().setExecutable(true, false);
            }
        }
        run(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(), "-U", USER, "--auth=trust",
                "--encoding=UTF8", "--no-sync"), true);
        Files.writeString(dataDir.resolve("postgresql.auto.conf"), String.join("\n",
                "port = " + port,
                "listen_addresses = '127.0.0.1'",
                "unix_socket_directories = ''",
                "max_prepared_transactions = 100",
                "max_connections = 200",
                "shared_buffers = '32MB'",
                // a test server: a crash may lose it
                "fsync = off",
                "synchronous_commit = off",
                "full_page_writes = off",
                ""), java.nio.file.StandardOpenOption.APPEND);
    }

    private void startServer() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", log().toString(),
                "-w", "-t", "60", "start"), true);
        awaitReady();
    }

    private void awaitReady() {
        Awaitility.await("PostgreSQL on port " + port + " ready (see " + log() + ")")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .ignoreExceptions()
                .until(() -> {
                    try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "")) {
                        return c.isValid(2);
                    }
                });
    }

    public Path log() {
        // inside the data folder: the server runs as postgres, which owns only that folder
        return dataDir.resolve("server.log");
    }

    public int port() {
        return port;
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    @Override
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public boolean restartable() {
        return true;
    }

    /** {@code pg_ctl restart -m fast}: every open connection is cut, prepared transactions survive. */
    @Override
    public void restart() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-l", log().toString(),
                "-m", "fast", "-w", "-t", "60", "restart"), true);
        awaitReady();
    }

    /** Stops the server (fast) and leaves it down until {@link #startAgain()}: a longer outage. */
    @Override
    public void stop() throws Exception {
        run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "stop"), true);
    }

    @Override
    public void startAgain() throws Exception {
        startServer();
    }

    /** Rows of pg_prepared_xacts in every database of this server. */
    public long preparedTransactions() throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres"), USER, "");
             var rs = c.createStatement().executeQuery("select count(*) from pg_prepared_xacts")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        try {
            if (Files.exists(dataDir.resolve("postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w",
                        "stop"), true);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the PostgreSQL in " + dataDir, e);
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private void run(List<String> command, boolean asPostgres) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres && asPostgresUser) {
            full.addAll(List.of("runuser", "-u", USER, "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        // pg_ctl start leaves the server holding no pipe of ours (its output goes to -l), so reading to the end works
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", full) + " failed: " + output);
        }
    }

    private static void deleteRecursively(Path dir) {
        ArtemisBroker.deleteRecursively(dir);
    }

    @Override
    public String toString() {
        return "PostgresCluster[" + jdbcUrl() + ", " + dataDir + "]";
    }
}
