package io.midtier.reliability;

import java.util.List;
import java.util.Map;

/** One fault scenario: it drives load and faults on a started {@link Stack} and stops by itself. */
interface Scenario {

    String name();

    /**
     * Whether an accepted write may end FAILED (dead-lettered, not at the back-end). Only a scenario that keeps the
     * back-end away longer than the redelivery window may say so; in every other one a write answered 202 must end
     * APPLIED exactly once, and FAILED is a broken promise.
     */
    default boolean deadLettersExpected() {
        return false;
    }

    /**
     * After {@link #drive}: the update ids this scenario allows to end FAILED, each because of a rule it named and
     * checked (the outage scenario: a dead letter whose replay was refused since a newer write of the entry was
     * accepted after it, or a write failed unsent with an earlier dead letter of its entry). Only a scenario that
     * expects dead letters may name any; it counts them itself.
     */
    default java.util.Set<String> failedByRule() {
        return java.util.Set.of();
    }

    /** Why this scenario cannot run on these hosts (then it did not run, and the run fails unless it was not asked for), or null. */
    default String skipReason(DatabaseHost database, BrokerHost broker) {
        return null;
    }

    /** Broker properties this scenario needs on an external broker (e.g. a shorter redelivery window). */
    default Map<String, String> brokerSettings() {
        return Map.of();
    }

    /** midtier settings this scenario needs (environment variables of the jar). */
    default Map<String, String> midtierEnvironment(BrokerHost broker) {
        return Map.of();
    }

    /**
     * Runs the load with its faults until every write was sent, every call is recorded in {@code log}, and the
     * faults are over (midtier, broker, database and back-end up). Returns what the scenario itself found wrong.
     */
    List<String> drive(Stack stack, CallLog log, Settings settings, String prefix) throws Exception;
}
