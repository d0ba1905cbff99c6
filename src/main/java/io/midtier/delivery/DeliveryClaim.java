package io.midtier.delivery;

import java.util.Map;
import org.apache.camel.Exchange;

/**
 * claim_delivery's row, typed: the step, where the update stands, the attempt counted (DELIVER), how long to wait
 * for an earlier attempt (WAIT), and the entry's next update whose message is parked behind this applied one
 * (SETTLED; null when there is none).
 */
public record DeliveryClaim(DeliveryStep step, String status, String type, String id, int attempt, long waitMs,
                            ParkedUpdate parkedNext) {

    public static DeliveryClaim of(Map<String, Object> row) {
        Number attempt = (Number) row.get("attempt");
        Number waitMs = (Number) row.get("wait_ms");
        return new DeliveryClaim(DeliveryStep.valueOf((String) row.get("step")), (String) row.get("status"),
                (String) row.get("type"), (String) row.get("id"), attempt == null ? 0 : attempt.intValue(),
                waitMs == null ? 0 : waitMs.longValue(), ParkedUpdate.of(row));
    }

    /** Sets the exchange properties the delivery route reads: status, type, id, attempt and parkedNext. */
    public void setOn(Exchange exchange) {
        exchange.setProperty("status", status);
        exchange.setProperty("type", type);
        exchange.setProperty("id", id);
        exchange.setProperty("attempt", attempt);
        exchange.setProperty("parkedNext", parkedNext);
    }
}
