package io.midtier.tx;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** What the prepared-transactions-watch route saw last: how many prepared branches outlived recovery. */
public class PreparedTransactionWatch {

    private final AtomicInteger old = new AtomicInteger();

    public void observed(List<?> oldPreparedTransactions) {
        old.set(oldPreparedTransactions.size());
    }

    /** Prepared branches older than the warning age at the last look; 0 is healthy. */
    public int oldPreparedTransactions() {
        return old.get();
    }
}
