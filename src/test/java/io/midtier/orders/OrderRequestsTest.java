package io.midtier.orders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.midtier.api.ApiException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

// The order list's key filter: absent means any; an order id in the strict UUID form, canonical; anything else is 400.
class OrderRequestsTest {

    private final OrderRequests requests = new OrderRequests();

    @Test
    void an_absent_or_blank_key_filters_nothing() {
        assertThat(requests.key(null)).isNull();
        assertThat(requests.key(" ")).isNull();
    }

    @Test
    void a_key_is_an_order_id_in_its_canonical_form() {
        UUID id = UUID.randomUUID();
        assertThat(requests.key(id.toString())).isEqualTo(id.toString());
        assertThat(requests.key(id.toString().toUpperCase())).isEqualTo(id.toString());
    }

    @Test
    void a_key_that_is_no_order_id_is_refused_naming_the_parameter() {
        // "1-2-3-4-5" is a UUID to UUID.fromString, not to the API
        for (String bad : new String[] {"1001", "1-2-3-4-5", "not-an-id", UUID.randomUUID() + "0",
                " " + UUID.randomUUID()}) {
            assertThatThrownBy(() -> requests.key(bad)).as(bad).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.code()).isEqualTo("INVALID_PARAMETER");
                assertThat(e.getMessage()).startsWith("key ");
            });
        }
    }
}
