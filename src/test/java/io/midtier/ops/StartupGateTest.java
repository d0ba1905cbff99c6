package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.testsupport.FreePorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.TimeUnit;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.impl.event.CamelContextStartedEvent;
import org.apache.camel.impl.event.CamelContextStoppingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// The gate in front of the API: a JSON 503 with Retry-After before Camel has started every route and once it
// begins to stop (the reliability harness's crash scenario saw HTML 404s from a restarting midtier before it).
class StartupGateTest {

    private final StartupGate gate = new StartupGate();
    private final HttpClient client = HttpClient.newHttpClient();
    private Vertx vertx;
    private int port;

    @BeforeEach
    void serve() throws Exception {
        vertx = Vertx.vertx();
        Router router = Router.router(vertx);
        router.route("/*").handler(gate);
        router.get("/api/ping").handler(ctx -> ctx.response().end("pong"));
        port = FreePorts.next();
        HttpServer server = vertx.createHttpServer().requestHandler(router);
        server.listen(port, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void requests_before_the_context_started_get_a_json_503_with_retry_after() throws Exception {
        HttpResponse<String> answer = get("/api/ping");

        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(answer.body()).contains("\"error\":\"STARTING\"");
    }

    @Test
    void requests_pass_once_started_and_are_refused_again_while_stopping() throws Exception {
        DefaultCamelContext context = new DefaultCamelContext();
        gate.notifier().notify(new CamelContextStartedEvent(context));
        assertThat(gate.open()).isTrue();
        assertThat(get("/api/ping").body()).isEqualTo("pong");

        gate.notifier().notify(new CamelContextStoppingEvent(context));
        HttpResponse<String> stopping = get("/api/ping");
        assertThat(stopping.statusCode()).isEqualTo(503);
        assertThat(stopping.body()).contains("\"error\":\"STOPPING\"");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
