package io.midtier.delivery;

import static io.midtier.testsupport.Updates.appliedCopies;
import static io.midtier.testsupport.Updates.awaitStatus;
import static io.midtier.testsupport.Updates.rename;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// dead-letter: a back-end down for longer than the attempts sends the update to the DLQ; it becomes FAILED,
// the cache stops showing it, support sees it and replays it (applied once) or discards it (audited).
class DeadLetterTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "dead-letter");
        p.put("midtier.delivery.concurrent-consumers", "8");
        p.put("midtier.broker.redelivery-delay-ms", "100");
        p.put("midtier.broker.max-redelivery-delay-ms", "400");
        p.put("midtier.broker.max-delivery-attempts", "3");
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @AfterEach
    void backendUp() {
        backendDown(false);
    }

    @Test
    void an_update_the_backend_never_takes_is_dead_lettered_failed_evicted_and_applied_once_when_replayed() {
        Http.get(app.url("/api/accounts/1041"));
        backendDown(true);
        String updateId = rename(app, "1041", "DEAD LETTER " + System.nanoTime());

        JsonNode failed = awaitStatus(app, updateId, "FAILED");
        assertThat(failed.get("attempts").asInt()).isEqualTo(3);
        assertThat(failed.get("lastError").asText()).contains("gave up after 3 attempts");
        // the back-end could not be read: the entry is evicted rather than left showing the failed update
        await().atMost(Duration.ofSeconds(30)).until(() -> db.count(
                "select count(*) from cache_entry where type = 'accounts' and id = '1041'") == 0);
        assertThat(deadLetterIds()).contains(updateId);
        assertThat(appliedCopies(db, updateId)).isZero();

        backendDown(false);
        HttpResponse<String> replay = Http.post(app.url("/admin/dead-letters/" + updateId + "/replay"));

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
        assertThat(deadLetterIds()).doesNotContain(updateId);
        awaitStatus(app, updateId, "APPLIED");
        assertThat(appliedCopies(db, updateId)).isEqualTo(1);
        assertThat(MidtierTestApp.json(Http.get(app.url("/api/accounts/1041")).body()).get("name").asText())
                .startsWith("DEAD LETTER");
        // the audit row names who replayed it: the user the test client logs in as
        assertThat(db.count("select count(*) from dead_letter_audit where update_id = ? and action = 'REPLAY'"
                + " and actor = ?", UUID.fromString(updateId), Http.DEFAULT_USER)).isEqualTo(1);
        assertThat(Http.post(app.url("/admin/dead-letters/" + updateId + "/replay")).statusCode()).isEqualTo(404);
    }

    @Test
    void a_discarded_dead_letter_leaves_the_list_and_keeps_its_audit_row() {
        String backendName = Updates.backendAccount(app, "1042").get("name").asText().strip();
        Http.get(app.url("/api/accounts/1042"));
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"errorRate\":1.0}");
        String updateId = rename(app, "1042", "DISCARDED " + System.nanoTime());
        String later = rename(app, "1042", "BUILT ON IT " + System.nanoTime());

        awaitStatus(app, updateId, "FAILED");
        // the later update carries the failed one's changes: it fails with it instead of sending them
        JsonNode laterStatus = awaitStatus(app, later, "FAILED");
        assertThat(laterStatus.get("lastError").asText()).contains(updateId);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterIds().contains(updateId));
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"errorRate\":0}");

        HttpResponse<String> discard = Http.delete(app.url("/admin/dead-letters/" + updateId));

        assertThat(discard.statusCode()).as(discard.body()).isEqualTo(200);
        assertThat(deadLetterIds()).doesNotContain(updateId);
        assertThat(db.count("select count(*) from dead_letter_audit where update_id = ? and action = 'DISCARD'"
                + " and actor = ?", UUID.fromString(updateId), Http.DEFAULT_USER)).isEqualTo(1);
        assertThat(db.query("select status from dead_letter where update_id = ?", UUID.fromString(updateId))
                .get(0).get("status")).isEqualTo("DISCARDED");
        assertThat(Updates.status(app, updateId).get("status").asText()).isEqualTo("FAILED");
        assertThat(Http.delete(app.url("/admin/dead-letters/" + updateId)).statusCode()).isEqualTo(404);
        assertThat(appliedCopies(db, updateId) + appliedCopies(db, later)).isZero();
        JsonNode cached = MidtierTestApp.json(Http.get(app.url("/api/accounts/1042")).body());
        assertThat(cached.get("name").asText().strip()).isEqualTo(backendName);
    }

    // README: "POST /admin/dead-letters/{id}/replay (409 when the entry got a newer update since)"
    @Test
    void a_dead_letter_whose_entry_got_a_newer_update_is_not_replayed_409() {
        Http.get(app.url("/api/accounts/1043"));
        backendDown(true);
        String updateId = rename(app, "1043", "OVERTAKEN " + System.nanoTime());
        awaitStatus(app, updateId, "FAILED");
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterIds().contains(updateId));
        backendDown(false);
        String newer = rename(app, "1043", "NEWER " + System.nanoTime());
        awaitStatus(app, newer, "APPLIED");
        long audits = db.count("select count(*) from dead_letter_audit where update_id = ?", UUID.fromString(updateId));

        HttpResponse<String> replay = Http.post(app.url("/admin/dead-letters/" + updateId + "/replay"));

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(409);
        assertThat(MidtierTestApp.json(replay.body()).get("error").asText()).isEqualTo("CONFLICT");
        // nothing moved: the dead letter is still open, the update still FAILED and never sent, no audit row
        assertThat(deadLetterIds()).contains(updateId);
        assertThat(Updates.status(app, updateId).get("status").asText()).isEqualTo("FAILED");
        assertThat(db.count("select count(*) from dead_letter_audit where update_id = ?", UUID.fromString(updateId)))
                .isEqualTo(audits);
        assertThat(appliedCopies(db, updateId)).isZero();
        assertThat(MidtierTestApp.json(Http.get(app.url("/api/accounts/1043")).body()).get("name").asText())
                .startsWith("NEWER");
    }

    @Test
    void a_reader_sees_the_open_dead_letters_without_their_messages_and_may_not_replay_them() {
        Http.get(app.url("/api/accounts/1043"));
        backendDown(true);
        String updateId = rename(app, "1043", "SEEN BY A READER " + System.nanoTime());
        awaitStatus(app, updateId, "FAILED");
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetterIds().contains(updateId));
        backendDown(false);
        Map<String, String> reader = Http.basic(MidtierTestApp.READER, MidtierTestApp.READER_PASSWORD);

        HttpResponse<String> list = Http.get(app.url("/api/dead-letters?size=100"), reader);

        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        JsonNode page = MidtierTestApp.json(list.body());
        assertThat(page.get("page").asInt()).isEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(100);
        JsonNode entry = null;
        for (JsonNode item : page.get("items")) {
            if (item.get("updateId").asText().equals(updateId)) {
                entry = item;
            }
        }
        assertThat(entry).as(list.body()).isNotNull();
        assertThat(entry.get("type").asText()).isEqualTo("accounts");
        assertThat(entry.get("id").asText()).isEqualTo("1043");
        assertThat(entry.get("reason").asText()).contains("gave up after 3 attempts");
        assertThat(entry.get("attempts").asInt()).isEqualTo(3);
        assertThat(entry.get("failedAt").asText()).isNotBlank();
        assertThat(entry.has("message")).as("the update's payload stays in the admin list").isFalse();
        // acting on it, and the admin list with the messages, stay the admin role's
        HttpResponse<String> replay = Http.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(app.url("/admin/dead-letters/" + updateId + "/replay")))
                .POST(java.net.http.HttpRequest.BodyPublishers.noBody()), reader);
        assertThat(replay.statusCode()).isEqualTo(403);
        assertThat(replay.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(Http.get(app.url("/admin/dead-letters"), reader).statusCode()).isEqualTo(403);
        assertThat(deadLetterIds()).contains(updateId);
        // the same paging rule as every list
        HttpResponse<String> badSize = Http.get(app.url("/api/dead-letters?size=0"), reader);
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(MidtierTestApp.json(badSize.body()).get("error").asText()).isEqualTo("INVALID_PAGE");
        assertThat(badSize.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void admin_requests_for_unknown_or_malformed_ids_are_4xx_json() {
        HttpResponse<String> unknown = Http.post(app.url("/admin/dead-letters/" + UUID.randomUUID() + "/replay"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(MidtierTestApp.json(unknown.body()).get("error").asText()).isEqualTo("NOT_FOUND");
        // a 404 is cacheable by default: an error answer says no cache may keep it
        assertThat(unknown.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(Http.delete(app.url("/admin/dead-letters/not-a-uuid")).statusCode()).isEqualTo(400);
        assertThat(Http.get(app.url("/admin/dead-letters?size=0")).statusCode()).isEqualTo(400);
    }

    static java.util.List<String> deadLetterIds() {
        JsonNode list = MidtierTestApp.json(Http.get(app.url("/admin/dead-letters")).body());
        java.util.List<String> ids = new java.util.ArrayList<>();
        list.forEach(item -> ids.add(item.get("updateId").asText()));
        return ids;
    }

    static void backendDown(boolean down) {
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":" + down + ",\"errorRate\":0}");
    }
}
