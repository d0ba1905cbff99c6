package io.midtier.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.TransactionLog;
import jakarta.transaction.TransactionManager;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.XAConnection;
import javax.transaction.xa.XAResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.xa.PGXADataSource;

// A transaction with only PostgreSQL enlisted whose commit meets a lost connection (DatabaseRestartIT hit this once:
// a restart in the middle of such a commit). Committed in one phase, its outcome could not be learnt and Narayana
// kept a heuristic-hazard record for ever (ARJUNA012084). Committed in two phases, the branch is prepared before
// the connection goes, and recovery commits it and closes the record.
class SingleResourceCommitTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void a_transaction_of_one_resource_whose_commit_loses_its_connection_is_completed_by_recovery() throws Exception {
        Map<String, String> settings = MidtierTestApp.defaults(db, "single-resource");
        Path dataDir = Path.of(settings.get("midtier.data-dir"));
        String id = "probe-" + System.nanoTime();

        try (MidtierTestApp app = MidtierTestApp.start(settings)) {
            // after the start: midtier migrates an empty schema only
            db.execute("create table single_resource_probe (id text primary key)");
            TransactionManager tm = app.bean("transactionManager", TransactionManager.class);
            PGXADataSource source = new PGXADataSource();
            source.setUrl(db.url());
            source.setUser(TestDatabase.USER);
            XAConnection xa = source.getXAConnection();
            try (Connection connection = xa.getConnection()) {
                int backend = backendPid(connection);
                List<String> calls = new CopyOnWriteArrayList<>();
                XAResource cutAtCommit = cutAtCommit(xa.getXAResource(), backend, calls);

                tm.begin();
                // named as midtier's own resources are: Narayana writes the name into its log record
                tm.getTransaction().enlistResource(new NamedXAResource(cutAtCommit, "single-resource-probe", "PostgreSQL"));
                try (Statement statement = connection.createStatement()) {
                    statement.executeUpdate("insert into single_resource_probe (id) values ('" + id + "')");
                }
                try {
                    tm.commit();
                } catch (Exception e) {
                    calls.add("commit failed: " + e);
                }

                assertThat(calls).as("the XA calls, in order").startsWith("start", "end", "prepare", "commit(onePhase=false)");
                assertThat(TransactionLog.records(dataDir)).as("the record waiting for recovery").hasSize(1);
                await("recovery commits the prepared branch and closes the record (recovery every "
                        + settings.get("midtier.tx.recovery-period-seconds") + " s)")
                        .atMost(Duration.ofSeconds(90))
                        .until(() -> TransactionLog.records(dataDir).isEmpty() && db.preparedTransactions().isEmpty());
                assertThat(db.count("select count(*) from single_resource_probe where id = ?", id))
                        .as("the transaction's insert").isEqualTo(1);
            } finally {
                xa.close();
            }
        }
    }

    private static int backendPid(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             var result = statement.executeQuery("select pg_backend_pid()")) {
            result.next();
            return result.getInt(1);
        }
    }

    /** The resource, whose connection PostgreSQL terminates just before it is told to commit. */
    private static XAResource cutAtCommit(XAResource resource, int backendPid, List<String> calls) {
        return (XAResource) Proxy.newProxyInstance(XAResource.class.getClassLoader(), new Class<?>[] {XAResource.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "commit" -> {
                            calls.add("commit(onePhase=" + args[1] + ")");
                            terminate(backendPid);
                        }
                        case "start", "end", "prepare", "rollback" -> calls.add(method.getName());
                        default -> { }
                    }
                    try {
                        return method.invoke(resource, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static void terminate(int backendPid) {
        assertThat(db.count("select count(*) from pg_stat_activity where pid = ? and pg_terminate_backend(pid)", backendPid))
                .as("connection terminated").isEqualTo(1);
        await("the connection is gone").atMost(Duration.ofSeconds(10))
                .until(() -> db.count("select count(*) from pg_stat_activity where pid = ?", backendPid) == 0);
    }
}
