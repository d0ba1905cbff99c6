package io.midtier.simulator;

/**
 * The simulator's counters since its process started.
 *
 * @param inquiries   ACCTINQ calls the program processed (return codes 00, 12, 13)
 * @param updates     ACCTUPD calls that changed the account, duplicates included
 * @param duplicates  of those, the ones whose token had been applied before
 * @param rejected    ACCTUPD calls answered with business rejection "20"
 * @param abends      /cics calls answered HTTP 500 / "99" (injected or real errors)
 * @param unavailable /cics calls answered HTTP 503 because the region was down
 * @param inFlight    /cics transactions being processed right now
 * @param maxInFlight the most /cics transactions ever processed at once
 */
public record Stats(long inquiries, long updates, long duplicates, long rejected, long abends, long unavailable,
                    int inFlight, int maxInFlight) {
}
