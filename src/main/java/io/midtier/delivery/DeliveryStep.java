package io.midtier.delivery;

import java.util.Map;

/** What a delivery does with the update it received, from where the update stands (delivery-state.sql's row). */
public enum DeliveryStep {
    /** Not recorded (yet): the delivery fails, so the broker retries and finally dead-letters it for support. */
    NOT_RECORDED,
    /** Applied or failed already (a redelivery, or another consumer settled it): not sent again. */
    SETTLED,
    /** An older update of the entry is pending: this one is parked behind it (per-key order). */
    PARK,
    /** Sent to the back-end. */
    DELIVER;

    /** The step for delivery-state.sql's row (null: no row, the update is not recorded). */
    public static DeliveryStep of(Map<String, Object> row) {
        if (row == null) {
            return NOT_RECORDED;
        }
        if (!"PENDING".equals(row.get("status"))) {
            return SETTLED;
        }
        return Boolean.TRUE.equals(row.get("older_pending")) ? PARK : DELIVER;
    }
}
