package io.midtier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midtier.run.StartRefused;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

// the one paging rule of the list endpoints: page from 1, size 1..max (default when absent), 400 INVALID_PAGE otherwise
class PagingTest {

    private final Paging paging = new Paging(20, 100);

    @Test
    void absent_parameters_mean_the_first_page_of_the_default_size() {
        assertThat(paging.page(null)).isEqualTo(1);
        assertThat(paging.page("")).isEqualTo(1);
        assertThat(paging.size(null)).isEqualTo(20);
        assertThat(paging.size("")).isEqualTo(20);
    }

    @Test
    void pages_count_from_one_and_the_offset_follows() {
        assertThat(paging.page("1")).isEqualTo(1);
        assertThat(paging.page("7")).isEqualTo(7);
        assertThat(paging.size("1")).isEqualTo(1);
        assertThat(paging.size("100")).isEqualTo(100);
        assertThat(paging.offset(1, 20)).isZero();
        assertThat(paging.offset(3, 50)).isEqualTo(100);
        assertThat(paging.offset(999_999, 100)).isEqualTo(99_999_800L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "abc", "1.5", "1e3", "9999999", " 1", "\u0661", "1;drop"})
    void a_bad_page_is_refused_invalid_page(String page) {
        assertThatThrownBy(() -> paging.page(page)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("INVALID_PAGE");
            assertThat(e.getMessage()).isEqualTo("page must be a number from 1");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "101", "-5", "1000000", "abc", "20 "})
    void a_size_outside_1_to_the_largest_is_refused_invalid_page(String size) {
        assertThatThrownBy(() -> paging.size(size)).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.code()).isEqualTo("INVALID_PAGE");
            assertThat(e.getMessage()).isEqualTo("size must be a number from 1 to 100");
        });
    }

    @Test
    void a_default_size_outside_the_largest_refuses_the_start() {
        assertThatThrownBy(() -> new Paging(200, 100)).isInstanceOf(StartRefused.class)
                .hasMessageContaining("midtier.api.page.default-size");
        assertThatThrownBy(() -> new Paging(0, 100)).isInstanceOf(StartRefused.class);
    }

    @Test
    void a_page_of_transactions_after_the_last_is_refused_but_page_one_of_none_is_empty() {
        assertThat(paging.pageJson("1001", Map.of("total", 0L, "items", "[]"), 1, 20))
                .isEqualTo("{\"accountId\":\"1001\",\"page\":1,\"size\":20,\"totalItems\":0,\"totalPages\":0,\"items\":[]}");
        assertThatThrownBy(() -> paging.pageJson("1001", Map.of("total", 40L, "items", "[]"), 3, 20))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo("PAGE_OUT_OF_RANGE"));
    }
}
