package io.midtier.simulator;

import static io.midtier.simulator.FixedWidth.alpha;
import static io.midtier.simulator.FixedWidth.field;
import static io.midtier.simulator.FixedWidth.numeric;

/**
 * Record layouts of the ORDSUB transaction (order submission, answered later on a reply queue).
 *
 * <pre>
 * request  (61): pos 1 len 36 orderId | 37 len 20 item | 57 len 5 quantity (zero-padded)
 * reply    (42): pos 1 len 2 returnCode | 3 len 40 message
 * answer   (49, on the reply queue): pos 1 len 36 orderId | 37 len 10 status | 47 len 3 answer sequence
 * </pre>
 */
public final class OrdSub {

    public static final String TRANSACTION = "ORDSUB";

    public record Request(String orderId, String item, int quantity) {
    }

    private OrdSub() {
    }

    static Request parseRequest(String commarea) {
        if (commarea.length() != 61) {
            throw new IllegalArgumentException("ORDSUB REQUEST MUST BE 61 BYTES");
        }
        String quantity = field(commarea, 57, 5);
        if (!quantity.matches("[0-9]{5}")) {
            throw new IllegalArgumentException("INVALID QUANTITY");
        }
        return new Request(field(commarea, 1, 36), field(commarea, 37, 20), Integer.parseInt(quantity));
    }

    static String reply(String returnCode, String message) {
        return alpha(returnCode, 2) + alpha(message, 40);
    }

    /** An answer record as the back-end puts it on the reply queue. */
    public static String answer(String orderId, String status, int sequence) {
        return alpha(orderId, 36) + alpha(status, 10) + numeric(sequence, 3);
    }
}
