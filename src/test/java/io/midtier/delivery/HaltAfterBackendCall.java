package io.midtier.delivery;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import java.net.http.HttpResponse;
import org.apache.camel.builder.AdviceWith;

/**
 * Child JVM of {@link DeliveryCrashTest}: starts midtier with the delivery route advised to halt the JVM right
 * after the back-end applied an update of the given account and before it is settled and its message acknowledged,
 * then submits one update of that account over HTTP.
 *
 * <p>Arguments: account id, new name. midtier's settings come as system properties.
 */
public final class HaltAfterBackendCall {

    static final int HALT_STATUS = 43;

    private HaltAfterBackendCall() {
    }

    public static void main(String[] args) {
        try {
            run(args[0], args[1]);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(2);
        }
    }

    private static void run(String account, String name) throws Exception {
        MidtierTestApp app = MidtierTestApp.start(MidtierTestApp.settingsFromSystemProperties());
        AdviceWith.adviceWith(app.context(), "backend-delivery", route -> route
                .weaveByToUri("direct:update-applied").before()
                .process(exchange -> {
                    if (account.equals(exchange.getProperty("id", String.class))) {
                        System.out.println("HALTING after the back-end call for update "
                                + exchange.getProperty("updateId"));
                        System.out.flush();
                        Runtime.getRuntime().halt(HALT_STATUS);
                    }
                }));
        HttpResponse<String> put = Http.put(app.url("/api/accounts/" + account), "{\"name\":\"" + name + "\"}");
        System.out.println("ACCEPTED " + put.statusCode() + " " + put.body());
        System.out.flush();
        Thread.currentThread().join(120_000);
        System.out.println("NO HALT: the delivery never reached the back-end");
        System.exit(3);
    }
}
