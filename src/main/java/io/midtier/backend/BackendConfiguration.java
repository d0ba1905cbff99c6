package io.midtier.backend;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The back-end's record formats: {@code accountMapper} builds the account inquiry and maps its reply, for the read
 * path and for delivery (which asks the back-end what it holds after an uncertain attempt); the reply COMMAREAs'
 * data formats ({@link CommareaFormat}), for the routes' {@code unmarshal: custom: ...}.
 */
public class BackendConfiguration implements CamelConfiguration {

    @BindToRegistry("accountMapper")
    public AccountMapper accountMapper() {
        return new AccountMapper();
    }

    @BindToRegistry("accountUpdateReplyFormat")
    public CommareaFormat accountUpdateReplyFormat() {
        return new CommareaFormat(AccountUpdateReply.class);
    }

    @BindToRegistry("accountInquiryReplyFormat")
    public CommareaFormat accountInquiryReplyFormat() {
        return new CommareaFormat(AccountInquiryReply.class);
    }
}
