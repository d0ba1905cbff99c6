package io.midtier.simulator;

/**
 * The two-character return codes of the simulated programs, as the callers see them. The same codes carry the same
 * names as midtier's own {@code io.midtier.backend.ReturnCodes} (midtier's ReturnCodesAgreementTest checks it); the
 * simulator does not depend on midtier, so the table is written down twice.
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
