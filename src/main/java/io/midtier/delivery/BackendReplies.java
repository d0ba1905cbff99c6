package io.midtier.delivery;

import io.midtier.api.BackendUnavailableException;
import io.midtier.backend.AccountInquiryReply;
import io.midtier.backend.AccountUpdateReply;
import io.midtier.backend.ReturnCodes;
import java.util.List;
import org.apache.camel.Body;
import org.apache.camel.ExchangeProperty;

/**
 * What a back-end reply means for the delivery: applied; rejected for good (a business or request error that
 * no retry will change: the update fails at once); or a transient failure (thrown: the transaction rolls
 * back and the broker redelivers with backoff).
 */
public class BackendReplies {

    public static final String APPLIED = "APPLIED";
    public static final String REJECTED = "REJECTED";

    public String outcome(@Body Object unmarshalled) {
        AccountUpdateReply reply = single(unmarshalled, AccountUpdateReply.class);
        return switch (reply.getReturnCode()) {
            case ReturnCodes.OK -> APPLIED;
            case ReturnCodes.BUSINESS_REJECTION, ReturnCodes.INVALID_REQUEST, ReturnCodes.NOT_FOUND -> REJECTED;
            default -> throw new BackendUnavailableException("the back-end answered with return code "
                    + reply.getReturnCode() + ": " + reply.getMessage());
        };
    }

    /** The reason a rejected update failed, as support and the user see it. */
    public String rejection(@Body Object unmarshalled) {
        AccountUpdateReply reply = single(unmarshalled, AccountUpdateReply.class);
        return "rejected by the back-end with return code " + reply.getReturnCode() + ": " + reply.getMessage();
    }

    /**
     * Whether the account record says this update is the last one applied to it: then an earlier attempt
     * reached the back-end and only its commit was lost. Per-key order guarantees no later update of the
     * account was sent while this one was pending, so the token cannot have been overwritten.
     */
    public boolean appliedBefore(@Body Object unmarshalled, @ExchangeProperty("updateId") String updateId) {
        AccountInquiryReply reply = single(unmarshalled, AccountInquiryReply.class);
        if (!ReturnCodes.OK.equals(reply.getReturnCode())) {
            return false;
        }
        return updateId != null && updateId.equalsIgnoreCase(reply.getLastUpdateToken());
    }

    private static <T> T single(Object unmarshalled, Class<T> type) {
        Object record = unmarshalled instanceof List<?> list && !list.isEmpty() ? list.get(0) : unmarshalled;
        if (!type.isInstance(record)) {
            throw new BackendUnavailableException("the back-end answered with no " + type.getSimpleName());
        }
        return type.cast(record);
    }
}
