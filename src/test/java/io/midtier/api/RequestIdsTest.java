package io.midtier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

// Account ids from the path: 1 to 10 ASCII digits, leading zeros dropped (one key per account).
class RequestIdsTest {

    private final RequestIds ids = new RequestIds();

    @Test
    void leading_zeros_are_dropped_but_zero_stays_zero() {
        assertThat(ids.accountId("1001")).isEqualTo("1001");
        assertThat(ids.accountId("0001001")).isEqualTo("1001");
        assertThat(ids.accountId("000")).isEqualTo("0");
        assertThat(ids.accountId("1234567890")).isEqualTo("1234567890");
    }

    @Test
    void anything_but_one_to_ten_ascii_digits_is_400() {
        for (String bad : new String[] {null, "", "12345678901", "10x1", "-1", " 1", "١٢", "1\n"}) {
            assertThatThrownBy(() -> ids.accountId(bad)).as(String.valueOf(bad))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
