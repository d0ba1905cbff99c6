package io.midtier.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.simulator.OrderDesk;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Call-back orders: 202 with an id at once; the back-end's answers arrive later on the reply queue, out of order
// and several per order; each is correlated by order id and the newest by its own sequence wins; an order
// without an answer is flagged overdue and listed as outstanding; a bad order is refused and nothing stored.
class OrderCallbackTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static OrderDesk desk;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "orders");
        p.put("midtier.orders.overdue-seconds", "1");
        p.put("midtier.orders.overdue-check-ms", "200");
        app = MidtierTestApp.start(p);
        desk = app.simulator().orders();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void normalAnswers() {
        desk.setMode(OrderDesk.Mode.NORMAL);
    }

    @Test
    void answers_arriving_out_of_order_leave_each_order_shipped_correlated_by_its_id() {
        desk.setMode(OrderDesk.Mode.REVERSED);
        long answersBefore = desk.answersSent();
        List<String> orders = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            orders.add(submit("{\"item\":\"WIDGET-" + i + "\",\"quantity\":" + (i + 1) + "}"));
        }
        // SHIPPED (answer 2) comes first, ACCEPTED (answer 1) after it: all ten answers delivered and consumed
        await().atMost(Duration.ofSeconds(30)).until(() -> desk.answersSent() >= answersBefore + 10);
        EmbeddedBroker broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.messageCount("midtier.order-replies") == 0);

        for (int i = 0; i < orders.size(); i++) {
            JsonNode order = order(orders.get(i));
            assertThat(order.get("status").asText()).isEqualTo("SHIPPED");
            assertThat(order.get("answerSeq").asInt()).isEqualTo(2);
            assertThat(order.get("item").asText()).isEqualTo("WIDGET-" + i);
            assertThat(order.get("quantity").asInt()).isEqualTo(i + 1);
        }
        // the applied answers are in the change log (one per order: the late ACCEPTED changed nothing)
        for (String orderId : orders) {
            await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                    "select count(*) from change_log where type = 'orders' and id = ?", orderId) == 1);
        }
    }

    @Test
    void answers_in_order_move_an_order_through_accepted_to_shipped() {
        String orderId = submit("{\"item\":\"BOLT\",\"quantity\":12}");
        await().atMost(Duration.ofSeconds(30)).until(() -> order(orderId).get("status").asText().equals("SHIPPED"));
        assertThat(order(orderId).get("overdue").asBoolean()).isFalse();
        // both answers are logged; the publisher numbers them into the change log just after they commit
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "select count(*) from change_log where type = 'orders' and id = ?", orderId) == 2);
    }

    @Test
    void an_order_without_an_answer_is_flagged_overdue_and_listed_as_outstanding() {
        desk.setMode(OrderDesk.Mode.SILENT);
        String orderId = submit("{\"item\":\"NUT\",\"quantity\":3}");

        await().atMost(Duration.ofSeconds(30)).until(() -> order(orderId).get("overdue").asBoolean());
        JsonNode order = order(orderId);
        assertThat(order.get("status").asText()).isEqualTo("SENT");
        JsonNode outstanding = MidtierTestApp.json(Http.get(app.url("/api/orders?status=OUTSTANDING&size=100")).body());
        assertThat(outstanding.get("items").findValuesAsText("orderId")).contains(orderId);
        JsonNode shipped = MidtierTestApp.json(Http.get(app.url("/api/orders?status=SHIPPED&size=100")).body());
        assertThat(shipped.get("items").findValuesAsText("orderId")).doesNotContain(orderId);
    }

    @Test
    void a_bad_order_is_400_json_and_nothing_is_stored() {
        long before = db.count("select count(*) from customer_order");
        for (String body : List.of("{\"item\":\"\",\"quantity\":1}", "{\"item\":\"X\",\"quantity\":0}",
                "{\"item\":\"X\",\"quantity\":1.5}", "{\"item\":\"X\"}", "not json", "[]")) {
            HttpResponse<String> response = post(body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(MidtierTestApp.json(response.body()).get("status").asInt()).isEqualTo(400);
        }
        assertThat(db.count("select count(*) from customer_order")).isEqualTo(before);
        assertThat(Http.get(app.url("/api/orders/" + UUID.randomUUID())).statusCode()).isEqualTo(404);
        assertThat(Http.get(app.url("/api/orders/not-an-id")).statusCode()).isEqualTo(400);
        assertThat(Http.get(app.url("/api/orders?status=LOST")).statusCode()).isEqualTo(400);
    }

    @Test
    void the_key_filter_finds_an_order_in_the_whole_list_not_only_on_the_first_page() {
        submit("{\"item\":\"OLDER\",\"quantity\":1}");
        String wanted = submit("{\"item\":\"WANTED\",\"quantity\":2}");
        JsonNode firstPage = MidtierTestApp.json(Http.get(app.url("/api/orders?size=1")).body());
        assertThat(firstPage.get("items").findValuesAsText("orderId")).as("not on the first page").doesNotContain(wanted);

        JsonNode byKey = MidtierTestApp.json(Http.get(app.url("/api/orders?size=1&key=" + wanted)).body());
        assertThat(byKey.get("items").findValuesAsText("orderId")).containsExactly(wanted);
        JsonNode upper = MidtierTestApp.json(Http.get(app.url("/api/orders?key=" + wanted.toUpperCase())).body());
        assertThat(upper.get("items").findValuesAsText("orderId")).containsExactly(wanted);
        JsonNode unknown = MidtierTestApp.json(Http.get(app.url("/api/orders?key=" + UUID.randomUUID())).body());
        assertThat(unknown.get("items")).isEmpty();
        for (String bad : List.of("not-an-id", "1-2-3-4-5", wanted + "x", "1001")) {
            HttpResponse<String> response = Http.get(app.url("/api/orders?key=" + bad));
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(MidtierTestApp.json(response.body()).get("error").asText()).isEqualTo("INVALID_PARAMETER");
            assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
        }
    }

    private static String submit(String body) {
        HttpResponse<String> response = post(body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = MidtierTestApp.json(response.body());
        assertThat(response.headers().firstValue("Location")).hasValue("/api/orders/" + accepted.get("orderId").asText());
        return accepted.get("orderId").asText();
    }

    private static HttpResponse<String> post(String body) {
        return Http.send(HttpRequest.newBuilder(URI.create(app.url("/api/orders")))
                .POST(HttpRequest.BodyPublishers.ofString(body)), Map.of("Content-Type", "application/json"));
    }

    private static JsonNode order(String orderId) {
        return MidtierTestApp.json(Http.get(app.url("/api/orders/" + orderId)).body());
    }
}
