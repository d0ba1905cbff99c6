package io.midtier.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midtier.run.StartRefused;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// a port another program listens on: midtier refuses to start and names the setting, instead of running on with
// no API while its management port says it is ready (Vert.x only logs a failed bind)
class TakenPortsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void a_taken_http_port_refuses_the_start_and_names_midtier_http_port() throws Exception {
        try (ServerSocket other = listening()) {
            Map<String, String> properties = MidtierTestApp.defaults(db, "http-port-taken");
            properties.put("camel.server.port", String.valueOf(other.getLocalPort()));

            assertThatThrownBy(() -> MidtierTestApp.start(properties).close())
                    .satisfies(e -> assertThat(refusal(e)).hasMessageStartingWith(
                            "midtier.http.port=" + other.getLocalPort() + ": "));
        }
    }

    @Test
    void a_taken_management_port_refuses_the_start_and_names_midtier_management_port() throws Exception {
        try (ServerSocket other = listening()) {
            Map<String, String> properties = MidtierTestApp.defaults(db, "management-port-taken");
            properties.put("camel.management.port", String.valueOf(other.getLocalPort()));

            assertThatThrownBy(() -> MidtierTestApp.start(properties).close())
                    .satisfies(e -> assertThat(refusal(e)).hasMessageStartingWith(
                            "midtier.management.port=" + other.getLocalPort() + ": "));
        }
    }

    private static ServerSocket listening() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress("0.0.0.0", 0));
        return socket;
    }

    private static StartRefused refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartRefused refused) {
                return refused;
            }
        }
        throw new AssertionError("no StartRefused behind " + e, e);
    }
}
