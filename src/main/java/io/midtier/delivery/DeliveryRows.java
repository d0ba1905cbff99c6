package io.midtier.delivery;

import java.util.Map;
import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The delivery route's typed reading of its statements' rows, as bean steps. They replace Simple's
 * {@code ${body[column]}} and method expressions on the delivery path: each of those copied the exchange, and the
 * copy of an exchange received from JMS re-reads its JMS message and headers (docs/BENCHMARKS.md, issue 16).
 */
public class DeliveryRows {

    /** mark-update-applied.sql's row: the entry's next update if it was parked behind this one, else null. */
    public ParkedUpdate parked(@Body Map<String, Object> row) {
        return ParkedUpdate.of(row);
    }

    /** The parked update's message, ready to be sent to the updates queue again. */
    public void resend(@Body ParkedUpdate parked, Message message) {
        parked.writeTo(message);
    }
}
