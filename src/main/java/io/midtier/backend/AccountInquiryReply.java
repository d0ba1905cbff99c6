package io.midtier.backend;

import java.math.BigDecimal;
import org.apache.camel.dataformat.bindy.annotation.DataField;
import org.apache.camel.dataformat.bindy.annotation.FixedLengthRecord;

/**
 * ACCTINQ reply COMMAREA: the account fields (213 characters) and the transaction count (216 in all); the
 * transaction records that follow are read as {@link AccountTransactionRecord}s.
 */
// Text fields are left-aligned and blank-padded by the back-end: align "L" makes Bindy trim the padding.
@FixedLengthRecord(length = 216, crlf = "", ignoreMissingChars = true, ignoreTrailingChars = true)
public class AccountInquiryReply {

    @DataField(pos = 1, length = 2)
    private String returnCode;
    @DataField(pos = 3, length = 10, trim = true)
    private String accountId;
    @DataField(pos = 13, length = 40, trim = true, align = "L")
    private String name;
    @DataField(pos = 53, length = 60, trim = true, align = "L")
    private String address;
    @DataField(pos = 113, length = 20, trim = true, align = "L")
    private String phone;
    /** Cents with a leading sign, e.g. {@code +00000000012345} = 123.45. */
    @DataField(pos = 133, length = 15, precision = 2, impliedDecimalSeparator = true, trim = true)
    private BigDecimal balance;
    @DataField(pos = 148, length = 3, trim = true, align = "L")
    private String currency;
    @DataField(pos = 151, length = 1)
    private String status;
    @DataField(pos = 152, length = 36, trim = true, align = "L")
    private String lastUpdateToken;
    @DataField(pos = 188, length = 26, trim = true, align = "L")
    private String lastUpdatedAt;
    @DataField(pos = 214, length = 3, trim = true, defaultValue = "0")
    private Integer transactionCount;

    public Integer getTransactionCount() {
        return transactionCount;
    }

    public void setTransactionCount(Integer transactionCount) {
        this.transactionCount = transactionCount;
    }

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

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public String getAddress() {
        return address;
    }

    public void setAddress(String address) {
        this.address = address;
    }

    public String getPhone() {
        return phone;
    }

    public void setPhone(String phone) {
        this.phone = phone;
    }

    public BigDecimal getBalance() {
        return balance;
    }

    public void setBalance(BigDecimal balance) {
        this.balance = balance;
    }

    public String getCurrency() {
        return currency;
    }

    public void setCurrency(String currency) {
        this.currency = currency;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public String getLastUpdateToken() {
        return lastUpdateToken;
    }

    public void setLastUpdateToken(String lastUpdateToken) {
        this.lastUpdateToken = lastUpdateToken;
    }

    public String getLastUpdatedAt() {
        return lastUpdatedAt;
    }

    public void setLastUpdatedAt(String lastUpdatedAt) {
        this.lastUpdatedAt = lastUpdatedAt;
    }
}
