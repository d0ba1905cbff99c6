package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// dual-write with an Idempotency-Key: when the transaction fails because the database went away and the lookup of the
// key's first answer fails too (it is still away), the caller gets a JSON 503 naming the database and nothing is
// written. The reliability harness's db-restart scenario got an empty 500 there. The fault is real: PostgreSQL ends
// midtier's connections (pg_terminate_backend, as a restart does) and refuses new ones until the test lets them in.
class IdempotentReplayFailureTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String ACCOUNT = "1012";
    /** The advisory lock the test holds and the trigger waits for: the PUT is inside its transaction meanwhile. */
    private static final long GATE = 1_017_017;

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start(db, "idempotent-replay-failure");
        assertThat(Http.get(app.url("/api/accounts/" + ACCOUNT)).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void restore() throws Exception {
        onServer("alter database \"" + db.name() + "\" allow_connections true");
        db.update("drop trigger if exists midtier_test_gate on cache_update");
        db.update("drop function if exists midtier_test_gate()");
    }

    @Test
    void a_failed_lookup_after_a_failed_transaction_is_a_json_503_and_changes_nothing() throws Exception {
        String name = "TRIP " + System.nanoTime() % 100_000;
        // the PUT's insert waits in a trigger for the gate the test holds
        db.update("create function midtier_test_gate() returns trigger language plpgsql as $$ begin "
                + "if new.payload->>'name' like 'TRIP %' then perform pg_advisory_xact_lock(" + GATE + "); end if; "
                + "return new; end $$");
        db.update("create trigger midtier_test_gate before insert on cache_update "
                + "for each row execute function midtier_test_gate()");
        CompletableFuture<HttpResponse<String>> put;
        try (Connection gate = db.connect(); Statement s = gate.createStatement()) {
            s.execute("select pg_advisory_lock(" + GATE + ")");
            put = CompletableFuture.supplyAsync(() -> Http.put(app.url("/api/accounts/" + ACCOUNT),
                    "{\"name\":\"" + name + "\"}",
                    Map.of("Content-Type", "application/json", "Idempotency-Key", "trip-" + System.nanoTime())));
            Awaitility.await("the PUT waiting at the gate inside its transaction").atMost(Duration.ofSeconds(30))
                    .until(() -> db.count("select count(*) from pg_stat_activity where datname = current_database()"
                            + " and wait_event_type = 'Lock' and wait_event = 'advisory'") == 1);

            // the database goes away: no new connections, and every open one ended by the server
            onServer("alter database \"" + db.name() + "\" allow_connections false");
            onServer("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + db.name() + "'");
        }

        HttpResponse<String> answer = put.get(60, TimeUnit.SECONDS);

        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        JsonNode body = MidtierTestApp.json(answer.body());
        assertThat(body.get("error").asText()).isEqualTo("UNAVAILABLE");
        assertThat(body.get("dependency").asText()).isEqualTo("database");
        onServer("alter database \"" + db.name() + "\" allow_connections true");
        assertThat(db.count("select count(*) from cache_update where payload->>'name' = ?", name)).isZero();
    }

    /** A statement on the server's maintenance database: the class's database may not be reachable. */
    private static void onServer(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(db.url("postgres"), TestDatabase.USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
