package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadLetterVerdictTest {

    private final DeadLetters deadLetters = new DeadLetters(6);

    @Test
    void a_pending_update_with_attempts_left_is_sent_again_whatever_the_broker_counted() {
        assertThat(DeadLetterVerdict.of("PENDING", 0, false, false, null, 6)).isEqualTo(DeadLetterVerdict.SEND_AGAIN);
        assertThat(DeadLetterVerdict.of("PENDING", 5, true, false, null, 6)).isEqualTo(DeadLetterVerdict.SEND_AGAIN);
    }

    @Test
    void a_pending_update_whose_attempts_are_used_up_fails_unless_one_may_have_reached_the_back_end() {
        assertThat(DeadLetterVerdict.of("PENDING", 6, false, false, null, 6)).isEqualTo(DeadLetterVerdict.RECORD);
        assertThat(DeadLetterVerdict.of("PENDING", 7, true, false, null, 6)).isEqualTo(DeadLetterVerdict.ASK_BACKEND);
    }

    @Test
    void an_expired_update_or_one_midtier_dead_lettered_itself_is_not_sent_again() {
        assertThat(DeadLetterVerdict.of("PENDING", 0, false, true, null, 6)).isEqualTo(DeadLetterVerdict.RECORD);
        assertThat(DeadLetterVerdict.of("PENDING", 2, true, true, null, 6)).isEqualTo(DeadLetterVerdict.ASK_BACKEND);
        assertThat(DeadLetterVerdict.of("PENDING", 0, false, false, "schema version 99", 6))
                .isEqualTo(DeadLetterVerdict.RECORD);
    }

    @Test
    void a_settled_or_unrecorded_update_is_recorded_as_it_is() {
        assertThat(DeadLetterVerdict.of("APPLIED", 1, true, false, null, 6)).isEqualTo(DeadLetterVerdict.RECORD);
        assertThat(DeadLetterVerdict.of("FAILED", 0, false, false, null, 6)).isEqualTo(DeadLetterVerdict.RECORD);
        assertThat(deadLetters.verdict(null, false, null)).isEqualTo(DeadLetterVerdict.RECORD);
    }

    @Test
    void an_unrecorded_update_goes_round_again_while_a_transaction_in_doubt_may_hold_it() {
        Map<String, Object> inDoubt = unrecorded(true);
        assertThat(deadLetters.verdict(inDoubt, false, null)).isEqualTo(DeadLetterVerdict.IN_DOUBT);
        assertThat(deadLetters.verdict(unrecorded(false), false, null)).isEqualTo(DeadLetterVerdict.RECORD);
        // waiting cannot change an expiry or a format midtier cannot read
        assertThat(deadLetters.verdict(inDoubt, true, null)).isEqualTo(DeadLetterVerdict.RECORD);
        assertThat(deadLetters.verdict(inDoubt, false, "schema version 99")).isEqualTo(DeadLetterVerdict.RECORD);
    }

    @Test
    void the_route_s_row_is_read_with_the_configured_attempts() {
        Map<String, Object> row = Map.of("status", "PENDING", "attempts", 5, "uncertain", false, "wait_ms", 0L);
        assertThat(deadLetters.verdict(row, false, null)).isEqualTo(DeadLetterVerdict.SEND_AGAIN);
        assertThat(new DeadLetters(5).verdict(row, false, null)).isEqualTo(DeadLetterVerdict.RECORD);
    }

    /** dead-letter-state.sql's row for an update not recorded. */
    private static Map<String, Object> unrecorded(boolean inDoubt) {
        Map<String, Object> row = new HashMap<>();
        row.put("status", null);
        row.put("attempts", 0);
        row.put("uncertain", false);
        row.put("wait_ms", 0L);
        row.put("in_doubt", inDoubt);
        return row;
    }
}
