package io.midtier.orders;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;

/** Call-back orders' beans: {@code orderRequests} (submissions and list parameters), {@code orderMessages} (what goes to the
 * back-end), {@code orderRecords} (answers). */
public class OrdersConfiguration implements CamelConfiguration {

    @BindToRegistry("orderRequests")
    public OrderRequests orderRequests() {
        return new OrderRequests();
    }

    @BindToRegistry("orderMessages")
    public OrderMessages orderMessages() {
        return new OrderMessages();
    }

    @BindToRegistry("orderRecords")
    public OrderRecords orderRecords() {
        return new OrderRecords();
    }
}
