package io.midtier.backend;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.midtier.api.ApiException;
import io.midtier.api.BackendUnavailableException;
import java.math.BigDecimal;
import java.util.List;

/** Maps the back-end's account record to the JSON the front-end shows. */
public class AccountMapper {

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

    /** The front-end JSON of a found account; 404 for "not found", 503 for any other return code. */
    public String toAccountJson(AccountInquiryReply reply) {
        switch (reply.getReturnCode()) {
            case ReturnCodes.OK:
                break;
            case ReturnCodes.NOT_FOUND:
                throw ApiException.notFound("account not found");
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

    static String stripZeros(String id) {
        return id == null ? "" : id.strip().replaceFirst("^0+(?=.)", "");
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
