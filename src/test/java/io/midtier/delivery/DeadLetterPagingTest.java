package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Enumeration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The dead-letter queue never drops or refuses a message: beyond midtier.broker.dead-letter-memory-bytes it pages
// them to disk (embedded broker, PAGE policy), and every one is still there. The dead-letter route is stopped so the
// queue only fills.
class DeadLetterPagingTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String DLQ = "DLQ.midtier.updates";
    private static final int MEMORY_BYTES = 8 * 1024;
    private static final int MESSAGES = 200;

    static MidtierTestApp app;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> p = MidtierTestApp.defaults(db, "dead-letter-paging");
        p.put("midtier.broker.dead-letter-memory-bytes", String.valueOf(MEMORY_BYTES));
        app = MidtierTestApp.start(p);
        app.context().getRouteController().stopRoute("dead-letter");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void dead_letters_beyond_the_memory_bound_are_paged_to_disk_and_none_is_dropped() throws Exception {
        EmbeddedBroker broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        assertThat(broker.paging(DLQ)).isFalse();
        String padding = "x".repeat(1024);
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0",
                app.context().resolvePropertyPlaceholders("{{midtier.broker.user}}"),
                app.context().resolvePropertyPlaceholders("{{midtier.broker.password}}"));
             Connection connection = factory.createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            Queue queue = session.createQueue(DLQ);
            // about 25 times the memory bound: every send is accepted (PAGE, not FAIL or DROP)
            try (MessageProducer producer = session.createProducer(queue)) {
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                for (int i = 0; i < MESSAGES; i++) {
                    TextMessage message = session.createTextMessage(padding);
                    message.setIntProperty("n", i);
                    producer.send(message);
                }
            }

            assertThat(broker.paging(DLQ)).as("the dead-letter queue pages to disk").isTrue();
            assertThat(broker.messageCount(DLQ)).isEqualTo(MESSAGES);
            connection.start();
            Set<Integer> browsed = new TreeSet<>();
            try (QueueBrowser browser = session.createBrowser(queue)) {
                for (Enumeration<?> e = browser.getEnumeration(); e.hasMoreElements(); ) {
                    browsed.add(((Message) e.nextElement()).getIntProperty("n"));
                }
            }
            assertThat(browsed).as("every message, the paged ones included").hasSize(MESSAGES)
                    .first().isEqualTo(0);
            assertThat(browsed).last().isEqualTo(MESSAGES - 1);
        }
    }
}
