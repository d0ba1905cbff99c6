package io.midtier.changes;

import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.JavaProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The sample subscriber as users run it: its own JVM, over TCP to the broker and HTTP to midtier.
class SampleSubscriberMainTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static int brokerPort;

    @BeforeAll
    static void start() {
        Map<String, String> p = MidtierTestApp.defaults(db, "sample-subscriber-main");
        brokerPort = FreePorts.next();
        p.put("midtier.broker.tcp-port", String.valueOf(brokerPort));
        app = MidtierTestApp.start(p);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void the_sample_subscriber_prints_the_changes_it_applies() {
        String key = "main-" + UUID.randomUUID();
        try (JavaProcess subscriber = JavaProcess.onTestClassPath("sample-subscriber", "io.midtier.subscriber.ChangeSubscriberMain",
                Map.of(), "tcp://127.0.0.1:" + brokerPort, app.url(""), "main-" + UUID.randomUUID(),
                app.context().resolvePropertyPlaceholders("{{midtier.broker.user}}"),
                app.context().resolvePropertyPlaceholders("{{midtier.broker.password}}"))) {
            subscriber.awaitOutput("following midtier.changes", Duration.ofSeconds(60));
            app.context().createProducerTemplate().send("direct:change-evicted", exchange -> {
                exchange.setProperty("type", "test");
                exchange.setProperty("id", key);
            });
            subscriber.awaitOutput("APPLIED .*\"id\":\"" + key + "\".*\"version\":1", Duration.ofSeconds(60));
        }
    }
}
