package io.midtier.delivery;

/** What a delivery does with the update it received, from where the update stands (claim_delivery's step). */
public enum DeliveryStep {
    /** Not recorded (yet): the delivery fails, so the broker retries and finally dead-letters it for support. */
    NOT_RECORDED,
    /** Applied or failed already (a redelivery, or another consumer settled it): not sent again. */
    SETTLED,
    /** An older update of the entry is pending: this one is parked behind it (per-key order). */
    PARK,
    /**
     * An earlier attempt may still be running at the back-end: nothing counted yet. {@link DeliveryAttempts#begin}
     * waits and claims again; the route never sees this step.
     */
    WAIT,
    /** Claimed, its attempt counted: sent to the back-end. */
    DELIVER
}
