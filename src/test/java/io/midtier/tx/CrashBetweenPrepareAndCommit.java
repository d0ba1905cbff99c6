package io.midtier.tx;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import jakarta.transaction.TransactionManager;
import org.apache.camel.Exchange;

/**
 * Child JVM of {@link XaCrashRecoveryTest}: starts midtier, runs the real dual-write transaction route for
 * one account inside a transaction that also holds {@link HaltOnCommit}, and commits. The JVM halts after
 * both resources are prepared and the decision is logged, before either commits.
 *
 * <p>Arguments: account id, update id, new name. midtier's settings come as system properties.
 */
public final class CrashBetweenPrepareAndCommit {

    private CrashBetweenPrepareAndCommit() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable failure) {
            // Narayana's and the broker's threads would keep a failed child alive
            failure.printStackTrace();
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        String account = args[0];
        String updateId = args[1];
        String name = args[2];
        MidtierTestApp app = MidtierTestApp.start(MidtierTestApp.settingsFromSystemProperties());
        // the entry must be in the cache before it can be updated
        int read = Http.get(app.url("/api/accounts/" + account)).statusCode();
        if (read != 200) {
            throw new IllegalStateException("GET of account " + account + " answered " + read);
        }

        TransactionManager tm = app.bean("transactionManager", TransactionManager.class);
        tm.begin();
        tm.getTransaction().enlistResource(new HaltOnCommit());
        Exchange done = app.context().createFluentProducerTemplate()
                .to("direct:dual-write-transaction")
                .withProcessor(exchange -> {
                    exchange.setProperty("type", "accounts");
                    exchange.setProperty("id", account);
                    exchange.setProperty("updateId", updateId);
                    exchange.setProperty("patch", "{\"name\":\"" + name + "\"}");
                    exchange.getMessage().setHeader("type", "accounts");
                    exchange.getMessage().setHeader("id", account);
                })
                .send();
        if (done.getException() != null) {
            throw done.getException();
        }
        System.out.println("COMMITTING update " + updateId);
        System.out.flush();
        tm.commit();
        System.out.println("COMMITTED: the halt did not happen");
        System.exit(3);
    }
}
