package io.midtier.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.ChildJvm;
import io.midtier.testsupport.Database;
import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

// The README's run command: `java -jar target/midtier.jar` starts midtier on its embedded defaults (only
// ports, data directory and database overridden through environment variables) and serves a GET.
class JarRunIT {

    @Test
    void the_packaged_jar_starts_and_serves_a_read() throws IOException {
        Path jar = Path.of("target", "midtier.jar");
        assertThat(jar).exists();
        int http = FreePorts.next();
        int legacy = FreePorts.next();
        Map<String, String> environment = Map.of(
                "MIDTIER_HTTP_PORT", String.valueOf(http),
                "MIDTIER_MANAGEMENT_PORT", String.valueOf(FreePorts.next()),
                "LEGACY_PORT", String.valueOf(legacy),
                "MIDTIER_BACKEND_URL", "http://127.0.0.1:" + legacy,
                "MIDTIER_BROKER_TCP_PORT", String.valueOf(FreePorts.next()),
                "MIDTIER_DATA_DIR", MidtierTestApp.dataDir("jar-run").toAbsolutePath().toString(),
                "MIDTIER_TX_NODE_ID", "jar-run-it",
                "MIDTIER_DB_URL", Database.URL);

        long launched = System.nanoTime();
        try (ChildJvm app = ChildJvm.jar("jar-run", jar, environment)) {
            AtomicReference<HttpResponse<String>> read = new AtomicReference<>();
            await("GET /api/accounts/1001 from the jar (output: " + app.outputFile() + ")")
                    .atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions()
                    .until(() -> {
                        assertThat(app.isAlive()).as("the jar is running").isTrue();
                        read.set(Http.get("http://127.0.0.1:" + http + "/api/accounts/1001"));
                        return read.get().statusCode() == 200;
                    });
            long readyMs = (System.nanoTime() - launched) / 1_000_000;

            JsonNode account = MidtierTestApp.json(read.get().body());
            assertThat(account.get("id").asText()).isEqualTo("1001");
            assertThat(read.get().headers().firstValue("X-Cache")).isPresent();
            assertThat(app.output()).contains("Apache Camel 4.18.0 (midtier) started");

            String line = "midtier.jar: first GET answered " + readyMs + " ms after launch";
            System.out.println(line);
            Files.writeString(Files.createDirectories(Path.of("target", "bench")).resolve("startup.txt"), line + "\n");

            assertThat(app.terminate(Duration.ofSeconds(60))).as("exit code after SIGTERM").isIn(0, 143);
        }
    }
}
