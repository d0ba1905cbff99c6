package io.midtier.cache;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

// Which requests the event loop's near hits may answer: an account's own path with a valid id, keyed as the route
// reads it; anything else is left to the routes (which answer 400, 404 or a sub-resource).
class NearHitsTest {

    @Test
    void an_accounts_path_gives_its_canonical_id() {
        assertThat(NearHits.idOf("/api/accounts/1001")).isEqualTo("1001");
        assertThat(NearHits.idOf("/api/accounts/0001001")).isEqualTo("1001");
        assertThat(NearHits.idOf("/api/accounts/0")).isEqualTo("0");
    }

    @Test
    void any_other_path_is_the_routes_to_answer() {
        assertThat(NearHits.idOf("/api/accounts/1001/transactions")).isNull();
        assertThat(NearHits.idOf("/api/accounts/1001/")).isNull();
        assertThat(NearHits.idOf("/api/accounts/")).isNull();
        assertThat(NearHits.idOf("/api/accounts/10%301")).isNull();
        assertThat(NearHits.idOf("/api/accounts/12345678901")).isNull();
        assertThat(NearHits.idOf("/api/accounts/-1")).isNull();
        assertThat(NearHits.idOf("/api/updates/1001")).isNull();
        assertThat(NearHits.idOf("/api/accounts")).isNull();
        assertThat(NearHits.idOf(null)).isNull();
    }
}
