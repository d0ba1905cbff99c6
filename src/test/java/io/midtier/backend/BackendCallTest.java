package io.midtier.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.component.kamelet.KameletComponent;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PropertyBindingSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

// The update kamelet's call with the HTTP client as application.properties configures it (camel.component.http.*):
// the back-end's answer is the call's outcome, and each call stands alone. Apache HttpClient's defaults sent a POST
// answered 503 again a second later (a non-idempotent call made twice, one attempt counted), sent back the cookies
// an earlier call was given, and asked for compressed replies.
class BackendCallTest {

    private static final String UPDATED = "00" + "0000001023" + "%-60s".formatted("ACCOUNT UPDATED");

    private final AtomicInteger calls = new AtomicInteger();
    private final List<Headers> requestHeaders = new CopyOnWriteArrayList<>();
    private volatile int status = 200;
    private HttpServer backend;
    private DefaultCamelContext context;

    @BeforeEach
    void start() throws Exception {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.createContext("/cics/ACCTUPD", exchange -> {
            calls.incrementAndGet();
            requestHeaders.add(exchange.getRequestHeaders());
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Set-Cookie", "JSESSIONID=gateway-session; Path=/");
            if (status != 200) {
                exchange.sendResponseHeaders(status, -1);
            } else {
                byte[] reply = UPDATED.getBytes(StandardCharsets.US_ASCII);
                exchange.sendResponseHeaders(200, reply.length);
                exchange.getResponseBody().write(reply);
            }
            exchange.close();
        });
        backend.start();

        context = new DefaultCamelContext();
        PropertyBindingSupport.build().withIgnoreCase(true)
                .bind(context, context.getComponent("http", HttpComponent.class), httpClientSettings());
        context.getComponent("kamelet", KameletComponent.class).setLocation("file:kamelets");
        String baseUrl = "http://127.0.0.1:" + backend.getAddress().getPort();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:update").to("kamelet:backend-update?baseUrl=" + baseUrl + "&timeoutMs=5000");
            }
        });
        context.start();
    }

    @AfterEach
    void stop() {
        context.stop();
        backend.stop(0);
    }

    @Test
    void a_503_is_the_calls_failure_and_is_not_sent_again() {
        status = 503;

        assertThatThrownBy(() -> context.createProducerTemplate().requestBody("direct:update", "COMMAREA"))
                .isInstanceOf(CamelExecutionException.class)
                .cause().isInstanceOf(HttpOperationFailedException.class)
                .satisfies(failure -> assertThat(((HttpOperationFailedException) failure).getStatusCode()).isEqualTo(503));
        assertThat(calls).hasValue(1);
    }

    @Test
    void a_call_carries_no_cookie_of_an_earlier_one_and_asks_for_no_compression() {
        for (int i = 0; i < 2; i++) {
            assertThat(context.createProducerTemplate().requestBody("direct:update", "COMMAREA", String.class))
                    .isEqualTo(UPDATED);
        }

        assertThat(requestHeaders).hasSize(2);
        for (Headers headers : requestHeaders) {
            assertThat(headers).doesNotContainKeys("Cookie", "Accept-encoding");
            assertThat(headers.getFirst("Content-type")).startsWith("text/plain");
        }
    }

    /** The camel.component.http.* settings of application.properties, without the prefix. */
    private static Map<String, Object> httpClientSettings() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = BackendCallTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        Map<String, Object> settings = new HashMap<>();
        String prefix = "camel.component.http.";
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                settings.put(name.substring(prefix.length()).replace("-", ""), properties.getProperty(name).strip());
            }
        }
        assertThat(settings).as("application.properties configures the HTTP client").isNotEmpty();
        return settings;
    }
}
