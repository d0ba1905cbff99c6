package io.midtier.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.reliability.PostgresCluster;
import io.midtier.simulator.Simulator;
import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.JavaProcess;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The jar users deploy: it holds the product only, runs from any folder serving the routes it carries, and in the
// prod profile refuses, in one line, to start without a back-end.
class JarRunIT {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static final Path JAR = MidtierProcess.JAR;

    @Test
    void the_jar_holds_no_simulator_class_fault_hook_or_simulator_migration() throws IOException {
        assertThat(JAR).exists();
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();
            assertThat(names).as("the product's own classes are there").contains("io/midtier/MidtierApplication.class");
            assertThat(names).as("no simulator in the jar users deploy")
                    .noneMatch(n -> n.startsWith("io/midtier/legacy/") || n.startsWith("io/midtier/simulator/")
                            || n.startsWith("db/legacy/") || n.startsWith("db/simulator/"));
            assertThat(names).as("routes and kamelets travel in the jar")
                    .contains("routes/read-through.camel.yaml", "kamelets/backend-inquiry.kamelet.yaml");
        }
    }

    @Test
    void the_jar_started_outside_the_project_serves_the_routes_it_carries() throws IOException {
        Path elsewhere = Files.createDirectories(MidtierTestApp.dataDir("jar-elsewhere").toAbsolutePath().resolve("cwd"));
        int http = FreePorts.next();
        Simulator.Settings d = Simulator.Settings.defaults();
        try (Simulator backend = new Simulator(new Simulator.Settings(d.host(), 0, db.url(), TestDatabase.USER, "",
                5, 0, 4)).start()) {
            Map<String, String> environment = environment("jar-run", http);
            environment.put("MIDTIER_BACKEND_URL", backend.baseUrl());
            long launched = System.nanoTime();
            // no JVM options: the start-up figure is the plain jar's
            try (MidtierProcess midtier = MidtierProcess.jar("jar-run", environment).workingDirectory(elsewhere)
                    .jvmOptions(List.of())) {
                JavaProcess app = midtier.launch();
                AtomicReference<HttpResponse<String>> read = new AtomicReference<>();
                await("GET /api/accounts/1001 from the jar (output: " + app.log() + ")")
                        .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                        // a jar that exited fails the wait at once (not hidden among the refused connections)
                        .failFast("the jar exited (output: " + app.log() + ")", () -> !app.alive())
                        .ignoreException(java.io.UncheckedIOException.class)
                        .until(() -> {
                            read.set(Http.get("http://127.0.0.1:" + http + "/api/accounts/1001"));
                            return read.get().statusCode() == 200;
                        });
                long readyMs = (System.nanoTime() - launched) / 1_000_000;

                JsonNode account = MidtierTestApp.json(read.get().body());
                assertThat(account.get("id").asText()).isEqualTo("1001");
                assertThat(read.get().headers().firstValue("X-Cache")).isPresent();
                assertThat(app.output()).contains("Apache Camel 4.18.0 (midtier) started")
                        .contains("midtier serves routes and kamelets from the jar")
                        .doesNotContain("NoSuchFileException");

                String line = "midtier.jar: first GET answered " + readyMs + " ms after launch";
                System.out.println(line);
                Files.writeString(Files.createDirectories(Path.of("target", "bench")).resolve("startup.txt"), line + "\n");

                assertThat(app.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isIn(0, 143);
            }
        }
    }

    @Test
    void the_prod_profile_refuses_to_start_without_a_backend_url_and_names_the_setting() {
        Map<String, String> environment = environment("jar-prod-no-backend", FreePorts.next());
        environment.put("CAMEL_MAIN_PROFILE", "prod");
        environment.put("MIDTIER_DB_PASSWORD", "db-secret-1");
        environment.put("MIDTIER_BROKER_PASSWORD", "broker-secret-1");
        environment.put("MIDTIER_JMX_PASSWORD", "jmx-secret-1");
        try (MidtierProcess midtier = MidtierProcess.jar("jar-prod-no-backend", environment)) {
            JavaProcess app = midtier.launch();
            assertThat(app.awaitExit(Duration.ofMinutes(1))).as("exit code").isEqualTo(1);
            List<String> refusal = app.output().lines().filter(l -> l.contains("midtier did not start")).toList();
            assertThat(refusal).hasSize(1);
            assertThat(refusal.get(0)).contains("midtier.backend.url").contains("prod profile");
            assertThat(app.output()).as("one line, no stack trace").doesNotContain("\tat ");
        }
    }

    @Test
    void a_configured_routes_folder_that_does_not_exist_stops_the_start_in_one_line() {
        Map<String, String> environment = environment("jar-no-routes-folder", FreePorts.next());
        environment.put("MIDTIER_ROUTES_DIRECTORY", "/nonexistent/midtier-routes");
        try (MidtierProcess midtier = MidtierProcess.jar("jar-no-routes-folder", environment)) {
            JavaProcess app = midtier.launch();
            assertThat(app.awaitExit(Duration.ofMinutes(1))).as("exit code").isEqualTo(1);
            assertThat(app.output()).contains("midtier did not start: midtier.routes.directory=/nonexistent/midtier-routes")
                    .doesNotContain("\tat ");
        }
    }

    // README: "Against a PostgreSQL it may not reconfigure, midtier refuses to start and names the setting."
    @Test
    void a_postgresql_without_prepared_transactions_stops_the_start_in_one_line_naming_the_setting() throws Exception {
        try (PostgresCluster cluster = PostgresCluster.start(Path.of("target", "postgres-no-prepared"))) {
            try (Connection c = DriverManager.getConnection(cluster.jdbcUrl("postgres"), TestDatabase.USER, "");
                 Statement s = c.createStatement()) {
                s.execute("alter system set max_prepared_transactions = 0");
            }
            cluster.restart();
            Map<String, String> environment = environment("jar-no-prepared", FreePorts.next());
            environment.put("MIDTIER_DB_URL", cluster.jdbcUrl());
            try (MidtierProcess midtier = MidtierProcess.jar("jar-no-prepared", environment)) {
                JavaProcess app = midtier.launch();
                assertThat(app.awaitExit(Duration.ofMinutes(1))).as("exit code").isEqualTo(1);
                assertThat(refusal(app)).contains("max_prepared_transactions = 0").contains("midtier.db.pool-size");
            }
        }
    }

    // README: "node id midtier.tx.node-id, unique per running instance, at most 28 bytes"
    @Test
    void a_node_id_longer_than_28_bytes_stops_the_start_in_one_line_naming_the_setting() {
        Map<String, String> environment = environment("jar-long-node-id", FreePorts.next());
        String nodeId = "midtier-node-id-of-29-bytes-x";
        assertThat(nodeId).hasSize(29);
        environment.put("MIDTIER_TX_NODE_ID", nodeId);
        try (MidtierProcess midtier = MidtierProcess.jar("jar-long-node-id", environment)) {
            JavaProcess app = midtier.launch();
            assertThat(app.awaitExit(Duration.ofMinutes(1))).as("exit code").isEqualTo(1);
            assertThat(refusal(app)).contains("midtier.tx.node-id '" + nodeId + "'").contains("longer than 28 bytes");
        }
        // 28 bytes is within the limit (the data folder is another: nothing of the refused start is reused)
        Map<String, String> within = environment("jar-node-id-28", FreePorts.next());
        within.put("MIDTIER_TX_NODE_ID", nodeId.substring(0, 28));
        try (MidtierProcess midtier = MidtierProcess.jar("jar-node-id-28", within)) {
            JavaProcess app = midtier.launch();
            await("the start with a 28-byte node id (output: " + app.log() + ")").atMost(Duration.ofMinutes(2))
                    .failFast("the jar exited (output: " + app.log() + ")", () -> !app.alive())
                    .until(() -> app.output().contains("Apache Camel 4.18.0 (midtier) started"));
            assertThat(app.output()).doesNotContain("midtier did not start");
        }
    }

    // docs/scale-out.md: a second instance on an embedded broker against a database another instance uses
    @Test
    void a_second_instance_with_an_embedded_broker_on_the_same_database_stops_the_start_in_one_line() {
        try (MidtierProcess first = MidtierProcess.jar("jar-first-instance",
                environment("jar-first-instance", FreePorts.next()))) {
            JavaProcess running = first.launch();
            await("the first instance (output: " + running.log() + ")").atMost(Duration.ofMinutes(2))
                    .failFast("the jar exited (output: " + running.log() + ")", () -> !running.alive())
                    .until(() -> running.output().contains("Apache Camel 4.18.0 (midtier) started"));

            try (MidtierProcess second = MidtierProcess.jar("jar-second-instance",
                    environment("jar-second-instance", FreePorts.next()))) {
                JavaProcess app = second.launch();
                assertThat(app.awaitExit(Duration.ofMinutes(1))).as("exit code").isEqualTo(1);
                assertThat(refusal(app)).contains("another midtier instance is running on " + db.url())
                        .contains("set midtier.broker.url to a shared broker")
                        .contains("'midtier jar-first-instance'");
            }
            assertThat(running.alive()).as("the first instance runs on").isTrue();
        }
    }

    /**
     * The one line midtier logs for a refused start. (A refusal during the infrastructure's start comes while the
     * Camel context starts: Camel logs its own "Error starting CamelContext" with a stack trace before it.)
     */
    private static String refusal(JavaProcess app) {
        List<String> refusal = app.output().lines().filter(l -> l.contains("midtier did not start")).toList();
        assertThat(refusal).as(app.output()).hasSize(1);
        return refusal.get(0);
    }

    private static Map<String, String> environment(String name, int http) {
        Map<String, String> environment = new HashMap<>();
        environment.put("MIDTIER_HTTP_PORT", String.valueOf(http));
        environment.put("MIDTIER_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        environment.put("MIDTIER_BROKER_TCP_PORT", String.valueOf(FreePorts.next()));
        environment.put("MIDTIER_DATA_DIR", MidtierTestApp.dataDir(name).toAbsolutePath().toString());
        environment.put("MIDTIER_TX_NODE_ID", name.length() > 20 ? name.substring(0, 20) : name);
        environment.put("MIDTIER_DB_URL", db.url());
        return environment;
    }
}
