package io.midtier.delivery;

import org.apache.camel.Body;
import org.apache.camel.Message;

/**
 * The delivery route's bean step that turns a parked update (read from the claim's or the settle's row) back into
 * its update message. A bean step on a typed body rather than Simple expressions: each of those copied the exchange,
 * and the copy of an exchange received from JMS re-reads its JMS message and headers (docs/BENCHMARKS.md, issue 16).
 */
public class DeliveryRows {

    /** The parked update's message, ready to be sent to the updates queue again. */
    public void resend(@Body ParkedUpdate parked, Message message) {
        parked.writeTo(message);
    }
}
