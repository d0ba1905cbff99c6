package io.midtier;

import io.midtier.api.ApiConfiguration;
import io.midtier.backend.BackendConfiguration;
import io.midtier.cache.ReadPathConfiguration;
import io.midtier.changes.ChangesConfiguration;
import io.midtier.console.ConsoleConfiguration;
import io.midtier.delivery.DeliveryConfiguration;
import io.midtier.ops.OperationsConfiguration;
import io.midtier.orders.OrdersConfiguration;
import io.midtier.run.RouteSourceSetup;
import io.midtier.run.StartRefused;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/** Runs midtier: camel-main with the YAML routes, kamelets and beans described in application.properties. */
public final class MidtierApplication {

    private MidtierApplication() {
    }

    /** midtier's camel-main, configured but not started: what {@link #main} runs, and what tests start in-process. */
    public static Main newMain() {
        // Narayana and Agroal log through JBoss Logging, which takes SLF4J only when told to (else it would pick
        // java.util.logging: another format, and none of simplelogger.properties' levels)
        if (System.getProperty("org.jboss.logging.provider") == null) {
            System.setProperty("org.jboss.logging.provider", "slf4j");
        }
        Main main = new Main();
        main.addMainListener(new RouteSourceSetup());
        // first: it refuses a prod start with development passwords before anything else starts
        main.configure().addConfiguration(OperationsConfiguration.class);
        // then the database, transaction manager and broker, in the order XA needs (Infrastructure)
        main.configure().addConfiguration(InfrastructureConfiguration.class);
        // then the features, whose configure() finds the started infrastructure
        main.configure().addConfiguration(ApiConfiguration.class);
        main.configure().addConfiguration(BackendConfiguration.class);
        main.configure().addConfiguration(ReadPathConfiguration.class);
        main.configure().addConfiguration(DeliveryConfiguration.class);
        main.configure().addConfiguration(ChangesConfiguration.class);
        main.configure().addConfiguration(OrdersConfiguration.class);
        main.configure().addConfiguration(ConsoleConfiguration.class);
        return main;
    }

    public static void main(String[] args) throws Exception {
        int status;
        try {
            status = newMain().run(args);
        } catch (Throwable failure) {
            // The broker's and Narayana's threads would keep a half-started JVM alive: a failed start must end it.
            StartRefused refused = refusal(failure);
            if (refused != null) {
                LoggerFactory.getLogger(MidtierApplication.class).error("midtier did not start: {}", refused.getMessage());
            } else {
                LoggerFactory.getLogger(MidtierApplication.class).error("midtier did not start", failure);
            }
            status = 1;
        }
        System.exit(status);
    }

    /** The configuration refusal behind a failed start, if that is what it was (camel-main wraps it). */
    static StartRefused refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartRefused refused) {
                return refused;
            }
        }
        return null;
    }
}
