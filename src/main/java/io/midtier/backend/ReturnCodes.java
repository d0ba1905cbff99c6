package io.midtier.backend;

/**
 * The back-end's COMMAREA return codes midtier acts on. The simulator (a program of its own) keeps the same table under
 * the same names: ReturnCodesAgreementTest compares the two.
 */
public final class ReturnCodes {
    public static final String OK = "00";
    public static final String INVALID_REQUEST = "12";
    public static final String NOT_FOUND = "13";
    public static final String BUSINESS_REJECTION = "20";
    public static final String ABEND = "99";

    private ReturnCodes() {
    }
}
