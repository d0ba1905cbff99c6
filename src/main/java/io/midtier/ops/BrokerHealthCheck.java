package io.midtier.ops;

import jakarta.jms.Connection;
import java.util.Map;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness: the broker accepts a login from midtier's broker user. Uses its own factory that tries once,
 * because midtier's clients retry forever and would never report the outage.
 */
public final class BrokerHealthCheck extends AbstractHealthCheck implements AutoCloseable {

    private final ActiveMQConnectionFactory probe;
    private final String user;
    private final String password;

    public BrokerHealthCheck(String url, String user, String password) {
        super("midtier", "broker");
        this.probe = new ActiveMQConnectionFactory(url);
        probe.setReconnectAttempts(0);
        probe.setInitialConnectAttempts(1);
        probe.setCallTimeout(2_000);
        probe.setConnectionTTL(10_000);
        this.user = user;
        this.password = password;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        try (Connection connection = probe.createConnection(user, password)) {
            builder.up();
        } catch (Exception e) {
            builder.down().message("broker unavailable: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        probe.close();
    }
}
