package io.midtier.cache;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.midtier.api.RequestIds;
import org.junit.jupiter.api.Test;

// Which requests the event loop's near hits may answer: an account's own path with a valid id, keyed as the route
// reads it; anything else is left to the routes (which answer 400, 404 or a sub-resource).
class NearHitsTest {

    private final NearHits hits = new NearHits(new RequestIds(), new NearCache(NearCacheMode.NOTIFY, 10, 10_000),
            null, new CacheCounters(SimpleMeterRegistry::new));

    @Test
    void an_accounts_path_gives_its_canonical_id() {
        assertThat(hits.idOf("/api/accounts/1001")).isEqualTo("1001");
        assertThat(hits.idOf("/api/accounts/0001001")).isEqualTo("1001");
        assertThat(hits.idOf("/api/accounts/0")).isEqualTo("0");
    }

    @Test
    void any_other_path_is_the_routes_to_answer() {
        assertThat(hits.idOf("/api/accounts/1001/transactions")).isNull();
        assertThat(hits.idOf("/api/accounts/1001/")).isNull();
        assertThat(hits.idOf("/api/accounts/")).isNull();
        assertThat(hits.idOf("/api/accounts/10%301")).isNull();
        assertThat(hits.idOf("/api/accounts/12345678901")).isNull();
        assertThat(hits.idOf("/api/accounts/-1")).isNull();
        assertThat(hits.idOf("/api/updates/1001")).isNull();
        assertThat(hits.idOf("/api/accounts")).isNull();
        assertThat(hits.idOf(null)).isNull();
    }
}
