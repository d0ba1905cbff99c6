package io.midtier.delivery;

import static io.midtier.testsupport.Updates.appliedCopies;
import static io.midtier.testsupport.Updates.awaitStatus;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import jakarta.jms.Connection;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.UUID;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Message formats on the updates queue: the consumer reads the current version (address as lines) and upcasts
// the previous one (one address string) still in flight; an unknown version is dead-lettered with the reason
// at once and does not hold up the queue.
class MessageFormatTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start(db, "message-format");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_version_1_message_left_on_the_queue_is_applied_by_the_upgraded_consumer() throws Exception {
        Http.get(app.url("/api/accounts/1071"));
        String updateId = acceptedUpdate("1071");
        String address = "7 OLD ROAD, YORK " + System.nanoTime() % 1000;

        send(updateId, "1071", 1, "{\"schemaVersion\":1,\"updateId\":\"" + updateId + "\",\"type\":\"accounts\",\"id\":\"1071\","
                + "\"version\":1,\"fields\":{\"name\":\"OLD FORMAT\",\"address\":\"" + address + "\",\"phone\":\"+1-555-0171\"}}");

        awaitStatus(app, updateId, "APPLIED");
        JsonNode account = Updates.backendAccount(app, "1071");
        assertThat(account.get("name").asText().strip()).isEqualTo("OLD FORMAT");
        assertThat(account.get("address").asText().strip()).isEqualTo(address);
        assertThat(appliedCopies(db, updateId)).isEqualTo(1);
    }

    @Test
    void a_message_of_an_unknown_version_is_dead_lettered_with_the_reason_and_the_queue_moves_on() throws Exception {
        Http.get(app.url("/api/accounts/1072"));
        String updateId = acceptedUpdate("1072");

        send(updateId, "1072", 99, "{\"schemaVersion\":99,\"updateId\":\"" + updateId + "\",\"type\":\"accounts\",\"id\":\"1072\"}");

        JsonNode failed = awaitStatus(app, updateId, "FAILED");
        assertThat(failed.get("lastError").asText()).contains("schema version 99 is unknown");
        assertThat(failed.get("attempts").asInt()).isZero();
        assertThat(appliedCopies(db, updateId)).isZero();
        JsonNode deadLetters = MidtierTestApp.json(Http.get(app.url("/admin/dead-letters")).body());
        assertThat(deadLetters.findValuesAsText("reason")).anyMatch(reason -> reason.contains("schema version 99"));
        // the next update (current format) goes through
        String next = Updates.rename(app, "1073", "CURRENT FORMAT " + System.nanoTime());
        awaitStatus(app, next, "APPLIED");
        JsonNode current = Updates.backendAccount(app, "1073");
        assertThat(current.get("name").asText()).startsWith("CURRENT FORMAT");
        assertThat(current.get("address").asText().strip()).isEqualTo("1073 MAIN STREET, SPRINGFIELD");
    }

    /** An update row as the dual-write transaction records it (PENDING), for a message the test sends itself. */
    private static String acceptedUpdate(String account) {
        String updateId = UUID.randomUUID().toString();
        db.update("insert into cache_update (update_id, type, id, payload, base_version, new_version, status)"
                + " values (?, 'accounts', ?, '{}'::jsonb, 0, 1, 'PENDING')", UUID.fromString(updateId), account);
        return updateId;
    }

    private static void send(String updateId, String account, int schemaVersion, String body) throws Exception {
        try (Connection connection = new ActiveMQConnectionFactory("vm://0", app.context().resolvePropertyPlaceholders("{{midtier.broker.user}}"),
                app.context().resolvePropertyPlaceholders("{{midtier.broker.password}}")).createConnection()) {
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageProducer producer = session.createProducer(session.createQueue("midtier.updates"));
            TextMessage message = session.createTextMessage(body);
            message.setStringProperty("JMSXGroupID", "accounts:" + account);
            message.setStringProperty("midtierUpdateId", updateId);
            message.setIntProperty("midtierSchemaVersion", schemaVersion);
            producer.send(message);
        }
    }
}
