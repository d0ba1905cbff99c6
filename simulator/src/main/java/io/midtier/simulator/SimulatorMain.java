package io.midtier.simulator;

import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the simulator as its own process until SIGTERM. Each setting is a system property ({@code simulator.port})
 * or an environment variable ({@code SIMULATOR_PORT}); the order answers go to midtier's reply queue on the broker
 * named by {@code simulator.reply-broker-url} (empty: answers are logged and dropped).
 */
public final class SimulatorMain {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatorMain.class);

    /** Where the order answers go: midtier's embedded broker with its development login, by default. */
    record ReplyQueue(String brokerUrl, String user, String password, String queue) {
        boolean enabled() {
            return !brokerUrl.isBlank();
        }
    }

    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Source source = new Source(System.getProperties(), System.getenv());
        Simulator.Settings settings = settings(source);
        ReplyQueue replies = replyQueue(source);
        Simulator simulator;
        try {
            simulator = new Simulator(settings).start();
        } catch (RuntimeException e) {
            LOG.error("simulator failed to start with {}", settings, e);
            System.exit(1);
            return;
        }
        ActiveMQConnectionFactory broker = null;
        ReplyQueueSender sender = null;
        if (replies.enabled()) {
            broker = new ActiveMQConnectionFactory(replies.brokerUrl(), replies.user(), replies.password());
            sender = new ReplyQueueSender(broker, replies.queue());
            simulator.orders().connect(sender);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        ActiveMQConnectionFactory brokerToClose = broker;
        ReplyQueueSender senderToClose = sender;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.close();
            if (senderToClose != null) {
                senderToClose.close();
                brokerToClose.close();
            }
            stopped.countDown();
        }, "simulator-shutdown"));
        LOG.info("simulator ready on port {} (database {}; order answers to {})", simulator.port(),
                settings.jdbcUrl(), replies.enabled() ? replies.queue() + " at " + replies.brokerUrl() : "nowhere");
        stopped.await();
    }

    static Simulator.Settings settings(Properties properties, Map<String, String> environment) {
        return settings(new Source(properties, environment));
    }

    private static Simulator.Settings settings(Source source) {
        Simulator.Settings d = Simulator.Settings.defaults();
        return new Simulator.Settings(
                source.get("simulator.host", d.host()),
                Integer.parseInt(source.get("simulator.port", Integer.toString(d.port()))),
                source.get("simulator.jdbc-url", d.jdbcUrl()),
                source.get("simulator.db-user", d.user()),
                source.get("simulator.db-password", d.password()),
                Long.parseLong(source.get("simulator.latency-ms", Long.toString(d.latencyMs()))),
                Long.parseLong(source.get("simulator.jitter-ms", Long.toString(d.jitterMs()))),
                Integer.parseInt(source.get("simulator.max-concurrent", Integer.toString(d.maxConcurrent()))));
    }

    private static ReplyQueue replyQueue(Source source) {
        return new ReplyQueue(source.get("simulator.reply-broker-url", "tcp://127.0.0.1:61616"),
                source.get("simulator.reply-broker-user", "midtier"),
                source.get("simulator.reply-broker-password", "midtier-dev"),
                source.get("simulator.reply-queue", "midtier.order-replies"));
    }

    /** A setting from its system property, else its environment variable (upper case, '.' and '-' as '_'). */
    private record Source(Properties properties, Map<String, String> environment) {
        String get(String property, String fallback) {
            String value = properties.getProperty(property);
            if (value == null) {
                value = environment.get(property.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_'));
            }
            return value == null ? fallback : value.trim();
        }
    }
}
