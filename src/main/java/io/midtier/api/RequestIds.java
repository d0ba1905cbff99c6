package io.midtier.api;

import java.util.UUID;
import java.util.regex.Pattern;

/** Ids taken from request paths, checked before they reach SQL or the back-end. */
public class RequestIds {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{1,10}");
    private static final Pattern UPDATE_ID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** An account id as the back-end accepts it (1 to 10 digits), without leading zeros. */
    public String accountId(String id) {
        if (id == null || !ACCOUNT_ID.matcher(id).matches()) {
            throw ApiException.badRequest("INVALID_ID", "account id must be 1 to 10 digits");
        }
        // one canonical key per account, whatever zero padding the client used
        return id.replaceFirst("^0+(?=.)", "");
    }

    public String updateId(String id) {
        if (id == null || !UPDATE_ID.matcher(id).matches()) {
            throw ApiException.badRequest("INVALID_ID", "update id must be a UUID");
        }
        return UUID.fromString(id).toString();
    }
}
