package io.midtier.changes;

import static org.assertj.core.api.Assertions.assertThat;

import io.midtier.db.DatabaseSettings;
import io.midtier.db.SchemaMigration;
import io.midtier.testsupport.TestDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

// Several instances' publishers number the committed changes (sql/sequence-changes.sql) while writers append them.
// Each change must enter the log once: a publisher whose statement took its snapshot before another publisher
// committed, and its counter lock after, numbered that publisher's batch a second time (MultiInstanceIT saw one
// APPLIED change twice, at consecutive sequence numbers, with the same timestamp).
class ConcurrentSequencingTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final int EVENTS = 3000;
    private static final int PUBLISHERS = 3;

    @Test
    void concurrent_publishers_log_every_change_once_and_gap_free() throws Exception {
        SchemaMigration.migrate(new DatabaseSettings(db.url(), TestDatabase.USER, "", 4, 5000));
        String sequence = sequenceStatement(5);
        AtomicBoolean writing = new AtomicBoolean(true);
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(PUBLISHERS + 1);
        try {
            Future<?> writer = threads.submit(() -> {
                try (Connection c = db.connect(); PreparedStatement append = c.prepareStatement(
                        "select append_change('accounts', ?, ?, 'APPLIED')")) {
                    go.await();
                    for (int i = 1; i <= EVENTS; i++) {
                        append.setString(1, Integer.toString(1000 + i % 50));
                        append.setLong(2, i);
                        append.executeQuery().close();
                    }
                } finally {
                    writing.set(false);
                }
                return null;
            });
            List<Future<?>> publishers = new ArrayList<>();
            for (int p = 0; p < PUBLISHERS; p++) {
                publishers.add(threads.submit(() -> {
                    try (Connection c = db.connect()) {
                        c.setAutoCommit(false);
                        go.await();
                        // until the writer has stopped and nothing is left to number
                        while (publish(c, sequence) > 0 || writing.get() || pending() > 0) {
                            Thread.onSpinWait();
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            writer.get(2, TimeUnit.MINUTES);
            for (Future<?> publisher : publishers) {
                publisher.get(2, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(db.count("select count(*) from change_event")).as("changes left unnumbered").isZero();
        assertThat(db.count("select count(*) from (select id, version from change_log group by id, version"
                + " having count(*) > 1) twice")).as("changes logged more than once").isZero();
        assertThat(db.count("select count(*) from change_log")).isEqualTo(EVENTS);
        assertThat(db.count("select max(seq) from change_log")).as("numbered 1..n without a gap").isEqualTo(EVENTS);
        assertThat(db.count("select last_seq from change_counter")).isEqualTo(EVENTS);
    }

    private static int publish(Connection c, String sequence) throws SQLException {
        int numbered = 0;
        try (Statement statement = c.createStatement(); ResultSet rs = statement.executeQuery(sequence)) {
            while (rs.next()) {
                numbered++;
            }
        }
        c.commit();
        return numbered;
    }

    private static long pending() {
        return db.count("select count(*) from change_event");
    }

    /** The publisher's statement as its route runs it, with the batch size in place of the route's parameter. */
    private static String sequenceStatement(int batch) throws IOException {
        try (InputStream in = ConcurrentSequencingTest.class.getResourceAsStream("/sql/sequence-changes.sql")) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            String withBatch = sql.replace(":#${exchangeProperty.batch}", Integer.toString(batch));
            assertThat(withBatch).isNotEqualTo(sql);
            return withBatch;
        }
    }
}
