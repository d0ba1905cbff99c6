package io.midtier.simulator;

import java.time.OffsetDateTime;

/** One row of simulator.account, as the back-end holds it. */
public record Account(
        String id,
        String name,
        String address,
        String phone,
        long balanceCents,
        String currency,
        String status,
        String lastUpdateToken,
        OffsetDateTime updatedAt) {
}
