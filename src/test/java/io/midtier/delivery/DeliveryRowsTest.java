package io.midtier.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;

// The delivery's reading of its statements' rows: the claim (the step an update takes), and the parked update sent
// again.
class DeliveryRowsTest {

    private final DeliveryRows rows = new DeliveryRows();
    private final Exchange exchange = new DefaultExchange(new DefaultCamelContext());

    private static Map<String, Object> claim(String step, String status) {
        Map<String, Object> row = new HashMap<>();
        row.put("step", step);
        row.put("status", status);
        row.put("type", "account");
        row.put("id", "1001");
        row.put("attempt", null);
        row.put("wait_ms", 0L);
        row.put("key", null);
        row.put("next_message", null);
        return row;
    }

    /** The row's columns of a parked next update (claim_delivery's and settle_applied's alike). */
    private static Map<String, Object> withParkedNext(Map<String, Object> row, int schemaVersion) {
        row.put("key", "account:1001");
        row.put("next_update_id", "3f1c2a9e-0000-4000-8000-000000000001");
        row.put("next_version", 12L);
        row.put("next_schema_version", schemaVersion);
        row.put("next_message", "{\"schemaVersion\":" + schemaVersion + "}");
        return row;
    }

    @Test
    void an_update_with_no_row_is_not_recorded() {
        Map<String, Object> row = claim("NOT_RECORDED", null);
        row.put("type", null);
        row.put("id", null);
        DeliveryClaim claim = DeliveryClaim.of(row);
        assertThat(claim.step()).isEqualTo(DeliveryStep.NOT_RECORDED);
        assertThat(claim.attempt()).isZero();
        assertThat(claim.parkedNext()).isNull();
    }

    @Test
    void a_delivered_update_carries_its_attempt_and_sets_what_the_route_reads() {
        Map<String, Object> row = claim("DELIVER", "PENDING");
        row.put("attempt", 3);
        DeliveryClaim claim = DeliveryClaim.of(row);
        assertThat(claim).isEqualTo(new DeliveryClaim(DeliveryStep.DELIVER, "PENDING", "account", "1001", 3, 0, null));

        claim.setOn(exchange);
        assertThat(exchange.getProperties()).containsEntry("status", "PENDING").containsEntry("type", "account")
                .containsEntry("id", "1001").containsEntry("attempt", 3).hasSize(4);
    }

    @Test
    void a_wait_says_how_long() {
        Map<String, Object> row = claim("WAIT", "PENDING");
        row.put("wait_ms", 2500L);
        assertThat(DeliveryClaim.of(row).waitMs()).isEqualTo(2500L);
        assertThat(DeliveryClaim.of(row).step()).isEqualTo(DeliveryStep.WAIT);
    }

    @Test
    void a_settled_update_brings_the_next_update_parked_behind_it() {
        DeliveryClaim claim = DeliveryClaim.of(withParkedNext(claim("SETTLED", "APPLIED"), 2));
        assertThat(claim.step()).isEqualTo(DeliveryStep.SETTLED);
        assertThat(claim.parkedNext()).isEqualTo(new ParkedUpdate("3f1c2a9e-0000-4000-8000-000000000001", 12L, 2, "{\"schemaVersion\":2}"));
        assertThat(DeliveryClaim.of(claim("SETTLED", "FAILED")).parkedNext()).isNull();
    }

    @Test
    void no_parked_update_when_none_waited_behind_the_applied_one() {
        Map<String, Object> applied = new HashMap<>();
        applied.put("seq", 7L);
        applied.put("key", "account:1001");
        applied.put("next_message", null);
        assertThat(ParkedUpdate.of(applied)).isNull();
        assertThat(ParkedUpdate.of(null)).isNull();
    }

    @Test
    void a_parked_update_is_sent_again_with_its_body_and_headers_only() {
        ParkedUpdate parked = ParkedUpdate.of(withParkedNext(new HashMap<>(), 1));
        assertThat(parked).isEqualTo(new ParkedUpdate("3f1c2a9e-0000-4000-8000-000000000001", 12L, 1,
                "{\"schemaVersion\":1}"));

        Message message = exchange.getIn();
        message.setHeader("JMSMessageID", "ID:of-the-message-just-applied");
        message.setBody(parked);
        rows.resend(parked, message);
        assertThat(message.getHeaders()).containsOnly(Map.entry("midtierUpdateId", "3f1c2a9e-0000-4000-8000-000000000001"), Map.entry("midtierVersion", 12L),
                Map.entry("midtierSchemaVersion", 1));
        assertThat(message.getBody()).isEqualTo("{\"schemaVersion\":1}");
    }
}
