package io.midtier;

import io.midtier.ops.OperationsConfiguration;
import org.apache.camel.main.Main;
import org.slf4j.LoggerFactory;

/** Runs midtier: camel-main with the YAML routes, kamelets and beans described in application.properties. */
public final class MidtierApplication {

    private MidtierApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        // first: it refuses a prod start with development passwords before anything else starts
        main.configure().addConfiguration(OperationsConfiguration.class);
        main.configure().addConfiguration(MidtierConfiguration.class);
        main.configure().addConfiguration(RouteBeans.class);
        int status;
        try {
            status = main.run(args);
        } catch (Throwable failure) {
            // The broker's and Narayana's threads would keep a half-started JVM alive: a failed start must end it.
            LoggerFactory.getLogger(MidtierApplication.class).error("midtier did not start", failure);
            status = 1;
        }
        System.exit(status);
    }
}
