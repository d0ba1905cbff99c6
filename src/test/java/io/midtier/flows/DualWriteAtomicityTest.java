package io.midtier.flows;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// The database side of the XA dual-write fails after the JMS message was sent (at the statement, or at
// PREPARE): the whole transaction rolls back, and no message reaches the updates queue. The failure is a SQL error,
// not an outage: the answer is a JSON 500 INTERNAL, not a 503 a client would retry (ApiErrors, FailureKind).
class DualWriteAtomicityTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final String ACCOUNT = "1011";
    private static final String CACHE_VERSION =
            "select version from cache_entry where type = 'accounts' and id = '" + ACCOUNT + "'";
    private static final String UPDATES_OF_ACCOUNT =
            "select count(*) from cache_update where type = 'accounts' and id = '" + ACCOUNT + "'";

    static MidtierTestApp app;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() {
        app = MidtierTestApp.start(db, "dual-write-atomicity");
        broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        assertThat(Http.get(app.url("/api/accounts/" + ACCOUNT)).statusCode()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void hold_the_queue() throws Exception {
        // With its consumer stopped, a message that got through would still be on the queue to browse.
        app.context().getRouteController().stopRoute("backend-delivery");
    }

    @AfterEach
    void release_the_queue() throws Exception {
        db.update("drop trigger if exists midtier_test_fail on cache_update");
        db.update("drop function if exists midtier_test_fail()");
        app.context().getRouteController().startRoute("backend-delivery");
    }

    @Test
    void a_database_failure_after_the_send_leaves_no_message_and_no_change() throws Exception {
        String name = "FAIL AT INSERT " + System.nanoTime() % 100_000;
        db.update("create function midtier_test_fail() returns trigger language plpgsql as $$ begin "
                + "if new.payload->>'name' like 'FAIL AT %' then "
                + "raise exception using errcode = 'check_violation', message = 'refused by test trigger'; end if; "
                + "return new; end $$");
        db.update("create trigger midtier_test_fail before insert on cache_update "
                + "for each row execute function midtier_test_fail()");

        assertPutChangesNothing(name);
    }

    @Test
    void a_database_failure_at_prepare_leaves_no_message_and_no_change() throws Exception {
        String name = "FAIL AT PREPARE " + System.nanoTime() % 100_000;
        // A deferred constraint trigger runs when the transaction ends: inside PREPARE TRANSACTION, after
        // both resources took part and the message was sent.
        db.update("create function midtier_test_fail() returns trigger language plpgsql as $$ begin "
                + "if new.payload->>'name' like 'FAIL AT %' then "
                + "raise exception using errcode = 'numeric_value_out_of_range', message = 'refused by test trigger at commit'; end if; "
                + "return new; end $$");
        db.update("create constraint trigger midtier_test_fail after insert on cache_update "
                + "deferrable initially deferred for each row execute function midtier_test_fail()");

        assertPutChangesNothing(name);
    }

    private void assertPutChangesNothing(String name) throws Exception {
        long version = db.count(CACHE_VERSION);
        long updates = db.count(UPDATES_OF_ACCOUNT);
        long added = broker.messagesAdded("midtier.updates");

        HttpResponse<String> response = Http.put(app.url("/api/accounts/" + ACCOUNT), "{\"name\":\"" + name + "\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        assertThat(MidtierTestApp.json(response.body()).get("error").asText()).isEqualTo("INTERNAL");
        assertThat(MidtierTestApp.json(response.body()).has("dependency")).isFalse();
        assertThat(response.body()).doesNotContain("refused by test trigger").doesNotContain("Exception");

        assertThat(db.count(CACHE_VERSION)).isEqualTo(version);
        assertThat(db.count(UPDATES_OF_ACCOUNT)).isEqualTo(updates);
        assertThat(db.count("select count(*) from cache_entry where body->>'name' = ?", name)).isZero();
        assertThat(broker.messagesAdded("midtier.updates")).isEqualTo(added);
        assertThat(browseUpdates()).noneMatch(body -> body.contains(name));
        assertThat(db.count("select count(*) from pg_prepared_xacts where database = current_database()"))
                .isZero();

        // and the same PUT goes through once the database accepts it
        db.update("drop trigger if exists midtier_test_fail on cache_update");
        HttpResponse<String> retried = Http.put(app.url("/api/accounts/" + ACCOUNT), "{\"name\":\"" + name + "\"}");
        assertThat(retried.statusCode()).isEqualTo(202);
        assertThat(db.count(CACHE_VERSION)).isEqualTo(version + 1);
        assertThat(browseUpdates()).anyMatch(body -> body.contains(name));
        // and delivered, so no pending update of this entry outlives the test's broker
        app.context().getRouteController().startRoute("backend-delivery");
        Updates.awaitStatus(app, MidtierTestApp.json(retried.body()).get("updateId").asText(), "APPLIED");
    }

    /** The bodies of the messages on the updates queue, read by a plain client of the embedded broker. */
    private static List<String> browseUpdates() throws JMSException {
        List<String> bodies = new ArrayList<>();
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0");
             Connection connection = factory.createConnection(
                     app.context().resolvePropertyPlaceholders("{{midtier.broker.user}}"),
                     app.context().resolvePropertyPlaceholders("{{midtier.broker.password}}"))) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = session.createBrowser(session.createQueue("midtier.updates"));
            for (Message message : Collections.list((java.util.Enumeration<Message>) browser.getEnumeration())) {
                bodies.add(((TextMessage) message).getText());
            }
        }
        return bodies;
    }
}
