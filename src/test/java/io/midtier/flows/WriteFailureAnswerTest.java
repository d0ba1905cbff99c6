package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.testsupport.Database;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import java.net.http.HttpResponse;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

// A keyed write whose transaction fails while the database goes away (found by the reliability harness's
// database restart): the look-up of the key after the failure fails too. The request still gets a JSON 503 and
// nothing is written -- not an empty 500 (no error handler runs inside doCatch).
class WriteFailureAnswerTest {

    private static final String ACCOUNT = "1012";

    @Test
    void a_keyed_write_whose_transaction_and_key_look_up_both_fail_answers_a_json_503() throws Exception {
        try (MidtierTestApp app = MidtierTestApp.start("write-failure-answer")) {
            assertThat(Http.get(app.url("/api/accounts/" + ACCOUNT)).statusCode()).isEqualTo(200);
            // the database goes away inside the transaction, and is still gone for the look-up after it; the first
            // look-up (before the transaction) still works
            replace(app, "dual-write-transaction", "direct:dual-write-transaction", true);
            replace(app, "idempotent-replay", "direct:idempotent-replay", false);
            long updatesBefore = Database.count("select count(*) from cache_update where id = ?", ACCOUNT);

            HttpResponse<String> put = Http.put(app.url("/api/accounts/" + ACCOUNT), "{\"name\":\"NOT WRITTEN\"}",
                    Map.of("Content-Type", "application/json", "Idempotency-Key", UUID.randomUUID().toString()));

            assertThat(put.statusCode()).as(put.body()).isEqualTo(503);
            assertThat(MidtierTestApp.json(put.body()).path("error").asText()).isEqualTo("UNAVAILABLE");
            assertThat(Database.count("select count(*) from cache_update where id = ?", ACCOUNT))
                    .isEqualTo(updatesBefore);
        }
    }

    /**
     * Replaces a route with one that fails as a database restart does (SQL state 57P01): always, or only when it
     * runs after a failure was caught (the look-up inside the write's doCatch).
     */
    private static void replace(MidtierTestApp app, String routeId, String from, boolean always) throws Exception {
        app.context().getRouteController().stopRoute(routeId);
        app.context().removeRoute(routeId);
        app.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(from).routeId(routeId + "-failing")
                        .choice()
                        .when(exchange -> always || exchange.getProperty("CamelExceptionCaught") != null)
                        .throwException(new SQLException("terminating connection due to administrator command", "57P01"))
                        .otherwise()
                        .setProperty("replayed", constant(false))
                        .end();
            }
        });
    }
}
