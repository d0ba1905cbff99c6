package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Storage bound: while the back-end takes no updates, the backlog warning rises before the updates queue is
// full; a write beyond the bound is refused with a 503 and writes nothing. The queue holds each entry's oldest
// pending update (newer ones are parked in the database), so the writes go to many entries.
class StorageBoundTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static final List<String> ACCOUNTS = IntStream.rangeClosed(1001, 1100).mapToObj(String::valueOf).toList();
    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "storage-bound");
        p.put("midtier.broker.updates-max-size-bytes", "16384");
        p.put("midtier.delivery.backlog-warn-ratio", "0.5");
        // keep every message in the queue while the back-end is down
        p.put("midtier.broker.redelivery-delay-ms", "60000");
        p.put("midtier.broker.max-delivery-attempts", "100");
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void the_backlog_warning_rises_before_the_queue_is_full_and_a_write_beyond_it_is_refused() {
        UpdatesBacklog backlog = app.bean("updatesBacklog", UpdatesBacklog.class);
        ACCOUNTS.forEach(account -> Http.get(app.url("/api/accounts/" + account)));
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":true}");
        assertThat(backlog.warning()).isNull();

        boolean warnedBeforeRefusal = false;
        HttpResponse<String> refused = null;
        long updatesBeforeRefusal = 0;
        long versionBeforeRefusal = 0;
        String refusedAccount = null;
        for (int i = 0; i < 500 && refused == null; i++) {
            String account = ACCOUNTS.get(i % ACCOUNTS.size());
            updatesBeforeRefusal = db.count("select count(*) from cache_update");
            versionBeforeRefusal = WriteRequestsTest.cacheVersion(db, account);
            HttpResponse<String> put = Http.put(app.url("/api/accounts/" + account), "{\"name\":\"FILLER " + i + "\"}");
            if (put.statusCode() == 202) {
                warnedBeforeRefusal |= backlog.warning() != null;
            } else {
                refused = put;
                refusedAccount = account;
            }
        }

        assertThat(refused).as("a write refused once the queue is full").isNotNull();
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
        assertThat(MidtierTestApp.json(refused.body()).get("error").asText()).isEqualTo("UNAVAILABLE");
        assertThat(warnedBeforeRefusal).isTrue();
        assertThat(backlog.storageUsage()).isGreaterThan(0.5);
        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updatesBeforeRefusal);
        assertThat(WriteRequestsTest.cacheVersion(db, refusedAccount)).isEqualTo(versionBeforeRefusal);
        // the warning on the health endpoint (readiness stays UP: reads are served) and the gauge on metrics
        JsonNode health = MidtierTestApp.json(Http.get(app.managementUrl("/observe/health/ready")).body());
        JsonNode check = null;
        for (JsonNode c : health.get("checks")) {
            if (c.path("name").asText().equals("delivery-backlog")) {
                check = c;
            }
        }
        assertThat(check).as(health.toString()).isNotNull();
        assertThat(check.path("status").asText()).isEqualTo("UP");
        assertThat(check.toString()).contains("WARNING");
        assertThat(Http.get(app.managementUrl("/observe/metrics")).body())
                .contains("midtier_delivery_queue_storage_usage");
        Http.put(app.simulatorUrl("/simulator/faults"), "{\"down\":false}");
    }
}
