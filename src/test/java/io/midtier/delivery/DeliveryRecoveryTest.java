package io.midtier.delivery;

import static io.midtier.testsupport.Updates.appliedCopies;
import static io.midtier.testsupport.Updates.awaitStatus;
import static io.midtier.testsupport.Updates.rename;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// backend-delivery under failure, at the configured concurrency (8 consumers): a rollback after the back-end
// call is redelivered and applied once in effect; back-end errors are retried with growing delays; a business
// rejection fails the update at once and leaves the cache honest.
class DeliveryRecoveryTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static final int CONSUMERS = 8;
    static MidtierTestApp app;
    static EmbeddedBroker broker;
    /** account id -> how many deliveries of its updates still fail after the back-end call. */
    static final Map<String, AtomicInteger> FAIL_AFTER_CALL = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> p = MidtierTestApp.defaults(db, "delivery-recovery");
        p.put("midtier.delivery.concurrent-consumers", String.valueOf(CONSUMERS));
        p.put("simulator.max-concurrent", String.valueOf(CONSUMERS));
        p.put("midtier.broker.redelivery-delay-ms", "300");
        p.put("midtier.broker.redelivery-multiplier", "2.0");
        p.put("midtier.broker.max-redelivery-delay-ms", "5000");
        p.put("midtier.broker.max-delivery-attempts", "6");
        app = MidtierTestApp.start(p);
        broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        // The fault: the transaction fails after the back-end applied the update, before it commits.
        AdviceWith.adviceWith(app.context(), "backend-delivery", route -> route
                .weaveByToUri("direct:update-applied").before()
                .process(exchange -> {
                    AtomicInteger remaining = FAIL_AFTER_CALL.get(exchange.getProperty("id", String.class));
                    if (remaining != null && remaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new IllegalStateException("injected: rollback after the back-end call");
                    }
                }));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void clearFaults() {
        FAIL_AFTER_CALL.clear();
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"errorRate\":0,\"down\":false,\"failNextUpdates\":0,\"rejectNextUpdates\":0}");
    }

    @Test
    void updates_rolled_back_after_the_backend_call_are_redelivered_and_applied_once() {
        long duplicatesBefore = app.simulatorStats().get("duplicates").asLong();
        List<String> accounts = new ArrayList<>();
        for (int account = 1011; account < 1011 + 2 * CONSUMERS; account++) {
            accounts.add(String.valueOf(account));
            FAIL_AFTER_CALL.put(String.valueOf(account), new AtomicInteger(1));
        }
        List<String> updates = accounts.parallelStream()
                .map(account -> rename(app, account, "ROLLBACK " + account + " " + System.nanoTime()))
                .toList();

        for (String updateId : updates) {
            JsonNode applied = awaitStatus(app, updateId, "APPLIED");
            assertThat(applied.get("attempts").asInt()).isEqualTo(2);
            assertThat(appliedCopies(db, updateId)).as("back-end copies of %s", updateId).isEqualTo(1);
            assertThat(db.query("select error from delivery_attempt where update_id = ? order by attempt",
                    UUID.fromString(updateId)).get(0).get("error").toString()).contains("injected");
        }
        assertThat(FAIL_AFTER_CALL.values()).allMatch(remaining -> remaining.get() == 0);
        assertThat(app.simulatorStats().get("duplicates").asLong()).isEqualTo(duplicatesBefore);
    }

    @Test
    void an_update_failing_three_times_is_applied_on_the_fourth_attempt_after_growing_delays() {
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"failNextUpdates\":3}");

        String updateId = rename(app, "1031", "RETRIED " + System.nanoTime());

        JsonNode applied = awaitStatus(app, updateId, "APPLIED");
        assertThat(applied.get("attempts").asInt()).isEqualTo(4);
        assertThat(applied.get("lastError").isNull()).isTrue();
        assertThat(appliedCopies(db, updateId)).isEqualTo(1);
        List<Map<String, Object>> attempts = db.query(
                "select started_at, error from delivery_attempt where update_id = ? order by attempt", UUID.fromString(updateId));
        assertThat(attempts).hasSize(4);
        assertThat(attempts.subList(0, 3)).allSatisfy(a -> assertThat(a.get("error").toString()).contains("500").contains("ABEND"));
        assertThat(attempts.get(3).get("error")).isNull();
        long[] gaps = new long[3];
        for (int i = 0; i < 3; i++) {
            gaps[i] = ((Timestamp) attempts.get(i + 1).get("started_at")).getTime()
                    - ((Timestamp) attempts.get(i).get("started_at")).getTime();
        }
        // the configured backoff: 300 ms, then times 2 (each gap also holds the failed attempt's own call)
        for (int i = 0; i < 3; i++) {
            assertThat(gaps[i]).as("gap %d of %s", i, java.util.Arrays.toString(gaps))
                    .isGreaterThanOrEqualTo(300L << i);
        }
        assertThat(gaps[1]).isGreaterThan(gaps[0]);
        assertThat(gaps[2]).isGreaterThan(gaps[1]);
    }

    @Test
    void a_later_update_waits_while_an_earlier_one_of_the_entry_is_retried() {
        long sent = broker.messagesAdded("midtier.updates");
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"failNextUpdates\":1}");

        String first = rename(app, "1033", "FIRST " + System.nanoTime());
        String second = rename(app, "1033", "SECOND " + System.nanoTime());

        awaitStatus(app, second, "APPLIED");
        assertThat(Updates.status(app, first).get("status").asText()).isEqualTo("APPLIED");
        assertThat(Updates.status(app, first).get("attempts").asInt()).isEqualTo(2);
        List<Object> order = db.query("select token from simulator.applied_update where token in (?, ?) order by seq",
                first, second).stream().map(row -> row.get("token")).toList();
        assertThat(order).containsExactly(first, second);
        // the second went back to the queue (at least once) instead of overtaking the first
        assertThat(broker.messagesAdded("midtier.updates") - sent).isGreaterThan(2);
    }

    @Test
    void a_business_rejection_fails_the_update_at_once_and_the_cache_shows_the_backend_again() {
        String backendName = Updates.backendAccount(app, "1032").get("name").asText().strip();
        long rejectedBefore = app.simulatorStats().get("rejected").asLong();
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"rejectNextUpdates\":1}");

        String updateId = rename(app, "1032", "REJECTED " + System.nanoTime());

        JsonNode failed = awaitStatus(app, updateId, "FAILED");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("lastError").asText()).contains("20").contains("ACCOUNT LOCKED");
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.messageCount("midtier.updates") == 0);
        assertThat(Updates.attemptsRecorded(db, updateId)).isEqualTo(1);
        assertThat(app.simulatorStats().get("rejected").asLong()).isEqualTo(rejectedBefore + 1);
        assertThat(appliedCopies(db, updateId)).isZero();
        JsonNode cached = MidtierTestApp.json(Http.get(app.url("/api/accounts/1032")).body());
        assertThat(cached.get("name").asText().strip()).isEqualTo(backendName);
        assertThat(cached.get("pendingUpdate").isNull()).isTrue();
    }

    // README: "Permanent rejections (return codes 20, 12, 13) -> FAILED at once, no retry." 20 is above; 13 and 12 are
    // produced by the back-end's own state: an account closed there after midtier cached it, a record it cannot take.
    @Test
    void an_account_gone_from_the_backend_fails_the_update_at_once_with_return_code_13() {
        String account = "1035";
        assertThat(Http.get(app.url("/api/accounts/" + account)).statusCode()).isEqualTo(200);
        db.update("delete from simulator.account_txn where account_id = ?", account);
        db.update("delete from simulator.account where id = ?", account);

        assertFailedAtOnce(rename(app, account, "GONE " + System.nanoTime() % 100_000), "13", "ACCOUNT NOT FOUND");
    }

    @Test
    void a_record_the_backend_refuses_fails_the_update_at_once_with_return_code_12() {
        String account = "1036";
        // the back-end holds an account without a name; midtier serves it as it is, and a PUT that changes only the
        // phone sends the blank name back, which ACCTUPD refuses as an invalid request
        db.update("update simulator.account set name = '' where id = ?", account);
        assertThat(Http.get(app.url("/api/accounts/" + account)).statusCode()).isEqualTo(200);
        HttpResponse<String> put = Http.put(app.url("/api/accounts/" + account), "{\"phone\":\"555 0136\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(202);

        assertFailedAtOnce(MidtierTestApp.json(put.body()).get("updateId").asText(), "12", "NAME MUST NOT BE BLANK");
    }

    private static void assertFailedAtOnce(String updateId, String returnCode, String message) {
        JsonNode failed = awaitStatus(app, updateId, "FAILED");
        assertThat(failed.get("attempts").asInt()).isEqualTo(1);
        assertThat(failed.get("lastError").asText()).contains(returnCode).contains(message);
        // no retry: nothing of it left on the queue or its dead-letter queue, one attempt recorded, nothing applied
        await().atMost(Duration.ofSeconds(30)).until(() -> broker.messageCount("midtier.updates") == 0);
        assertThat(broker.messageCount("DLQ.midtier.updates")).isZero();
        assertThat(Updates.attemptsRecorded(db, updateId)).isEqualTo(1);
        assertThat(appliedCopies(db, updateId)).isZero();
    }
}
