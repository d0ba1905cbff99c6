package io.midtier.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

// Validate mode's grouped questions: a hit alone asks alone; hits arriving during a statement are answered together
// by the next one, each with its own key's answer, never by a statement begun before they arrived; a failure reaches
// every hit of its group. Hits that do not wait (the event loop's) are in the same line and get their answers from the
// thread that asked.
class GroupedChecksTest {

    private static final String ASKER = "test-asker";

    private final ExecutorService hits = Executors.newCachedThreadPool();
    private final ExecutorService asker = Executors.newSingleThreadExecutor(r -> new Thread(r, ASKER));

    @AfterEach
    void stop() {
        hits.shutdownNow();
        asker.shutdownNow();
    }

    @Test
    void a_hit_alone_asks_its_own_key_once() throws Exception {
        Statements statements = new Statements();
        GroupedChecks checks = new GroupedChecks(statements, 64, asker);

        EntryValidators answer = checks.check("accounts", "1001");

        assertThat(answer.version()).isEqualTo(1001);
        assertThat(statements.keysOf()).containsExactly(List.of("1001"));
    }

    @Test
    void hits_arriving_during_a_statement_are_answered_by_the_next_one_with_their_own_keys() throws Exception {
        Statements statements = new Statements();
        GroupedChecks checks = new GroupedChecks(statements, 64, asker);
        List<Future<EntryValidators>> later = behindAHeldStatement(checks, statements, "2", "3", "4", "5", "6");
        Future<EntryValidators> first = later.remove(0);

        statements.releaseFirst.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS).version()).isEqualTo(1);
        for (int i = 0; i < later.size(); i++) {
            EntryValidators answer = later.get(i).get(10, TimeUnit.SECONDS);
            assertThat(answer.version()).isEqualTo(i + 2);
            // each answer came from the second statement, begun after the hit arrived, not from the one under way
            assertThat(answer.remainingMs()).isEqualTo(2);
        }
        assertThat(statements.keysOf()).hasSize(2);
        assertThat(statements.keysOf().get(1)).containsExactlyInAnyOrder("2", "3", "4", "5", "6");
    }

    @Test
    void a_group_is_at_most_max_keys_and_the_rest_are_asked_next() throws Exception {
        Statements statements = new Statements();
        GroupedChecks checks = new GroupedChecks(statements, 2, asker);
        List<Future<EntryValidators>> all = behindAHeldStatement(checks, statements, "2", "3", "4", "5", "6");

        statements.releaseFirst.countDown();

        for (int i = 0; i < all.size(); i++) {
            assertThat(all.get(i).get(10, TimeUnit.SECONDS).version()).isEqualTo(i + 1);
        }
        assertThat(statements.keysOf()).allSatisfy(keys -> assertThat(keys).hasSizeLessThanOrEqualTo(2));
        assertThat(statements.keysOf().stream().mapToInt(List::size).sum()).isEqualTo(6);
    }

    @Test
    void a_failed_statement_fails_every_hit_of_its_group_with_its_sql_state() throws Exception {
        Statements statements = new Statements();
        GroupedChecks checks = new GroupedChecks(statements, 64, asker);
        statements.failFrom = 2;
        List<Future<EntryValidators>> all = behindAHeldStatement(checks, statements, "2", "3");

        statements.releaseFirst.countDown();

        assertThat(all.get(0).get(10, TimeUnit.SECONDS).version()).isEqualTo(1);
        for (Future<EntryValidators> failed : all.subList(1, 3)) {
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(SQLException.class)
                    .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08006");
        }
        // the next hit is asked again: a failure does not stay with the queue
        statements.failFrom = Integer.MAX_VALUE;
        assertThat(checks.check("accounts", "4").version()).isEqualTo(4);
    }

    @Test
    void a_hit_that_does_not_wait_is_answered_by_the_asker_thread() throws Exception {
        Statements statements = new Statements();
        GroupedChecks checks = new GroupedChecks(statements, 64, asker);

        Later answer = later(checks, "1001");

        assertThat(answer.validators.get(10, TimeUnit.SECONDS).version()).isEqualTo(1001);
        assertThat(answer.thread.get()).isEqualTo(ASKER);
        assertThat(statements.keysOf()).containsExactly(List.of("1001"));
    }

    @Test
    void hits_that_do_not_wait_share_the_next_statement_with_waiting_ones_and_get_its_failure_too() throws Exception {
        Statements statements = new Statements();
        GroupedChecks checks = new GroupedChecks(statements, 64, asker);
        List<Future<EntryValidators>> waiting = behindAHeldStatement(checks, statements, "2");
        Later third = later(checks, "3");
        Later fourth = later(checks, "4");
        await().atMost(10, TimeUnit.SECONDS).until(() -> checks.waiting() == 3);

        statements.releaseFirst.countDown();

        assertThat(waiting.get(1).get(10, TimeUnit.SECONDS).remainingMs()).isEqualTo(2);
        assertThat(third.validators.get(10, TimeUnit.SECONDS).version()).isEqualTo(3);
        assertThat(third.validators.get().remainingMs()).as("answered by the statement begun after it").isEqualTo(2);
        assertThat(fourth.validators.get(10, TimeUnit.SECONDS).version()).isEqualTo(4);
        assertThat(statements.keysOf().get(1)).containsExactlyInAnyOrder("2", "3", "4");

        statements.failFrom = 3;
        Later failed = later(checks, "5");
        assertThatThrownBy(() -> failed.validators.get(10, TimeUnit.SECONDS))
                .cause().isInstanceOf(SQLException.class);
    }

    /** A hit that does not wait: its answer, and the thread that handed it over. */
    private record Later(CompletableFuture<EntryValidators> validators, AtomicReference<String> thread) {
    }

    private static Later later(GroupedChecks checks, String id) {
        Later later = new Later(new CompletableFuture<>(), new AtomicReference<>());
        checks.checkLater("accounts", id, (validators, failure) -> {
            later.thread.set(Thread.currentThread().getName());
            if (failure != null) {
                later.validators.completeExceptionally(failure);
            } else {
                later.validators.complete(validators);
            }
        });
        return later;
    }

    /**
     * A hit of key 1 whose statement is held until {@code statements.releaseFirst}, and hits of the given keys that
     * arrived during it and wait; the futures in that order, key 1's first.
     */
    private List<Future<EntryValidators>> behindAHeldStatement(GroupedChecks checks, Statements statements,
            String... laterIds) throws InterruptedException {
        statements.holdFirst = true;
        List<Future<EntryValidators>> all = new ArrayList<>();
        all.add(hits.submit(() -> checks.check("accounts", "1")));
        assertThat(statements.firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
        for (String id : laterIds) {
            all.add(hits.submit(() -> checks.check("accounts", id)));
        }
        await().atMost(10, TimeUnit.SECONDS).until(() -> checks.waiting() == laterIds.length);
        return all;
    }

    /** Answers version = the id, remainingMs = the statement's number (1 for the first); records each statement's keys. */
    private static final class Statements implements GroupedChecks.Questions {
        final List<List<String>> keys = new ArrayList<>();
        final AtomicInteger count = new AtomicInteger();
        final CountDownLatch firstStarted = new CountDownLatch(1);
        final CountDownLatch releaseFirst = new CountDownLatch(1);
        volatile boolean holdFirst;
        volatile int failFrom = Integer.MAX_VALUE;

        synchronized List<List<String>> keysOf() {
            return List.copyOf(keys);
        }

        @Override
        public EntryValidators check(String type, String id) throws SQLException {
            return checkAll(new String[] {type}, new String[] {id})[0];
        }

        @Override
        public EntryValidators[] checkAll(String[] types, String[] ids) throws SQLException {
            int number = count.incrementAndGet();
            synchronized (this) {
                keys.add(List.of(ids));
            }
            if (number == 1 && holdFirst) {
                firstStarted.countDown();
                try {
                    releaseFirst.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (number >= failFrom) {
                throw new SQLException("connection lost", "08006");
            }
            EntryValidators[] answers = new EntryValidators[ids.length];
            for (int i = 0; i < ids.length; i++) {
                answers[i] = new EntryValidators(true, Long.parseLong(ids[i]), false, true, number);
            }
            return answers;
        }
    }
}
