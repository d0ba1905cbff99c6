package io.midtier.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

/** Accepted updates as tests follow them: submitted over HTTP, watched through the API and the back-end. */
public final class Updates {

    private Updates() {
    }

    /** PUTs a change of the account's name and returns the update id (asserts 202). */
    public static String rename(MidtierTestApp app, String account, String name) {
        HttpResponse<String> put = Http.put(app.url("/api/accounts/" + account), "{\"name\":\"" + name + "\"}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(202);
        return MidtierTestApp.json(put.body()).get("updateId").asText();
    }

    public static JsonNode status(MidtierTestApp app, String updateId) {
        return MidtierTestApp.json(Http.get(app.url("/api/updates/" + updateId)).body());
    }

    public static JsonNode awaitStatus(MidtierTestApp app, String updateId, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status(app, updateId).get("status").asText(), status::equals);
        return status(app, updateId);
    }

    /** How many times the back-end applied this update (its token), duplicates included. */
    public static long appliedCopies(TestDatabase db, String updateId) {
        return db.count("select count(*) from simulator.applied_update where token = ?", updateId);
    }

    /** What the back-end holds for the account now. */
    public static JsonNode backendAccount(MidtierTestApp app, String account) {
        return MidtierTestApp.json(Http.get(app.simulatorUrl("/simulator/accounts/" + account)).body());
    }

    public static long attemptsRecorded(TestDatabase db, String updateId) {
        return db.count("select count(*) from delivery_attempt where update_id = ?", UUID.fromString(updateId));
    }
}
