package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

// The delivery's reading of its statements' rows: the step an update takes, and the parked update sent again.
class DeliveryRowsTest {

    private final DeliveryRows rows = new DeliveryRows();
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    private static Map<String, Object> state(String status, boolean olderPending) {
        Map<String, Object> row = new HashMap<>();
        row.put("status", status);
        row.put("type", "account");
        row.put("id", "1001");
        row.put("older_pending", olderPending);
        return row;
    }

    @Test
    void an_update_with_no_row_is_not_recorded_and_sets_nothing() {
        assertThat(rows.step(null, exchange)).isEqualTo(DeliveryStep.NOT_RECORDED);
        assertThat(exchange.getProperties()).isEmpty();
    }

    @Test
    void an_update_no_longer_pending_is_settled_whatever_is_older() {
        assertThat(DeliveryStep.of(state("APPLIED", false))).isEqualTo(DeliveryStep.SETTLED);
        assertThat(DeliveryStep.of(state("FAILED", true))).isEqualTo(DeliveryStep.SETTLED);
    }

    @Test
    void a_pending_update_is_parked_behind_an_older_pending_one_else_delivered() {
        assertThat(DeliveryStep.of(state("PENDING", true))).isEqualTo(DeliveryStep.PARK);
        assertThat(DeliveryStep.of(state("PENDING", false))).isEqualTo(DeliveryStep.DELIVER);
    }

    @Test
    void the_step_sets_the_status_type_and_id_of_the_row() {
        assertThat(rows.step(state("PENDING", false), exchange)).isEqualTo(DeliveryStep.DELIVER);
        assertThat(exchange.getProperties()).containsEntry("status", "PENDING").containsEntry("type", "account")
                .containsEntry("id", "1001").hasSize(3);
    }

    @Test
    void no_parked_update_when_none_waited_behind_the_applied_one() {
        Map<String, Object> applied = new HashMap<>();
        applied.put("seq", 7L);
        applied.put("key", "account:1001");
        applied.put("next_message", null);
        assertThat(rows.parked(applied)).isNull();
        assertThat(rows.parked(null)).isNull();
    }

    @Test
    void a_parked_update_is_sent_again_with_its_body_and_headers_only() {
        Map<String, Object> applied = new HashMap<>();
        applied.put("key", "account:1001");
        applied.put("next_update_id", "3f1c2a9e-0000-4000-8000-000000000001");
        applied.put("next_version", 12L);
        applied.put("next_schema_version", 1);
        applied.put("next_message", "{\"schemaVersion\":1}");
        ParkedUpdate parked = rows.parked(applied);
        assertThat(parked).isEqualTo(new ParkedUpdate("account:1001", "3f1c2a9e-0000-4000-8000-000000000001", 12L, 1,
                "{\"schemaVersion\":1}"));

        Message message = exchange.getIn();
        message.setHeader("JMSMessageID", "ID:of-the-message-just-applied");
        message.setBody(parked);
        rows.resend(parked, message);
        assertThat(message.getHeaders()).containsOnly(Map.entry("JMSXGroupID", "account:1001"),
                Map.entry("midtierUpdateId", "3f1c2a9e-0000-4000-8000-000000000001"), Map.entry("midtierVersion", 12L),
                Map.entry("midtierSchemaVersion", 1));
        assertThat(message.getBody()).isEqualTo("{\"schemaVersion\":1}");
    }
}
