package io.midtier.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midtier.api.AccountNotFoundException;
import io.midtier.api.BackendUnavailableException;
import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.util.List;

/** Maps the back-end's account record to the JSON the front-end shows. */
public class AccountMapper {

    /** The reply's fixed part: account fields and transaction count. */
    static final int FIXED_LENGTH = 216;
    static final int TRANSACTION_LENGTH = 80;
    static final int MAX_TRANSACTIONS = 200;

    private final ObjectMapper json = new ObjectMapper();

    /** The ACCTINQ request for an account id. */
    public AccountInquiryRequest inquiryRequest(String accountId) {
        return new AccountInquiryRequest(accountId);
    }

    /** Bindy hands over one record, or a list when the reply held several: the inquiry has one. */
    public AccountInquiryReply single(Object unmarshalled) {
        Object record = unmarshalled instanceof List<?> list && !list.isEmpty() ? list.get(0) : unmarshalled;
        if (!(record instanceof AccountInquiryReply reply)) {
            throw new BackendUnavailableException("the back-end answered with no account record");
        }
        return reply;
    }

    /**
     * The reply when the back-end answered the inquiry ("found" or "not found"); any other return code is a
     * back-end failure (it counts for the circuit breaker and may be answered from a stale entry).
     */
    public AccountInquiryReply requireAnswer(AccountInquiryReply reply) {
        String code = reply.getReturnCode();
        if (!ReturnCodes.OK.equals(code) && !ReturnCodes.NOT_FOUND.equals(code)) {
            throw new BackendUnavailableException("inquiry answered with return code " + code);
        }
        return reply;
    }

    public boolean notFound(AccountInquiryReply reply) {
        return ReturnCodes.NOT_FOUND.equals(reply.getReturnCode());
    }

    /** The front-end JSON of a found account; 404 for "not found", 503 for any other return code. */
    public String toAccountJson(AccountInquiryReply reply) {
        switch (reply.getReturnCode()) {
            case ReturnCodes.OK:
                break;
            case ReturnCodes.NOT_FOUND:
                throw new AccountNotFoundException("account not found");
            default:
                throw new BackendUnavailableException("inquiry answered with return code " + reply.getReturnCode());
        }
        ObjectNode node = json.createObjectNode();
        node.put("id", stripZeros(reply.getAccountId()));
        node.put("name", nullToEmpty(reply.getName()));
        node.put("address", nullToEmpty(reply.getAddress()));
        node.put("phone", nullToEmpty(reply.getPhone()));
        BigDecimal balance = reply.getBalance() == null ? BigDecimal.ZERO : reply.getBalance();
        // a string keeps the cents exact in every JSON client
        node.put("balance", balance.setScale(2).toPlainString());
        node.put("currency", nullToEmpty(reply.getCurrency()));
        node.put("status", "C".equals(reply.getStatus()) ? "CLOSED" : "ACTIVE");
        return node.toString();
    }

    /**
     * The reply's transaction records, one per line, for Bindy to read: the section after the fixed part holds
     * exactly {@code count} records of {@value #TRANSACTION_LENGTH} characters.
     */
    public String transactionLines(String commarea, AccountInquiryReply reply) {
        int count = reply.getTransactionCount() == null ? 0 : reply.getTransactionCount();
        if (count < 0 || count > MAX_TRANSACTIONS
                || commarea.length() != FIXED_LENGTH + count * TRANSACTION_LENGTH) {
            throw new BackendUnavailableException("the inquiry reply's length does not match its transaction count");
        }
        StringBuilder lines = new StringBuilder(count * (TRANSACTION_LENGTH + 1));
        for (int i = 0; i < count; i++) {
            int start = FIXED_LENGTH + i * TRANSACTION_LENGTH;
            lines.append(commarea, start, start + TRANSACTION_LENGTH).append('\n');
        }
        return lines.toString();
    }

    /** The transactions as the front-end pages through them (a JSON array, most recent first). */
    public String toTransactionsJson(List<?> records) {
        ArrayNode array = json.createArrayNode();
        if (records != null) {
            for (Object record : records) {
                AccountTransactionRecord t = (AccountTransactionRecord) record;
                ObjectNode node = array.addObject();
                node.put("id", String.valueOf(t.getTxnId()));
                node.put("postedAt", t.getPostedAt().atOffset(ZoneOffset.UTC).toInstant().toString());
                BigDecimal amount = t.getAmount() == null ? BigDecimal.ZERO : t.getAmount();
                node.put("amount", amount.setScale(2).toPlainString());
                // Bindy leaves the padding of a record's last field
                node.put("description", nullToEmpty(t.getDescription()).strip());
            }
        }
        return array.toString();
    }

    static String stripZeros(String id) {
        return id == null ? "" : id.strip().replaceFirst("^0+(?=.)", "");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
