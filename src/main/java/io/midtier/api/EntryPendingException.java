package io.midtier.api;

/** The entry has an accepted update on its way to the back-end, so it cannot be evicted now. */
public class EntryPendingException extends ApiException {

    public EntryPendingException(String message) {
        super(409, "ENTRY_PENDING", message);
    }
}
