package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// JMX: a real JMX client logs in over the RMI connector, sees the routes and their exchange counters,
// suspends and resumes a route, reads midtier's own figures; a wrong password is refused.
class JmxTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    static final String USER = "jmx-test";
    static final String PASSWORD = "jmx-test-secret";

    static MidtierTestApp app;
    static JMXServiceURL url;

    @BeforeAll
    static void start() throws Exception {
        Map<String, String> properties = MidtierTestApp.defaults(db, "jmx");
        int port = FreePorts.next();
        properties.put("camel.main.jmx-enabled", "true");
        properties.put("midtier.jmx.port", String.valueOf(port));
        properties.put("midtier.jmx.user", USER);
        properties.put("midtier.jmx.password", PASSWORD);
        app = MidtierTestApp.start(properties);
        url = new JMXServiceURL("service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void a_jmx_client_lists_the_routes_and_sees_the_exchange_counter_move() throws Exception {
        try (JMXConnector connector = connect(PASSWORD)) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            Set<String> routes = mbeans.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null).stream()
                    .map(name -> (String) attribute(mbeans, name, "RouteId")).collect(Collectors.toSet());
            assertThat(routes).contains("read-through", "dual-write", "backend-delivery", "update-status");

            ObjectName readThrough = route(mbeans, "read-through");
            long before = (Long) mbeans.getAttribute(readThrough, "ExchangesTotal");
            assertThat(Http.get(app.url("/api/accounts/1007")).statusCode()).isEqualTo(200);
            assertThat((Long) mbeans.getAttribute(readThrough, "ExchangesTotal")).isEqualTo(before + 1);
            assertThat((Long) mbeans.getAttribute(readThrough, "TotalProcessingTime")).isGreaterThanOrEqualTo(0L);
            assertThat(mbeans.getAttribute(readThrough, "ExchangesFailed")).isNotNull();
        }
    }

    @Test
    void a_route_is_suspended_and_resumed_over_jmx() throws Exception {
        try (JMXConnector connector = connect(PASSWORD)) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            // the HTTP route of the operation (its flow, update-status, is a route of its own behind it)
            ObjectName route = route(mbeans, "get-update");
            String unknownUpdate = app.url("/api/updates/00000000-0000-0000-0000-000000000000");
            assertThat(Http.get(unknownUpdate).statusCode()).isEqualTo(404);

            mbeans.invoke(route, "suspend", null, null);
            try {
                assertThat(mbeans.getAttribute(route, "State")).isEqualTo("Suspended");
                // a suspended HTTP route refuses its requests instead of serving them
                assertThat(Http.get(unknownUpdate).statusCode()).isEqualTo(503);
            } finally {
                mbeans.invoke(route, "resume", null, null);
            }

            assertThat(mbeans.getAttribute(route, "State")).isEqualTo("Started");
            await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(unknownUpdate).statusCode() == 404);
        }
    }

    @Test
    void midtiers_own_mbean_shows_cache_hits_misses_and_outstanding_updates() throws Exception {
        try (JMXConnector connector = connect(PASSWORD)) {
            MBeanServerConnection mbeans = connector.getMBeanServerConnection();
            ObjectName stats = new ObjectName(OperationsConfiguration.STATS_MBEAN);
            long hits = (Long) mbeans.getAttribute(stats, "CacheHits");
            long misses = (Long) mbeans.getAttribute(stats, "CacheMisses");
            db.update("delete from cache_entry where type = 'accounts' and id = '1008'");

            Http.get(app.url("/api/accounts/1008"));
            Http.get(app.url("/api/accounts/1008"));

            assertThat((Long) mbeans.getAttribute(stats, "CacheMisses")).isEqualTo(misses + 1);
            assertThat((Long) mbeans.getAttribute(stats, "CacheHits")).isEqualTo(hits + 1);
            assertThat((Long) mbeans.getAttribute(stats, "OutstandingUpdates"))
                    .isEqualTo(db.count("select count(*) from cache_update where status = 'PENDING'"));
        }
    }

    @Test
    void a_wrong_password_is_refused() {
        assertThatThrownBy(() -> connect("not-the-password").close()).isInstanceOf(SecurityException.class);
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url).close()).isInstanceOf(SecurityException.class);
    }

    private static JMXConnector connect(String password) throws Exception {
        return JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {USER, password}));
    }

    private static ObjectName route(MBeanServerConnection mbeans, String routeId) throws Exception {
        return mbeans.queryNames(new ObjectName("org.apache.camel:type=routes,*"), null).stream()
                .filter(name -> routeId.equals(attribute(mbeans, name, "RouteId"))).findFirst().orElseThrow();
    }

    private static Object attribute(MBeanServerConnection mbeans, ObjectName name, String attribute) {
        try {
            return mbeans.getAttribute(name, attribute);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
