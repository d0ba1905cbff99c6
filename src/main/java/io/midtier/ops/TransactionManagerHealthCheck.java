package io.midtier.ops;

import com.arjuna.ats.arjuna.common.arjPropertyManager;
import jakarta.transaction.TransactionManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/** Readiness: Narayana answers and can write its transaction log (the object store directory). */
public final class TransactionManagerHealthCheck extends AbstractHealthCheck {

    private final Supplier<TransactionManager> transactionManager;

    public TransactionManagerHealthCheck(Supplier<TransactionManager> transactionManager) {
        super("midtier", "transaction-manager");
        this.transactionManager = transactionManager;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        TransactionManager tm = transactionManager.get();
        if (tm == null) {
            builder.down().message("transaction manager: not started");
            return;
        }
        try {
            tm.getStatus();
        } catch (Exception e) {
            builder.down().message("transaction manager unavailable: " + e.getMessage());
            return;
        }
        Path store = Path.of(arjPropertyManager.getObjectStoreEnvironmentBean().getObjectStoreDir());
        try {
            // Narayana creates it at the first transaction; creating it here is what it would do.
            Files.createDirectories(store);
        } catch (Exception e) {
            builder.down().message("transaction manager: cannot create object store " + store + ": " + e);
            return;
        }
        if (!Files.isWritable(store)) {
            builder.down().message("transaction manager: object store " + store + " is not writable");
            return;
        }
        builder.up();
    }
}
