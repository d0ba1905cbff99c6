package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// coalescing across instances: two midtiers on the same database and broker (this JVM and a child JVM, as Narayana is a
// JVM singleton) asked at once for the same cold keys make one back-end call per key in total.
class TwoInstancesCoalescingTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp first;
    static MidtierProcess second;
    static ExecutorService clients;

    @BeforeAll
    static void start() {
        // one broker for both, as instances sharing a database must (the second would be refused with a broker of
        // its own): the first's embedded broker, which accepts TCP
        Map<String, String> one = MidtierTestApp.defaults(db, "two-instances-a");
        one.put("midtier.broker.tcp-port", String.valueOf(FreePorts.next()));
        first = MidtierTestApp.start(one);
        Map<String, String> other = MidtierTestApp.defaults(db, "two-instances-b");
        other.put("midtier.backend.url", first.property("midtier.backend.url"));
        other.put("midtier.broker.url", "tcp://127.0.0.1:" + one.get("midtier.broker.tcp-port"));
        second = MidtierProcess.testApp("two-instances-b", other).start(Duration.ofSeconds(120));
        clients = Executors.newFixedThreadPool(80);
    }

    @AfterAll
    static void stop() {
        if (clients != null) {
            clients.shutdownNow();
        }
        if (second != null) {
            second.close();
        }
        first.close();
    }

    @Test
    void concurrent_cold_reads_on_two_instances_make_one_backend_call_per_key_in_total() throws Exception {
        List<String> keys = List.of("1061", "1062", "1063");
        first.simulatorFaults("{\"latencyMs\": 400, \"jitterMs\": 0}");
        long before = inquiries();

        CountDownLatch go = new CountDownLatch(1);
        List<Future<HttpResponse<String>>> futures = new ArrayList<>();
        for (String key : keys) {
            for (int i = 0; i < 12; i++) {
                String url = (i % 2 == 0 ? first.url("/api/accounts/" + key) : second.url("/api/accounts/" + key));
                futures.add(clients.submit(() -> {
                    go.await();
                    return Http.get(url);
                }));
            }
        }
        go.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<HttpResponse<String>> f : futures) {
            responses.add(f.get());
        }

        assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(inquiries()).isEqualTo(before + keys.size());
        for (int k = 0; k < keys.size(); k++) {
            JsonNode expected = MidtierTestApp.json(responses.get(k * 12).body());
            for (int i = 0; i < 12; i++) {
                assertThat(MidtierTestApp.json(responses.get(k * 12 + i).body())).isEqualTo(expected);
            }
        }
    }

    private static long inquiries() {
        return first.simulatorStats().get("inquiries").asLong();
    }
}
