package io.midtier.backend;

import org.apache.camel.dataformat.bindy.annotation.DataField;
import org.apache.camel.dataformat.bindy.annotation.FixedLengthRecord;

/** ACCTINQ request COMMAREA: the account number, right-aligned with leading zeros. */
@FixedLengthRecord(length = 10, crlf = "")
public class AccountInquiryRequest {

    @DataField(pos = 1, length = 10, align = "R", paddingChar = '0')
    private String accountId;

    public AccountInquiryRequest() {
    }

    public AccountInquiryRequest(String accountId) {
        this.accountId = accountId;
    }

    public String getAccountId() {
        return accountId;
    }

    public void setAccountId(String accountId) {
        this.accountId = accountId;
    }
}
