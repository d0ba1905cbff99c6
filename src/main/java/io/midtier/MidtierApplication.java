package io.midtier;

import io.midtier.ops.OperationsConfiguration;
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
        Main main = new Main();
        main.addMainListener(new RouteSourceSetup());
        // first: it refuses a prod start with development passwords before anything else starts
        main.configure().addConfiguration(OperationsConfiguration.class);
        main.configure().addConfiguration(MidtierConfiguration.class);
        main.configure().addConfiguration(RouteBeans.class);
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
