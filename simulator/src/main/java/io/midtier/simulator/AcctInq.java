package io.midtier.simulator;

import static io.midtier.simulator.FixedWidth.alpha;
import static io.midtier.simulator.FixedWidth.field;

/**
 * Record layouts of the ACCTINQ transaction (account inquiry).
 *
 * <pre>
 * request (10): pos 1 len 10 accountId, zero-padded
 * reply  (216 + 80 * count): pos 1 len 2 returnCode | 3 len 10 accountId | 13 len 40 name | 53 len 60 address
 *               | 113 len 20 phone | 133 len 15 balance (sign + 14 digits, cents) | 148 len 3 currency
 *               | 151 len 1 status | 152 len 36 lastUpdateToken | 188 len 26 lastUpdatedAt (yyyy-MM-dd-HH.mm.ss.SSSSSS UTC)
 *               | 214 len 3 transaction count (0..200), then that many transaction records, most recent first:
 * transaction (80): pos 1 len 12 txnId | 13 len 26 postedAt (DB2 timestamp, UTC) | 39 len 15 amount (sign + 14
 *               digits, cents) | 54 len 27 description
 * </pre>
 * The transaction section was appended after the original 213 characters, so a caller reading only the account
 * fields at their old offsets is unaffected.
 */
public final class AcctInq {

    public static final String TRANSACTION = "ACCTINQ";
    public static final int REQUEST_LENGTH = AccountIds.WIDTH;
    /** Length of the fixed part: the account fields and the transaction count. */
    public static final int REPLY_LENGTH = 216;
    /** Length of the account fields, the reply as it was before transactions were added. */
    public static final int ACCOUNT_LENGTH = 213;
    public static final int TRANSACTION_LENGTH = 80;
    public static final int MAX_TRANSACTIONS = 200;
    static final int COUNT_LENGTH = 3;
    static final int TXN_ID_LENGTH = 12;
    static final int DESCRIPTION_LENGTH = 27;

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

    /** One posted transaction as the inquiry returns it. */
    public record Transaction(long txnId, java.time.OffsetDateTime postedAt, long amountCents, String description) {
    }

    private AcctInq() {
    }

    /** Builds the request record for a stored account id such as "1001". */
    public static String request(String accountId) {
        return AccountIds.toField(accountId);
    }

    /** The reply for a found account without transactions. */
    public static String reply(Account account) {
        return reply(account, java.util.List.of());
    }

    /** The reply for a found account and its transactions (at most {@value #MAX_TRANSACTIONS}, most recent first). */
    public static String reply(Account account, java.util.List<Transaction> transactions) {
        if (transactions.size() > MAX_TRANSACTIONS) {
            throw new IllegalArgumentException("at most " + MAX_TRANSACTIONS + " transactions: " + transactions.size());
        }
        StringBuilder section = new StringBuilder(transactions.size() * TRANSACTION_LENGTH);
        for (Transaction t : transactions) {
            section.append(FixedWidth.numeric(t.txnId(), TXN_ID_LENGTH))
                    .append(FixedWidth.timestamp(t.postedAt()))
                    .append(FixedWidth.signed(t.amountCents(), BALANCE_LENGTH))
                    .append(alpha(t.description(), DESCRIPTION_LENGTH));
        }
        return account(account) + FixedWidth.numeric(transactions.size(), COUNT_LENGTH) + section;
    }

    private static String account(Account account) {
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
        if (record.length() != ACCOUNT_LENGTH) {
            throw new IllegalStateException("ACCTINQ account fields of " + record.length() + " characters");
        }
        return record;
    }

    /** A reply carrying only a return code and the account id field as the caller sent it (blank if it does not fit). */
    public static String failure(String returnCode, String requestedAccountId) {
        String id = requestedAccountId != null && requestedAccountId.length() <= AccountIds.WIDTH ? requestedAccountId : "";
        return checked(alpha(returnCode, 2) + alpha(id, AccountIds.WIDTH)
                + " ".repeat(ACCOUNT_LENGTH - 2 - AccountIds.WIDTH) + "0".repeat(COUNT_LENGTH));
    }

    public static Reply parseReply(String record) {
        if (record == null || record.length() < ACCOUNT_LENGTH) {
            throw new IllegalArgumentException("ACCTINQ reply must be at least " + ACCOUNT_LENGTH + " characters");
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
