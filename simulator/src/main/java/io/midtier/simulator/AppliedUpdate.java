package io.midtier.simulator;

import java.time.OffsetDateTime;

/** One row of simulator.applied_update: an update the program applied, duplicate or not. */
public record AppliedUpdate(
        long seq,
        String token,
        String accountId,
        String name,
        String address,
        String phone,
        OffsetDateTime appliedAt,
        boolean duplicate) {
}
