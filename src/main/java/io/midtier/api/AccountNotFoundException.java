package io.midtier.api;

/** The back-end does not know the account (now, or recently: the negative cache remembers it). */
public class AccountNotFoundException extends ApiException {

    public AccountNotFoundException(String message) {
        super(404, "NOT_FOUND", message);
    }
}
