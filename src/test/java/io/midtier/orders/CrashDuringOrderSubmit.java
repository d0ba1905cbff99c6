package io.midtier.orders;

import io.midtier.testsupport.MidtierTestApp;
import io.midtier.tx.HaltOnCommit;
import jakarta.transaction.TransactionManager;
import org.apache.camel.Exchange;

/**
 * Child JVM that starts midtier and runs the real order-submit transaction route (order row and its message to the
 * back-end) inside a transaction that also holds {@link HaltOnCommit}, enlisted first: the JVM halts after PostgreSQL
 * and Artemis are both prepared and the decision is logged, before either commits ({@link OrderCrashRecoveryTest}).
 *
 * <p>Arguments: order id, item, quantity. midtier's settings come as system properties.
 */
public final class CrashDuringOrderSubmit {

    private CrashDuringOrderSubmit() {
    }

    public static void main(String[] args) {
        try {
            run(args[0], args[1], Integer.parseInt(args[2]));
        } catch (Throwable failure) {
            // Narayana's and the broker's threads would keep a failed child alive
            failure.printStackTrace();
            System.exit(2);
        }
    }

    private static void run(String orderId, String item, int quantity) throws Exception {
        MidtierTestApp app = MidtierTestApp.start(MidtierTestApp.settingsFromSystemProperties());
        // only the order's transaction may be in its commit window when the JVM halts
        app.stopBackgroundRoutes();
        TransactionManager tm = app.bean("transactionManager", TransactionManager.class);
        tm.begin();
        tm.getTransaction().enlistResource(new HaltOnCommit());
        Exchange done = app.context().createFluentProducerTemplate()
                .to("direct:order-submit-transaction")
                .withProcessor(exchange -> {
                    exchange.setProperty("orderId", orderId);
                    exchange.setProperty("item", item);
                    exchange.setProperty("quantity", quantity);
                })
                .send();
        if (done.getException() != null) {
            throw done.getException();
        }
        System.out.println("COMMITTING order " + orderId);
        System.out.flush();
        tm.commit();
        System.out.println("COMMITTED: the halt did not happen");
        System.exit(3);
    }
}
