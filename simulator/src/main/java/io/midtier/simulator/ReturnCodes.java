package io.midtier.simulator;

/** The two-character return codes of the simulated programs, as the callers see them. */
public final class ReturnCodes {

    public static final String OK = "00";
    public static final String INVALID_REQUEST = "12";
    public static final String NOT_FOUND = "13";
    public static final String REJECTED = "20";
    public static final String ABEND = "99";

    private ReturnCodes() {
    }
}
