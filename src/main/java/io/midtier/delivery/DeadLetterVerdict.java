package io.midtier.delivery;

/** What the dead-letter route does with a message the broker gave up on ({@link DeadLetters#verdict}). */
public enum DeadLetterVerdict {

    /**
     * Back on the updates queue: midtier made fewer attempts than the broker allows. The broker also counts a
     * delivery that an instance received and never finished because it was killed (Artemis keeps the count of a
     * consumer that failed), often while it only waited for an earlier attempt; a few crashes in a row could
     * otherwise fail an update hardly tried.
     */
    SEND_AGAIN,

    /** An attempt may have reached the back-end: FAILED only once the back-end says it does not hold the update. */
    ASK_BACKEND,

    /**
     * Back on the updates queue: the update is not recorded, but the database holds a transaction in doubt that may
     * hold its row (prepared, its commit cut short by an outage after the broker's branch committed), invisible
     * until Narayana's recovery commits it. Recorded now, the dead letter would say "not recorded" and the update
     * would turn up PENDING afterwards with nothing left to deliver it.
     */
    IN_DOUBT,

    /** Recorded: the update FAILED (if still PENDING), the message kept for support to replay or discard. */
    RECORD;

    /**
     * @param status      the update's status; null when it is not recorded
     * @param attempts    the attempts midtier made (counted before each back-end call)
     * @param uncertain   whether one of them may have reached the back-end
     * @param expired     whether the broker dead-lettered the message because it expired
     * @param reason      why midtier itself sent it to the dead-letter queue (an unreadable format); else null
     * @param maxAttempts {@code midtier.broker.max-delivery-attempts}
     */
    static DeadLetterVerdict of(String status, int attempts, boolean uncertain, boolean expired, String reason,
                                int maxAttempts) {
        if (!"PENDING".equals(status)) {
            return RECORD;
        }
        if (!expired && reason == null && attempts < maxAttempts) {
            return SEND_AGAIN;
        }
        return uncertain ? ASK_BACKEND : RECORD;
    }

    /**
     * A dead letter whose update is not recorded: back on the queue while a transaction in doubt may hold its row
     * (unless it expired or midtier sent it there itself, which waiting cannot change), else recorded for support.
     */
    static DeadLetterVerdict ofUnrecorded(boolean inDoubt, boolean expired, String reason) {
        return inDoubt && !expired && reason == null ? IN_DOUBT : RECORD;
    }
}
