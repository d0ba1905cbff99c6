package io.midtier;

import org.apache.camel.main.Main;

/** Runs midtier: camel-main with the YAML routes, kamelets and beans described in application.properties. */
public final class MidtierApplication {

    private MidtierApplication() {
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addConfiguration(MidtierConfiguration.class);
        main.configure().addConfiguration(RouteBeans.class);
        System.exit(main.run(args));
    }
}
