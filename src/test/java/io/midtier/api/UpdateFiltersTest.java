package io.midtier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

// The update list's filters: absent means any; a key is an account id in its canonical form; anything else is 400.
class UpdateFiltersTest {

    private final UpdateFilters filters = new UpdateFilters();

    @Test
    void an_absent_or_blank_key_filters_nothing() {
        assertThat(filters.key(null)).isNull();
        assertThat(filters.key("")).isNull();
        assertThat(filters.key("  ")).isNull();
    }

    @Test
    void a_key_is_the_account_id_as_the_api_reads_it_anywhere() {
        assertThat(filters.key("1001")).isEqualTo("1001");
        assertThat(filters.key("0001001")).isEqualTo("1001");
        assertThat(filters.key("0")).isEqualTo("0");
    }

    @Test
    void a_key_that_is_no_account_id_is_refused_naming_the_parameter() {
        for (String bad : new String[] {"abc", "12345678901", "10 01", "1001'--", "-1", "\u0661", "accounts/1001"}) {
            assertThatThrownBy(() -> filters.key(bad)).as(bad).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("INVALID_PARAMETER");
                assertThat(e.getMessage()).startsWith("key ");
            });
        }
    }

    @Test
    void status_and_type_take_their_listed_values_only() {
        assertThat(filters.status("PENDING")).isEqualTo("PENDING");
        assertThat(filters.type(null)).isNull();
        assertThatThrownBy(() -> filters.status("pending")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> filters.type("orders")).isInstanceOf(ApiException.class);
    }
}
