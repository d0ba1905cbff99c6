package io.midtier.api;

/** The back-end did not answer usefully (abend, down, timeout); the request may be retried later. */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message) {
        super(message);
    }
}
