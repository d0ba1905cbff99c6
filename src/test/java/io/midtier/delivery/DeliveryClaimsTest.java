package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.db.DatabaseSettings;
import io.midtier.db.SchemaMigration;
import io.midtier.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

// The delivery's two statements (V18__delivery_claims.sql, V19__claims_by_primary_key.sql, V20) on a real
// PostgreSQL, with the races that no longer meet on a row lock held across the back-end call: a park and the settle
// of the update it waits behind, in both orders; two claims of one update; a settled update's parked successor
// brought back after a lost message, by a claim or a second settle; and what a claim reads behind a plan made before
// a backlog.
class DeliveryClaimsTest {

    @RegisterExtension
    static final TestDatabase db = TestDatabase.perClass();

    private static final long WINDOW_MS = 10_000;
    private final UUID older = UUID.randomUUID();
    private final UUID newer = UUID.randomUUID();
    private final String account = Long.toString(System.nanoTime());

    @BeforeAll
    static void migrate() {
        SchemaMigration.migrate(new DatabaseSettings(db.url(), TestDatabase.USER, "", 4, 5000));
    }

    @BeforeEach
    void twoPendingUpdatesOfOneEntry() {
        insertPending(older, account, 1);
        insertPending(newer, account, 2);
    }

    @Test
    void a_park_that_holds_its_share_lock_while_the_older_update_settles_is_sent_again_by_that_settle()
            throws Exception {
        try (Connection parking = db.connect()) {
            parking.setAutoCommit(false);
            assertThat(claim(parking, newer, WINDOW_MS).get("step")).isEqualTo("PARK");

            CompletableFuture<Map<String, Object>> settle = CompletableFuture.supplyAsync(() -> settle(older));
            awaitLockWait();
            assertThat(settle).isNotDone();
            parking.commit();

            Map<String, Object> settled = settle.get(10, TimeUnit.SECONDS);
            assertThat(settled.get("next_update_id")).isEqualTo(newer.toString());
            assertThat(settled.get("next_message")).isEqualTo("message of " + newer);
        }
    }

    @Test
    void a_claim_that_waited_for_the_older_update_to_settle_delivers_instead_of_parking() throws Exception {
        try (Connection settling = db.connect()) {
            settling.setAutoCommit(false);
            assertThat(TestDatabase.query(settling, "select * from settle_applied(?)", older)).hasSize(1);

            CompletableFuture<Map<String, Object>> claim = CompletableFuture.supplyAsync(() -> claim(newer));
            awaitLockWait();
            assertThat(claim).isNotDone();
            settling.commit();

            Map<String, Object> claimed = claim.get(10, TimeUnit.SECONDS);
            assertThat(claimed.get("step")).isEqualTo("DELIVER");
            assertThat(claimed.get("attempt")).isEqualTo(1);
            assertThat(db.query("select parked_message from cache_update where update_id = ?", newer).get(0)
                    .get("parked_message")).isNull();
        }
    }

    @Test
    void of_two_claims_of_one_update_the_second_counts_nothing_and_waits_for_the_first_attempt() throws Exception {
        try (Connection first = db.connect()) {
            first.setAutoCommit(false);
            assertThat(claim(first, older, WINDOW_MS).get("step")).isEqualTo("DELIVER");

            CompletableFuture<Map<String, Object>> second = CompletableFuture.supplyAsync(() -> claim(older));
            awaitLockWait();
            first.commit();

            Map<String, Object> waiting = second.get(10, TimeUnit.SECONDS);
            assertThat(waiting.get("step")).isEqualTo("WAIT");
            assertThat((Long) waiting.get("wait_ms")).isBetween(1L, WINDOW_MS);
            assertThat(db.count("select attempts from cache_update where update_id = ?", older)).isEqualTo(1);
            assertThat(db.count("select count(*) from delivery_attempt where update_id = ?", older)).isEqualTo(1);
        }
    }

    @Test
    void a_settled_update_brings_back_its_parked_successor_until_a_delivery_claims_that_one() throws Exception {
        assertThat(claim(newer).get("step")).isEqualTo("PARK");
        assertThat(claim(older).get("step")).isEqualTo("DELIVER");
        assertThat(settle(older).get("next_update_id")).isEqualTo(newer.toString());

        // the message sent again was lost (a crash before its commit): the older one's redelivery finds it settled
        Map<String, Object> redelivered = claim(older);
        assertThat(redelivered.get("step")).isEqualTo("SETTLED");
        assertThat(redelivered.get("status")).isEqualTo("APPLIED");
        assertThat(redelivered.get("next_update_id")).isEqualTo(newer.toString());
        assertThat(redelivered.get("next_message")).isEqualTo("message of " + newer);

        assertThat(claim(newer).get("step")).isEqualTo("DELIVER");
        assertThat(claim(older).get("next_update_id")).isNull();
        assertThat(settle(older)).isNull();
    }

    @Test
    void the_delivery_settles_through_applied_updates_which_wakes_the_publisher_only_when_a_change_was_appended()
            throws Exception {
        assertThat(claim(newer).get("step")).isEqualTo("PARK");
        assertThat(claim(older).get("step")).isEqualTo("DELIVER");
        PGSimpleDataSource pool = new PGSimpleDataSource();
        pool.setURL(db.url());
        pool.setUser(TestDatabase.USER);
        AtomicInteger wakes = new AtomicInteger();
        AppliedUpdates applied = new AppliedUpdates(pool, wakes::incrementAndGet);

        assertThat(applied.settle(older.toString())).isEqualTo(new ParkedUpdate(newer.toString(), 2L, 2, "message of " + newer));
        assertThat(wakes).hasValue(1);
        assertThat(db.count("select count(*) from cache_update where update_id = ? and status = 'APPLIED'", older))
                .isEqualTo(1);
        assertThat(db.count("select count(*) from change_event where id = ? and version = 1 and op = 'APPLIED'", account))
                .isEqualTo(1);

        // settled already (a second delivery of it): nothing appended, nobody woken; the parked update comes again
        assertThat(applied.settle(older.toString()))
                .isEqualTo(new ParkedUpdate(newer.toString(), 2L, 2, "message of " + newer));
        assertThat(wakes).hasValue(1);
        assertThat(db.count("select count(*) from change_event where id = ?", account)).isEqualTo(1);
    }

    // Two deliveries of one update can reach its settle (a copy redelivered after a broker failover while the first
    // was at the back-end). If the first one's process dies before its send of the parked next update reaches the
    // broker, the second settle is the last one that can send it (V20).
    @Test
    void a_second_settle_of_an_applied_update_returns_its_parked_successor_until_a_delivery_claims_that_one() {
        assertThat(claim(newer).get("step")).isEqualTo("PARK");
        assertThat(claim(older).get("step")).isEqualTo("DELIVER");
        assertThat(settle(older).get("seq")).isNotNull();

        Map<String, Object> again = settle(older);
        assertThat(again.get("seq")).isNull();
        assertThat(again.get("key")).isEqualTo("accounts:" + account);
        assertThat(again.get("next_update_id")).isEqualTo(newer.toString());
        assertThat(again.get("next_message")).isEqualTo("message of " + newer);

        assertThat(claim(newer).get("step")).isEqualTo("DELIVER");
        assertThat(settle(older)).isNull();
    }

    // A pooled connection keeps its plans: a claim or a settle planned while few updates were pending must not read
    // every pending update later, when a backlog has built up (it did: the lookup of its own row took the pending
    // updates' partial index, and a drain cost as much per update as the backlog was long).
    @Test
    void a_claim_and_a_settle_read_their_own_rows_however_long_the_backlog_behind_a_plan_made_before_it()
            throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            // the plan the connection keeps after its fifth call, made now, while two updates are pending
            s.execute("set plan_cache_mode = force_generic_plan");
            UUID warm = UUID.randomUUID();
            insertPending(warm, account + "-warm", 1);
            assertThat(claim(c, warm, WINDOW_MS).get("step")).isEqualTo("DELIVER");
            assertThat(TestDatabase.query(c, "select * from settle_applied(?)", warm)).hasSize(1);
            assertThat(claim(c, newer, WINDOW_MS).get("step")).isEqualTo("PARK");

            db.update("insert into cache_update (update_id, type, id, payload, base_version, new_version, status)"
                    + " select gen_random_uuid(), 'accounts', 'backlog-' || i % 100, '{}'::jsonb, i / 100, i / 100 + 1,"
                    + " 'PENDING' from generate_series(1, 3000) i");

            c.setAutoCommit(false);
            assertThat(claim(c, older, WINDOW_MS).get("step")).isEqualTo("DELIVER");
            assertThat(TestDatabase.query(c, "select * from settle_applied(?)", older)).hasSize(1);
            // this transaction's reads of the pending updates' index so far: the entry's own two, not the backlog
            long read = (Long) TestDatabase.query(c, "select pg_stat_get_xact_tuples_returned("
                    + "cast('cache_update_key_order' as regclass)) as read").get(0).get("read");
            c.rollback();
            assertThat(read).isLessThan(20);
        }
    }

    private static void insertPending(UUID update, String account, long version) {
        db.update("insert into cache_update (update_id, type, id, payload, base_version, new_version, status)"
                + " values (?, 'accounts', ?, '{}'::jsonb, ?, ?, 'PENDING')", update, account, version - 1, version);
    }

    /** Until a statement of this test waits for a row lock another of its connections holds. */
    private static void awaitLockWait() {
        await().atMost(Duration.ofSeconds(10)).until(() -> db.count(
                "select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'")
                > 0);
    }

    private static Map<String, Object> claim(UUID update) {
        try (Connection c = db.connect()) {
            return claim(c, update, WINDOW_MS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> claim(Connection c, UUID update, long windowMs) throws Exception {
        List<Map<String, Object>> rows = TestDatabase.query(c, "select * from claim_delivery(?, ?, ?, ?)", update,
                "message of " + update, 2, windowMs);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    /** settle_applied's row, or null when it settled nothing and had no parked update to return. */
    private static Map<String, Object> settle(UUID update) {
        List<Map<String, Object>> rows = db.query("select * from settle_applied(?)", update);
        return rows.isEmpty() ? null : rows.get(0);
    }
}
