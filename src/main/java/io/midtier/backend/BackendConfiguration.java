package io.midtier.backend;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/**
 * The back-end's record formats: {@code accountMapper} builds the account inquiry and maps its reply, for the read
 * path and for delivery (which asks the back-end what it holds after an uncertain attempt).
 */
public class BackendConfiguration implements CamelConfiguration {

    @BindToRegistry("accountMapper")
    public AccountMapper accountMapper() {
        return new AccountMapper();
    }
}
