package io.midtier.tx;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import jakarta.transaction.TransactionManager;
import org.apache.camel.Exchange;

/**
 * Child JVM of {@link CompletedBranchRecoveryTest}: runs the real dual-write transaction route for one account
 * inside a transaction that then enlists {@link HaltOnCommit} last. Committed last, it halts the JVM after
 * PostgreSQL and Artemis have both committed, before Narayana has removed its log record: the record names two
 * branches neither resource manager knows any more (what a broker crash after its commit looks like to recovery).
 *
 * <p>Arguments: account id, update id, new name. midtier's settings come as system properties.
 */
public final class CrashAfterCommit {

    private CrashAfterCommit() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable failure) {
            failure.printStackTrace();
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        String account = args[0];
        String updateId = args[1];
        String name = args[2];
        MidtierTestApp app = MidtierTestApp.start(MidtierTestApp.settingsFromSystemProperties());
        int read = Http.get(app.url("/api/accounts/" + account)).statusCode();
        if (read != 200) {
            throw new IllegalStateException("GET of account " + account + " answered " + read);
        }
        TransactionManager tm = app.bean("transactionManager", TransactionManager.class);
        tm.begin();
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
        tm.getTransaction().enlistResource(new HaltOnCommit());
        System.out.println("COMMITTING update " + updateId);
        System.out.flush();
        tm.commit();
        System.out.println("COMMITTED: the halt did not happen");
        System.exit(3);
    }
}
