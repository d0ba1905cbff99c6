package io.midtier.tx;

import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierTestApp;
import jakarta.transaction.TransactionManager;
import org.apache.camel.Exchange;

/**
 * Child JVM that starts midtier, runs the real dual-write transaction route for one account inside a transaction
 * that also holds {@link HaltOnCommit}, and commits; the JVM halts in the commit phase.
 * <ul>
 * <li>{@code before-commit} ({@link XaCrashRecoveryTest}): {@link HaltOnCommit} enlisted first is committed first, so
 * the JVM halts after both resources are prepared and the decision is logged, before either commits;</li>
 * <li>{@code after-commit} ({@link CompletedBranchRecoveryTest}): enlisted last, it halts after PostgreSQL and
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

        TransactionManager tm = app.bean("transactionManager", TransactionManager.class);
        tm.begin();
        if (haltFirst) {
            tm.getTransaction().enlistResource(new HaltOnCommit());
        }
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
        if (!haltFirst) {
            tm.getTransaction().enlistResource(new HaltOnCommit());
        }
        System.out.println("COMMITTING update " + updateId);
        System.out.flush();
        tm.commit();
        System.out.println("COMMITTED: the halt did not happen");
        System.exit(3);
    }
}
