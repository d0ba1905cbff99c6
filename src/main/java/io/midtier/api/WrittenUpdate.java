package io.midtier.api;

/**
 * What the dual-write's statement ({@code sql/write-update.sql}) answered: whether a (fresh) cache row was there, and
 * for a write the entry's new version, the 202's JSON body and the entry's updatable fields after the patch (what the
 * update message carries). {@code newVersion} is null when nothing was written.
 */
public record WrittenUpdate(boolean cached, Long newVersion, String response, String name, String address,
                            String phone) {

    public WriteOutcome outcome(Long expectedVersion, boolean readThrough) {
        return WriteOutcome.of(cached, newVersion, expectedVersion, readThrough);
    }
}
