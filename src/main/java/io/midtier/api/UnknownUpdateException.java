package io.midtier.api;

/** No update with the requested id was ever accepted. */
public class UnknownUpdateException extends ApiException {

    public UnknownUpdateException(String message) {
        super(404, "NOT_FOUND", message);
    }
}
