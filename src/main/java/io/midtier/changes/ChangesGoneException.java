package io.midtier.changes;

import io.midtier.api.ApiException;

/** The client asked for changes that retention has removed: it cannot catch up and must reload. */
public class ChangesGoneException extends ApiException {

    public ChangesGoneException(long after, long prunedThrough) {
        super(410, "CHANGES_GONE", "changes after " + after + " are no longer kept (retention removed up to "
                + prunedThrough + "): reload the data, then follow the changes after the latest sequence number");
    }
}
