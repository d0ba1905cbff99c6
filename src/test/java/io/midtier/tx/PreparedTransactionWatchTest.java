package io.midtier.tx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// A prepared branch nobody completes (its coordinator is unknown to recovery) is reported by the watch.
class PreparedTransactionWatchTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    @Test
    void an_orphaned_prepared_branch_is_reported_until_it_is_resolved() throws Exception {
        Map<String, String> settings = MidtierTestApp.defaults(db, "prepared-watch");
        settings.put("midtier.tx.prepared-warn-after-seconds", "1");
        settings.put("midtier.tx.prepared-watch-period-ms", "500");
        String gid = "midtier-test-orphan-" + System.nanoTime();
        try (MidtierTestApp app = MidtierTestApp.start(settings)) {
            PreparedTransactionWatch watch = app.bean("preparedTransactionWatch", PreparedTransactionWatch.class);
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                c.setAutoCommit(false);
                s.execute("update cache_entry set fetched_at = fetched_at where false");
                s.execute("prepare transaction '" + gid + "'");
            }
            try {
                await().atMost(Duration.ofSeconds(30)).until(() -> watch.oldPreparedTransactions() >= 1);
            } finally {
                db.update("rollback prepared '" + gid + "'");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> watch.oldPreparedTransactions() == 0);
            assertThat(db.count("select count(*) from pg_prepared_xacts where gid = ?", gid)).isZero();
        }
    }
}
