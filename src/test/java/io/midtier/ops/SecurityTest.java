package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midtier.broker.EmbeddedBroker;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import jakarta.jms.Connection;
import jakarta.jms.JMSSecurityException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// security: writes need role writer, /admin needs role admin, reads are open; the broker needs a login;
// refusals and oversized bodies are JSON errors that change nothing.
class SecurityTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static MidtierTestApp app;
    static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        app = MidtierTestApp.start(db, "security");
        broker = app.bean("embeddedBroker", EmbeddedBroker.class);
        // an admin endpoint to call (the real ones come with the dead-letter flow)
        app.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("platform-http:/admin/probe").routeId("admin-probe").setBody().constant("{\"admin\":true}");
            }
        });
        Http.get(app.url("/api/accounts/1005"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_put_without_credentials_is_401_with_a_challenge_and_changes_nothing() {
        long updates = db.count("select count(*) from cache_update");
        long queued = broker.messagesAdded("midtier.updates");

        HttpResponse<String> response = put(Http.anonymous());

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Basic realm=\"midtier\"");
        assertThat(MidtierTestApp.json(response.body()).get("error").asText()).isEqualTo("UNAUTHORIZED");
        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates);
        assertThat(broker.messagesAdded("midtier.updates")).isEqualTo(queued);
    }

    @Test
    void a_put_with_a_wrong_password_or_an_unknown_user_is_401() {
        assertThat(put(Http.basic(MidtierTestApp.WRITER, "not-the-password")).statusCode()).isEqualTo(401);
        assertThat(put(Http.basic("nobody", MidtierTestApp.WRITER_PASSWORD)).statusCode()).isEqualTo(401);
        assertThat(put(Map.of("Authorization", "Basic !!not-base64!!")).statusCode()).isEqualTo(401);
        assertThat(put(Map.of("Authorization", "Bearer abc")).statusCode()).isEqualTo(401);
    }

    @Test
    void a_put_by_a_reader_is_403_and_changes_nothing() {
        long updates = db.count("select count(*) from cache_update");

        HttpResponse<String> response = put(Http.basic(MidtierTestApp.READER, MidtierTestApp.READER_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(MidtierTestApp.json(response.body()).get("error").asText()).isEqualTo("FORBIDDEN");
        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates);
    }

    @Test
    void a_put_by_a_writer_is_202() {
        HttpResponse<String> response = put(Http.basic(MidtierTestApp.WRITER, MidtierTestApp.WRITER_PASSWORD));

        assertThat(response.statusCode()).isEqualTo(202);
    }

    @Test
    void an_admin_endpoint_needs_role_admin() {
        String url = app.url("/admin/probe");

        assertThat(Http.get(url, Http.anonymous()).statusCode()).isEqualTo(401);
        assertThat(Http.get(url, Http.basic(MidtierTestApp.READER, MidtierTestApp.READER_PASSWORD)).statusCode())
                .isEqualTo(403);
        assertThat(Http.get(url, Http.basic(MidtierTestApp.WRITER, MidtierTestApp.WRITER_PASSWORD)).statusCode())
                .isEqualTo(403);
        HttpResponse<String> admin = Http.get(url, Http.basic(MidtierTestApp.ADMIN, MidtierTestApp.ADMIN_PASSWORD));
        assertThat(admin.statusCode()).isEqualTo(200);
        assertThat(admin.body()).contains("\"admin\":true");
        // a path that walks out of /api into /admin is judged by where it lands
        assertThat(Http.get(app.url("/api/../admin/probe"), Http.anonymous()).statusCode()).isEqualTo(401);
    }

    @Test
    void reads_are_open_by_default() {
        HttpResponse<String> response = Http.get(app.url("/api/accounts/1005"), Http.anonymous());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void a_body_over_the_size_limit_is_413_and_changes_nothing() {
        long updates = db.count("select count(*) from cache_update");
        String huge = "{\"name\":\"" + "X".repeat(70_000) + "\"}";

        HttpResponse<String> response = Http.put(app.url("/api/accounts/1005"), huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(MidtierTestApp.json(response.body()).get("error").asText()).isEqualTo("BODY_TOO_LARGE");
        assertThat(db.count("select count(*) from cache_update")).isEqualTo(updates);
    }

    @Test
    void error_responses_carry_no_stack_trace() {
        HttpResponse<String> refused = put(Http.anonymous());
        HttpResponse<String> malformed = Http.put(app.url("/api/accounts/1005"), "{\"name\": ");
        HttpResponse<String> wrongType = Http.send(HttpRequest.newBuilder(URI.create(app.url("/api/accounts/1005")))
                .PUT(HttpRequest.BodyPublishers.ofString("name=x")), Map.of("Content-Type", "text/plain"));

        for (HttpResponse<String> response : new HttpResponse[] {refused, malformed, wrongType}) {
            assertThat(response.statusCode()).isBetween(400, 499);
            assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("io.midtier");
        }
    }

    @Test
    void the_embedded_broker_refuses_a_connection_without_the_broker_login() throws Exception {
        try (ActiveMQConnectionFactory factory = new ActiveMQConnectionFactory("vm://0")) {
            assertThatThrownBy(() -> factory.createConnection().close()).isInstanceOf(JMSSecurityException.class);
            assertThatThrownBy(() -> factory.createConnection("midtier", "wrong").close())
                    .isInstanceOf(JMSSecurityException.class);
            try (Connection connection = factory.createConnection("midtier", "midtier-dev")) {
                assertThat(connection.getClientID()).isNull();
            }
        }
    }

    private static HttpResponse<String> put(Map<String, String> credentials) {
        Map<String, String> headers = new HashMap<>(credentials);
        headers.put("Content-Type", "application/json");
        return Http.put(app.url("/api/accounts/1005"), "{\"name\":\"SECURITY " + System.nanoTime() + "\"}", headers);
    }
}
