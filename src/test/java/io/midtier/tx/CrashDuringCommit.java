package io.midtier.tx;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import jakarta.transaction.TransactionManager;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.model.BeanDefinition;

/**
 * Child JVM that starts midtier and writes one account inside a transaction that also holds {@link HaltOnCommit};
 * the JVM halts in the commit phase.
 * <ul>
 * <li>{@code before-commit} ({@link XaCrashRecoveryTest}): a PUT over HTTP, its dual-write transaction given
 * {@link HaltOnCommit} as its first participant; committed first, it halts the JVM after both resources are prepared
 * and the decision is logged, before either commits (the update id is midtier's own: the argument is unused);</li>
 * <li>{@code after-commit} ({@link CompletedBranchRecoveryTest}): the dual-write transaction route called directly in
 * a transaction begun here, {@link HaltOnCommit} enlisted last: it halts after PostgreSQL and
 * Artemis have both committed, before Narayana removed its log record: the record names two branches neither
 * resource manager knows any more (what a broker crash after its commit looks like to recovery).</li>
 * </ul>
 *
 * <p>Arguments: account id, update id, new name, and {@code before-commit} or {@code after-commit}. midtier's
 * settings come as system properties.
 */
public final class CrashDuringCommit {

    static final String BEFORE_COMMIT = "before-commit";
    static final String AFTER_COMMIT = "after-commit";

    private CrashDuringCommit() {
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
        boolean haltFirst = switch (args[3]) {
            case BEFORE_COMMIT -> true;
            case AFTER_COMMIT -> false;
            default -> throw new IllegalArgumentException("not " + BEFORE_COMMIT + " or " + AFTER_COMMIT + ": " + args[3]);
        };
        MidtierTestApp app = MidtierTestApp.start(MidtierTestApp.settingsFromSystemProperties());
        // the entry must be in the cache before it can be updated
        int read = Http.get(app.url("/api/accounts/" + account)).statusCode();
        if (read != 200) {
            throw new IllegalStateException("GET of account " + account + " answered " + read);
        }

        app.stopBackgroundRoutes();

        TransactionManager tm = app.bean("transactionManager", TransactionManager.class);
        if (haltFirst) {
            putAndHalt(app, tm, account, name);
            return;
        }
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

    /** The request a client makes; the dual-write transaction it runs enlists {@link HaltOnCommit} before anything else. */
    private static void putAndHalt(MidtierTestApp app, TransactionManager tm, String account, String name) throws Exception {
        AdviceWith.adviceWith(app.context(), "dual-write-transaction", route -> route
                .weaveByType(BeanDefinition.class).selectFirst().before()
                .process(exchange -> tm.getTransaction().enlistResource(new HaltOnCommit())));
        System.out.println("PUT of account " + account);
        System.out.flush();
        var answer = Http.put(app.url("/api/accounts/" + account), "{\"name\":\"" + name + "\"}");
        System.out.println("ANSWERED " + answer.statusCode() + ": the halt did not happen " + answer.body());
        System.exit(3);
    }
}
