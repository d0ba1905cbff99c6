package io.midtier.simulator;

import static io.midtier.simulator.FixedWidth.alpha;
import static io.midtier.simulator.FixedWidth.field;

/**
 * Record layouts of the ACCTUPD transaction (update of name, address and phone).
 *
 * <pre>
 * request (166): pos 1 len 36 updateToken | 37 len 10 accountId (zero-padded) | 47 len 40 name
 *                | 87 len 60 address | 147 len 20 phone
 * reply    (72): pos 1 len 2 returnCode | 3 len 10 accountId | 13 len 60 message
 * </pre>
 */
public final class AcctUpd {

    public static final String TRANSACTION = "ACCTUPD";
    public static final int REQUEST_LENGTH = 166;
    public static final int REPLY_LENGTH = 72;

    static final int TOKEN_LENGTH = 36;
    static final int NAME_LENGTH = 40;
    static final int ADDRESS_LENGTH = 60;
    static final int PHONE_LENGTH = 20;
    static final int MESSAGE_LENGTH = 60;

    /** An update request; accountId is the stored form (e.g. "1001"), text fields trimmed. */
    public record Request(String token, String accountId, String name, String address, String phone) {
    }

    /** The parsed reply, fields trimmed. */
    public record Reply(String returnCode, String accountId, String message) {
    }

    /** Why a request record cannot be processed; the message goes into the reply. */
    public static final class InvalidRequestException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String accountIdField;

        InvalidRequestException(String message, String accountIdField) {
            super(message);
            this.accountIdField = accountIdField;
        }

        /** The account id field as received, or blank when the record was too short to hold one. */
        public String accountIdField() {
            return accountIdField;
        }
    }

    private AcctUpd() {
    }

    public static String request(Request request) {
        return alpha(request.token(), TOKEN_LENGTH)
                + AccountIds.toField(request.accountId())
                + alpha(request.name(), NAME_LENGTH)
                + alpha(request.address(), ADDRESS_LENGTH)
                + alpha(request.phone(), PHONE_LENGTH);
    }

    public static Request parseRequest(String record) throws InvalidRequestException {
        String idField = record.length() >= 46 ? field(record, 37, AccountIds.WIDTH) : "";
        if (record.length() != REQUEST_LENGTH) {
            throw new InvalidRequestException("INVALID COMMAREA LENGTH " + record.length(), idField);
        }
        if (!FixedWidth.isPrintableAscii(record)) {
            throw new InvalidRequestException("INVALID CHARACTERS IN COMMAREA", idField);
        }
        String token = field(record, 1, TOKEN_LENGTH).strip();
        if (token.isEmpty()) {
            throw new InvalidRequestException("UPDATE TOKEN MISSING", idField);
        }
        String accountId = AccountIds.fromField(idField)
                .orElseThrow(() -> new InvalidRequestException("INVALID ACCOUNT ID", idField));
        String name = field(record, 47, NAME_LENGTH).strip();
        if (name.isEmpty()) {
            throw new InvalidRequestException("NAME MUST NOT BE BLANK", idField);
        }
        return new Request(token, accountId,
                name,
                field(record, 87, ADDRESS_LENGTH).strip(),
                field(record, 147, PHONE_LENGTH).strip());
    }

    public static String reply(String returnCode, String accountIdField, String message) {
        String id = accountIdField != null && accountIdField.length() <= AccountIds.WIDTH ? accountIdField : "";
        return alpha(returnCode, 2) + alpha(id, AccountIds.WIDTH) + alpha(message, MESSAGE_LENGTH);
    }

    public static Reply parseReply(String record) {
        if (record == null || record.length() != REPLY_LENGTH) {
            throw new IllegalArgumentException("ACCTUPD reply must be " + REPLY_LENGTH + " characters");
        }
        return new Reply(field(record, 1, 2), field(record, 3, AccountIds.WIDTH).trim(),
                field(record, 13, MESSAGE_LENGTH).trim());
    }
}
