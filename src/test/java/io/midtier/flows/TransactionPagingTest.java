package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// paging: GET /api/accounts/{id}/transactions pages through the transactions of the one cached inquiry result
// (fixed-width records mapped with Bindy); bad or out-of-range paging parameters are 400.
class TransactionPagingTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start(db, "transaction-paging");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void every_page_of_a_200_transaction_account_comes_from_one_backend_call() {
        db.update("delete from cache_entry where type = 'accounts' and id = '1100'");
        long before = inquiries();
        List<String> ids = new ArrayList<>();

        for (int page = 1; page <= 4; page++) {
            HttpResponse<String> response = Http.get(app.url("/api/accounts/1100/transactions?page=" + page + "&size=50"));
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("X-Cache")).hasValue(page == 1 ? "MISS" : "HIT");
            JsonNode body = MidtierTestApp.json(response.body());
            assertThat(body.get("page").asInt()).isEqualTo(page);
            assertThat(body.get("totalItems").asInt()).isEqualTo(200);
            assertThat(body.get("totalPages").asInt()).isEqualTo(4);
            assertThat(body.get("items")).hasSize(50);
            body.get("items").forEach(item -> ids.add(item.get("id").asText()));
        }

        assertThat(inquiries()).isEqualTo(before + 1);
        assertThat(new HashSet<>(ids)).hasSize(200);
        // most recent first; the back-end's 20 oldest of 220 are not part of the inquiry
        assertThat(ids.get(0)).isEqualTo("1100220");
        assertThat(ids.get(199)).isEqualTo("1100021");
    }

    @Test
    void a_transaction_carries_its_date_signed_amount_and_description() {
        HttpResponse<String> response = Http.get(app.url("/api/accounts/1001/transactions"));

        JsonNode body = MidtierTestApp.json(response.body());
        assertThat(body.get("size").asInt()).isEqualTo(20);
        assertThat(body.get("totalItems").asInt()).isEqualTo(2);
        JsonNode latest = body.get("items").get(0);
        // seed: transaction 2 of account 1001, 2 hours after 2024-01-01, a card payment of (1001*2*104729) % 90000 cents
        assertThat(latest.get("id").asText()).isEqualTo("1001002");
        assertThat(latest.get("postedAt").asText()).isEqualTo("2024-01-01T02:00:00Z");
        assertThat(latest.get("amount").asText()).isEqualTo("-" + String.format("%.2f", ((1001L * 2 * 104729) % 90000) / 100.0));
        assertThat(latest.get("description").asText()).isEqualTo("CARD PAYMENT 2");
    }

    @Test
    void the_account_itself_does_not_carry_the_transactions() {
        JsonNode account = MidtierTestApp.json(Http.get(app.url("/api/accounts/1002")).body());

        assertThat(account.has("transactions")).isFalse();
        assertThat(account.get("id").asText()).isEqualTo("1002");
    }

    @Test
    void bad_or_out_of_range_paging_is_400_and_reaches_neither_backend_nor_database_as_text() {
        Http.get(app.url("/api/accounts/1100/transactions"));
        long before = inquiries();

        String[][] cases = {
                {"page=5&size=50", "PAGE_OUT_OF_RANGE"},
                {"page=0", "INVALID_PAGE"},
                {"page=-1", "INVALID_PAGE"},
                {"page=abc", "INVALID_PAGE"},
                {"size=0", "INVALID_PAGE"},
                {"size=101", "INVALID_PAGE"},
                {"page=1%3Bdrop%20table%20cache_entry", "INVALID_PAGE"},
                {"page=99999999999", "INVALID_PAGE"},
        };
        for (String[] c : cases) {
            HttpResponse<String> response = Http.get(app.url("/api/accounts/1100/transactions?" + c[0]));
            assertThat(response.statusCode()).as(c[0]).isEqualTo(400);
            assertThat(MidtierTestApp.json(response.body()).get("error").asText()).as(c[0]).isEqualTo(c[1]);
        }
        assertThat(Http.get(app.url("/api/accounts/11x0/transactions")).statusCode()).isEqualTo(400);
        assertThat(inquiries()).isEqualTo(before);
    }

    private static long inquiries() {
        return app.simulatorStats().get("inquiries").asLong();
    }
}
