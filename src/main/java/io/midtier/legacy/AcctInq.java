package io.midtier.legacy;

import static io.midtier.legacy.FixedWidth.alpha;
import static io.midtier.legacy.FixedWidth.field;

/**
 * Record layouts of the ACCTINQ transaction (account inquiry).
 *
 * <pre>
 * request (10): pos 1 len 10 accountId, zero-padded
 * reply  (213): pos 1 len 2 returnCode | 3 len 10 accountId | 13 len 40 name | 53 len 60 address
 *               | 113 len 20 phone | 133 len 15 balance (sign + 14 digits, cents) | 148 len 3 currency
 *               | 151 len 1 status | 152 len 36 lastUpdateToken | 188 len 26 lastUpdatedAt (yyyy-MM-dd-HH.mm.ss.SSSSSS UTC)
 * </pre>
 */
public final class AcctInq {

    public static final String TRANSACTION = "ACCTINQ";
    public static final int REQUEST_LENGTH = AccountIds.WIDTH;
    public static final int REPLY_LENGTH = 213;

    static final int NAME_LENGTH = 40;
    static final int ADDRESS_LENGTH = 60;
    static final int PHONE_LENGTH = 20;
    static final int BALANCE_LENGTH = 15;
    static final int CURRENCY_LENGTH = 3;
    static final int STATUS_LENGTH = 1;
    static final int TOKEN_LENGTH = 36;

    /** The parsed reply; text fields are trimmed, absent token/timestamp are empty strings. */
    public record Reply(
            String returnCode,
            String accountId,
            String name,
            String address,
            String phone,
            long balanceCents,
            String currency,
            String status,
            String lastUpdateToken,
            String lastUpdatedAt) {
    }

    private AcctInq() {
    }

    /** Builds the request record for a stored account id such as "1001". */
    public static String request(String accountId) {
        return AccountIds.toField(accountId);
    }

    /** The reply for a found account. */
    public static String reply(Account account) {
        String record = ReturnCodes.OK
                + AccountIds.toField(account.id())
                + alpha(account.name(), NAME_LENGTH)
                + alpha(account.address(), ADDRESS_LENGTH)
                + alpha(account.phone(), PHONE_LENGTH)
                + FixedWidth.signed(account.balanceCents(), BALANCE_LENGTH)
                + alpha(account.currency(), CURRENCY_LENGTH)
                + alpha(account.status(), STATUS_LENGTH)
                + alpha(account.lastUpdateToken(), TOKEN_LENGTH)
                + FixedWidth.timestamp(account.updatedAt());
        return checked(record);
    }

    /** A reply carrying only a return code and the account id field as the caller sent it (blank if it does not fit). */
    public static String failure(String returnCode, String requestedAccountId) {
        String id = requestedAccountId != null && requestedAccountId.length() <= AccountIds.WIDTH ? requestedAccountId : "";
        return checked(alpha(returnCode, 2) + alpha(id, AccountIds.WIDTH) + " ".repeat(REPLY_LENGTH - 2 - AccountIds.WIDTH));
    }

    public static Reply parseReply(String record) {
        if (record == null || record.length() != REPLY_LENGTH) {
            throw new IllegalArgumentException("ACCTINQ reply must be " + REPLY_LENGTH + " characters");
        }
        String balance = field(record, 133, BALANCE_LENGTH);
        return new Reply(
                field(record, 1, 2),
                field(record, 3, AccountIds.WIDTH).trim(),
                field(record, 13, NAME_LENGTH).trim(),
                field(record, 53, ADDRESS_LENGTH).trim(),
                field(record, 113, PHONE_LENGTH).trim(),
                balance.isBlank() ? 0 : FixedWidth.parseSigned(balance),
                field(record, 148, CURRENCY_LENGTH).trim(),
                field(record, 151, STATUS_LENGTH).trim(),
                field(record, 152, TOKEN_LENGTH).trim(),
                field(record, 188, FixedWidth.DB2_TIMESTAMP_LENGTH).trim());
    }

    private static String checked(String record) {
        if (record.length() != REPLY_LENGTH) {
            throw new IllegalStateException("ACCTINQ reply of " + record.length() + " characters");
        }
        return record;
    }
}
