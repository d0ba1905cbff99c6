package io.midtier.backend;

import org.apache.camel.dataformat.bindy.annotation.DataField;
import org.apache.camel.dataformat.bindy.annotation.FixedLengthRecord;

/** ACCTUPD reply COMMAREA (72 characters). */
@FixedLengthRecord(length = 72, crlf = "", ignoreMissingChars = true)
public class AccountUpdateReply {

    @DataField(pos = 1, length = 2)
    private String returnCode;
    @DataField(pos = 3, length = 10, trim = true)
    private String accountId;
    @DataField(pos = 13, length = 60, trim = true)
    private String message;

    public String getReturnCode() {
        return returnCode;
    }

    public void setReturnCode(String returnCode) {
        this.returnCode = returnCode;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }

    public String getMessage() {
        return message;
    }

    public void setMessage(String message) {
        this.message = message;
    }
}
