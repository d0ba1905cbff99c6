package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import io.midtier.testsupport.Updates;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Many updates over a few accounts, submitted by parallel clients, then followed until applied. */
final class UpdateLoad {

    private UpdateLoad() {
    }

    /** Submits {@code count} renames spread over the accounts from {@code clients} threads; returns the update ids. */
    static List<String> submit(MidtierTestApp app, List<String> accounts, int count, int clients) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String account = accounts.get(i % accounts.size());
                String name = "LOAD " + i;
                futures.add(pool.submit(() -> Updates.rename(app, account, name)));
            }
            List<String> ids = new ArrayList<>();
            for (Future<String> f : futures) {
                ids.add(f.get());
            }
            return ids;
        } finally {
            pool.shutdownNow();
        }
    }

    static void awaitApplied(TestDatabase db, List<String> updateIds, Duration atMost) {
        UUID[] ids = updateIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> db.count(
                "select count(*) from cache_update where status = 'APPLIED' and update_id = any(?)",
                (Object) ids) == ids.length);
    }

    /** For each account: the back-end applied exactly the accepted updates, each once, in acceptance order. */
    static void assertAppliedOnceInAcceptanceOrder(TestDatabase db, List<String> accounts, List<String> updateIds) {
        UUID[] ids = updateIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        for (String account : accounts) {
            List<String> accepted = column(db.query(
                    "select update_id::text as token from cache_update where id = ? and update_id = any(?)"
                            + " order by accepted_seq", account, ids));
            List<String> applied = column(db.query(
                    "select token from simulator.applied_update where account_id = ? and token = any(?) order by seq",
                    account, updateIds.toArray(String[]::new)));
            assertThat(applied).as("updates applied to account %s, in back-end order", account).isEqualTo(accepted);
        }
        assertThat(db.count("select count(*) from simulator.applied_update where duplicate and token = any(?)",
                (Object) updateIds.toArray(String[]::new))).isZero();
    }

    /** accepted-to-applied latency percentiles in ms: p50, p99, max. */
    static long[] latencyPercentiles(TestDatabase db, List<String> updateIds) {
        UUID[] ids = updateIds.stream().map(UUID::fromString).toArray(UUID[]::new);
        List<Long> ms = new ArrayList<>();
        for (Map<String, Object> row : db.query(
                "select (extract(epoch from applied_at - created_at) * 1000)::bigint as ms from cache_update"
                        + " where update_id = any(?)", (Object) ids)) {
            ms.add(((Number) row.get("ms")).longValue());
        }
        Collections.sort(ms);
        return new long[] {ms.get(ms.size() / 2), ms.get((int) Math.ceil(ms.size() * 0.99) - 1), ms.get(ms.size() - 1)};
    }

    private static List<String> column(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.values().iterator().next().toString()).toList();
    }
}
