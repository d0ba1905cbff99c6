package io.midtier.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

// A write's notice to the other instances: a failure to send it never fails the write (it is committed and queued by
// then; ReliabilityIT counts an error answer that changed something as a phantom), and it is sent again until it goes.
class WrittenEntriesTest {

    @Test
    void a_notice_that_cannot_be_sent_is_sent_again_and_the_write_is_not_failed() {
        NearCache near = new NearCache(NearCacheMode.NOTIFY, 100, 1_000_000);
        near.put("accounts:1", new NearEntry(new byte[10], 1, false, "\"1\"", System.nanoTime() + 1_000_000_000L),
                near.generation());
        AtomicInteger failuresLeft = new AtomicInteger(3);
        List<String> sent = new CopyOnWriteArrayList<>();
        try (WrittenEntries written = new WrittenEntries(near, key -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new SQLException("the database is away");
            }
            sent.add(key);
        }, 10)) {
            written.written("accounts:1");
            written.written("accounts:2");

            assertThat(near.get("accounts:1")).as("dropped here at once").isNull();
            assertThat(written.unsent()).isPositive();
            await().atMost(Duration.ofSeconds(5)).until(() -> written.unsent() == 0);
            assertThat(sent).containsExactlyInAnyOrder("accounts:1", "accounts:2");
        }
    }

    @Test
    void a_notice_that_goes_through_is_sent_once() throws Exception {
        List<String> sent = new CopyOnWriteArrayList<>();
        try (WrittenEntries written = new WrittenEntries(new NearCache(NearCacheMode.VALIDATE, 10, 10_000), sent::add, 10)) {
            written.written("accounts:7");

            assertThat(sent).containsExactly("accounts:7");
            assertThat(written.unsent()).isZero();
        }
    }
}
