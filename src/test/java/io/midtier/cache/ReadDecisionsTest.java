package io.midtier.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

// The read path's decisions: what a read does with the SQL cache's row, whether a near copy is served without
// asking, after asking, or not at all, and whether the database's validators confirm a copy.
class ReadDecisionsTest {

    private static final long NOW = 1_000_000_000L;

    @Test
    void a_fresh_row_is_a_hit_a_remembered_not_found_is_absent_and_anything_else_is_loaded() {
        assertThat(row("{}", true, false).lookup()).isEqualTo(Lookup.HIT);
        assertThat(row("{}", false, false).lookup()).isEqualTo(Lookup.LOAD);
        assertThat(row(null, false, true).lookup()).isEqualTo(Lookup.ABSENT);
        assertThat(row(null, false, false).lookup()).isEqualTo(Lookup.LOAD);
        assertThat(CacheRow.NONE.lookup()).isEqualTo(Lookup.LOAD);
    }

    @Test
    void max_age_is_rounded_up_to_whole_seconds() {
        assertThat(new CacheRow("{}", 1, false, true, 299_001, 0, false).maxAgeSeconds()).isEqualTo(300);
        assertThat(new CacheRow("{}", 1, false, true, 300_000, 0, false).maxAgeSeconds()).isEqualTo(300);
        assertThat(new CacheRow("{}", 1, false, true, 0, 0, false).maxAgeSeconds()).isZero();
    }

    @Test
    void a_row_survives_the_trip_through_the_routes_as_a_map() {
        CacheRow row = new CacheRow("{\"a\":1}", 7, true, true, 12_000, 3, false);
        assertThat(CacheRow.fromMap(row.toMap())).isEqualTo(row);
        // the store's answer (camel-sql) says max_age in seconds
        assertThat(CacheRow.fromMap(Map.of("json", "{}", "version", 2L, "pending", false, "fresh", true,
                "max_age", 300L, "age", 0, "absent", false)).remainingMs()).isEqualTo(300_000);
    }

    @Test
    void notify_mode_serves_a_fresh_copy_without_asking_only_while_caught_up() {
        NearEntry fresh = entry(1, false, NOW + 1_000_000);
        NearEntry expired = entry(1, false, NOW - 1);

        assertThat(NearCache.use(NearCacheMode.NOTIFY, fresh, NOW, true)).isEqualTo(NearCache.Use.SERVE);
        assertThat(NearCache.use(NearCacheMode.NOTIFY, fresh, NOW, false)).isEqualTo(NearCache.Use.VALIDATE);
        assertThat(NearCache.use(NearCacheMode.NOTIFY, expired, NOW, true)).isEqualTo(NearCache.Use.VALIDATE);
        assertThat(NearCache.use(NearCacheMode.VALIDATE, fresh, NOW, true)).isEqualTo(NearCache.Use.VALIDATE);
        assertThat(NearCache.use(NearCacheMode.OFF, fresh, NOW, true)).isEqualTo(NearCache.Use.READ);
        assertThat(NearCache.use(NearCacheMode.NOTIFY, null, NOW, true)).isEqualTo(NearCache.Use.READ);
    }

    @Test
    void validators_confirm_a_copy_only_of_the_same_version_and_pending_state_while_fresh() {
        NearEntry copy = entry(3, false, NOW);

        assertThat(new EntryValidators(true, 3, false, true, 1000).confirm(copy)).isTrue();
        assertThat(new EntryValidators(true, 4, false, true, 1000).confirm(copy)).isFalse();
        assertThat(new EntryValidators(true, 3, true, true, 1000).confirm(copy)).isFalse();
        assertThat(new EntryValidators(true, 3, false, false, 0).confirm(copy)).isFalse();
        assertThat(EntryValidators.GONE.confirm(copy)).isFalse();
    }

    private static CacheRow row(String json, boolean fresh, boolean absent) {
        return new CacheRow(json, 1, false, fresh, fresh ? 1000 : 0, 0, absent);
    }

    private static NearEntry entry(long version, boolean pending, long freshUntil) {
        return new NearEntry(new byte[] {'{', '}'}, version, pending, "\"" + version + "\"", freshUntil);
    }
}
