package io.midtier.api;

/** The entry changed under a request (e.g. evicted between read and write); the client may retry. */
public class EntryChangedException extends ApiException {

    public EntryChangedException(String message) {
        super(409, "CONFLICT", message);
    }
}
