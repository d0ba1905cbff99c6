package io.midtier.backend;

import org.apache.camel.dataformat.bindy.annotation.DataField;
import org.apache.camel.dataformat.bindy.annotation.FixedLengthRecord;

/** ACCTUPD request COMMAREA (166 characters); the token is midtier's update id. */
@FixedLengthRecord(length = 166, crlf = "")
public class AccountUpdateRequest {

    @DataField(pos = 1, length = 36)
    private String updateToken;
    @DataField(pos = 37, length = 10, align = "R", paddingChar = '0')
    private String accountId;
    @DataField(pos = 47, length = 40)
    private String name;
    @DataField(pos = 87, length = 60)
    private String address;
    @DataField(pos = 147, length = 20)
    private String phone;

    public String getUpdateToken() {
        return updateToken;
    }

    public void setUpdateToken(String updateToken) {
        this.updateToken = updateToken;
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
}
