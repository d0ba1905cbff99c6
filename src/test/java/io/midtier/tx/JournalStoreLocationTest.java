package io.midtier.tx;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.transaction.xa.XAResource;
import javax.transaction.xa.Xid;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With the journal object store on, Narayana's journal lives under the data directory, not the working directory. */
class JournalStoreLocationTest {

    @TempDir
    Path data;

    @Test
    void theJournalIsWrittenUnderTheObjectStoreDirectory() throws Exception {
        Path store = data.resolve("tx-object-store");
        try (TransactionManagerSetup tm = TransactionManagerSetup.start(
                new TransactionManagerSetup.Settings("journal-test", store, true, 120, 10, 60))) {
            // two resources: a two-phase commit, which writes a transaction record to the store
            tm.transactionManager().begin();
            tm.transactionManager().getTransaction().enlistResource(new NoOpResource());
            tm.transactionManager().getTransaction().enlistResource(new NoOpResource());
            tm.transactionManager().commit();
        }
        assertThat(store.resolve("HornetqJournalStore")).isDirectory();
        try (var files = Files.list(store.resolve("HornetqJournalStore"))) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".txlog"));
        }
        assertThat(Path.of("HornetqJournalStore")).doesNotExist();
    }

    /** A resource that votes yes and does nothing: enough to make Narayana log a two-phase commit. */
    private static final class NoOpResource implements XAResource {
        @Override public void commit(Xid xid, boolean onePhase) { }
        @Override public void end(Xid xid, int flags) { }
        @Override public void forget(Xid xid) { }
        @Override public int getTransactionTimeout() { return 0; }
        @Override public boolean isSameRM(XAResource other) { return false; }
        @Override public int prepare(Xid xid) { return XA_OK; }
        @Override public Xid[] recover(int flag) { return new Xid[0]; }
        @Override public void rollback(Xid xid) { }
        @Override public boolean setTransactionTimeout(int seconds) { return true; }
        @Override public void start(Xid xid, int flags) { }
    }
}
