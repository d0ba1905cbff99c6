package io.midtier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

// What the dual-write does after its one statement: send, read the entry through and write again, or refuse
// (412 when If-Match did not hold, 409 when the entry left the cache meanwhile).
class WriteOutcomeTest {

    private final WriteRequests requests = new WriteRequests(4096);

    @Test
    void a_new_version_means_written() {
        assertThat(WriteOutcome.of(true, 8L, 7L, false)).isEqualTo(WriteOutcome.WRITTEN);
        assertThat(WriteOutcome.of(true, 8L, null, true)).isEqualTo(WriteOutcome.WRITTEN);
    }

    @Test
    void an_entry_not_cached_is_read_through_first_once() {
        assertThat(WriteOutcome.of(false, null, null, false)).isEqualTo(WriteOutcome.READ_THROUGH_FIRST);
        assertThat(WriteOutcome.of(false, null, 7L, false)).isEqualTo(WriteOutcome.READ_THROUGH_FIRST);
        // read through and still not there: it left the cache in between
        assertThat(WriteOutcome.of(false, null, null, true)).isEqualTo(WriteOutcome.ENTRY_GONE);
    }

    @Test
    void a_cached_entry_left_unchanged_did_not_have_the_version_if_match_names() {
        assertThat(WriteOutcome.of(true, null, 7L, false)).isEqualTo(WriteOutcome.VERSION_MISMATCH);
        assertThat(WriteOutcome.of(false, null, 7L, true)).isEqualTo(WriteOutcome.VERSION_MISMATCH);
    }

    @Test
    void a_refusal_is_a_412_or_a_409_and_a_write_passes() {
        requests.checkWritten(WriteOutcome.WRITTEN);
        assertThatThrownBy(() -> requests.checkWritten(WriteOutcome.VERSION_MISMATCH))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(412));
        assertThatThrownBy(() -> requests.checkWritten(WriteOutcome.ENTRY_GONE))
                .isInstanceOf(EntryChangedException.class);
    }

    @Test
    void the_statement_answer_gives_the_outcome() {
        Exchange refused = exchange(3L, null);
        requests.written(new WrittenUpdate(true, null, null, null, null, null), refused);
        assertThat(refused.getProperty("writeOutcome")).isEqualTo(WriteOutcome.VERSION_MISMATCH);
        assertThat(refused.getProperties()).doesNotContainKeys("newVersion", "responseBody");

        Exchange gone = exchange(null, true);
        requests.written(new WrittenUpdate(true, null, null, null, null, null), gone);
        assertThat(gone.getProperty("writeOutcome")).isEqualTo(WriteOutcome.ENTRY_GONE);
    }

    @Test
    void a_write_sets_its_new_version_and_the_202s_body() {
        Exchange exchange = exchange(4L, null);
        WrittenUpdate written = new WrittenUpdate(true, 5L, "{\"version\":5}", "NEW", null, null);
        requests.written(written, exchange);
        assertThat(exchange.getProperties()).containsEntry("writeOutcome", WriteOutcome.WRITTEN)
                .containsEntry("written", written).containsEntry("newVersion", 5L)
                .containsEntry("responseBody", "{\"version\":5}");
    }

    private static Exchange exchange(Long expectedVersion, Boolean readThrough) {
        Exchange exchange = new DefaultExchange(new DefaultCamelContext());
        exchange.setProperty("expectedVersion", expectedVersion);
        exchange.setProperty("readThrough", readThrough);
        return exchange;
    }
}
