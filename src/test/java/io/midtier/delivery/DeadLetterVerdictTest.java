package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

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
    void the_route_s_row_is_read_with_the_configured_attempts() {
        Map<String, Object> row = Map.of("status", "PENDING", "attempts", 5, "uncertain", false, "wait_ms", 0L);
        assertThat(deadLetters.verdict(row, false, null)).isEqualTo(DeadLetterVerdict.SEND_AGAIN);
        assertThat(new DeadLetters(5).verdict(row, false, null)).isEqualTo(DeadLetterVerdict.RECORD);
    }
}
