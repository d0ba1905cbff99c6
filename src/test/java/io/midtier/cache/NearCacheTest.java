package io.midtier.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

// The near cache's bounds (entries and bytes) and its guard against a copy read before an invalidation.
class NearCacheTest {

    @Test
    void a_copy_read_before_an_invalidation_is_not_held() {
        NearCache near = new NearCache(NearCacheMode.NOTIFY, 100, 1_000_000);
        long before = near.generation();
        near.invalidate("accounts:1");

        near.put("accounts:1", entry(100), before);
        near.put("accounts:2", entry(100), near.generation());

        assertThat(near.get("accounts:1")).isNull();
        assertThat(near.get("accounts:2")).isNotNull();
    }

    @Test
    void the_entry_bound_holds_for_small_entries_and_the_byte_bound_for_large_ones() {
        NearCache byEntries = new NearCache(NearCacheMode.VALIDATE, 10, 1_000_000);
        NearCache byBytes = new NearCache(NearCacheMode.VALIDATE, 1000, 100_000);
        for (int i = 0; i < 200; i++) {
            byEntries.put("accounts:" + i, entry(10), byEntries.generation());
            byBytes.put("accounts:" + i, entry(10_000), byBytes.generation());
        }
        byEntries.cleanUp();
        byBytes.cleanUp();

        assertThat(byEntries.size()).isLessThanOrEqualTo(10);
        assertThat(byBytes.size()).isLessThanOrEqualTo(100_000 / (10_000 + NearEntry.OVERHEAD_BYTES));
        assertThat(byBytes.size()).isPositive();
    }

    @Test
    void off_holds_nothing_and_clear_drops_everything() {
        NearCache off = new NearCache(NearCacheMode.OFF, 100, 1_000_000);
        off.put("accounts:1", entry(10), off.generation());
        NearCache on = new NearCache(NearCacheMode.VALIDATE, 100, 1_000_000);
        on.put("accounts:1", entry(10), on.generation());
        on.clear();

        assertThat(off.get("accounts:1")).isNull();
        assertThat(on.get("accounts:1")).isNull();
    }

    private static NearEntry entry(int bytes) {
        return new NearEntry(new byte[bytes], 1, false, "\"1\"", System.nanoTime() + 1_000_000_000L);
    }
}
