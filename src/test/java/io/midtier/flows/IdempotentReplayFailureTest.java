package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// dual-write with an Idempotency-Key: when the transaction fails and the lookup of the key's first answer fails too
// (the database went away), the caller gets a JSON 503 and nothing is written. The reliability harness's
// db-restart scenario got an empty 500 there.
class IdempotentReplayFailureTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String ACCOUNT = "1012";

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
    void restore() {
        db.update("drop trigger if exists midtier_test_trip on cache_update");
        db.update("drop function if exists midtier_test_trip()");
        db.update("do $$ begin if to_regclass('idempotent_request_kept') is not null then "
                + "drop view if exists idempotent_request; "
                + "alter table idempotent_request_kept rename to idempotent_request; end if; end $$");
        db.update("drop function if exists midtier_test_gate()");
        db.update("drop sequence if exists midtier_test_trip");
    }

    @Test
    void a_failed_lookup_after_a_failed_transaction_is_a_json_503_and_changes_nothing() {
        String name = "TRIP " + System.nanoTime() % 100_000;
        // the transaction fails at its insert and trips a sequence (not rolled back); once tripped, reading the
        // key's first answer fails as if the database had gone
        db.update("create sequence midtier_test_trip");
        db.update("create function midtier_test_trip() returns trigger language plpgsql as $$ begin "
                + "if new.payload->>'name' like 'TRIP %' then perform nextval('midtier_test_trip'); "
                + "raise exception 'refused by test trigger'; end if; return new; end $$");
        db.update("create trigger midtier_test_trip before insert on cache_update "
                + "for each row execute function midtier_test_trip()");
        db.update("create function midtier_test_gate() returns boolean stable language plpgsql as $$ begin "
                + "if (select is_called from midtier_test_trip) then "
                + "raise exception using errcode = '08006', message = 'connection lost (test)'; end if; "
                + "return true; end $$");
        db.update("alter table idempotent_request rename to idempotent_request_kept");
        db.update("create view idempotent_request as select * from idempotent_request_kept where midtier_test_gate()");

        HttpResponse<String> put = Http.put(app.url("/api/accounts/" + ACCOUNT), "{\"name\":\"" + name + "\"}",
                Map.of("Content-Type", "application/json", "Idempotency-Key", "trip-" + System.nanoTime()));

        assertThat(put.statusCode()).as(put.body()).isEqualTo(503);
        assertThat(MidtierTestApp.json(put.body()).get("error").asText()).isEqualTo("UNAVAILABLE");
        assertThat(db.count("select count(*) from cache_update where payload->>'name' = ?", name)).isZero();
        assertThat(db.count("select count(*) from midtier_test_trip where is_called")).as("the trap was sprung").isEqualTo(1);
    }
}
