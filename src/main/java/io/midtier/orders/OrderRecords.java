package io.midtier.orders;

import java.util.Map;
import org.apache.camel.Exchange;

/**
 * The back-end's order records: the ORDSUB request (orderId 36, item 20, quantity 5), its immediate reply
 * (return code 2, message 40) and the later answer on the reply queue (orderId 36, status 10, sequence 3).
 */
public class OrderRecords {

    public String request(Map<String, Object> order) {
        return pad(String.valueOf(order.get("order_id")), 36) + pad(String.valueOf(order.get("item")), 20)
                + String.format("%05d", ((Number) order.get("quantity")).intValue());
    }

    public String returnCode(String reply) {
        return reply == null || reply.length() < 2 ? "" : reply.substring(0, 2);
    }

    public String replyMessage(String reply) {
        return reply == null || reply.length() < 2 ? "" : reply.substring(2).strip();
    }

    /** Sets orderId, answerStatus and answerSeq from an answer record; a malformed one fails. */
    public void readAnswer(Exchange exchange) {
        String answer = exchange.getMessage().getBody(String.class);
        if (answer == null || answer.length() != 49 || !answer.substring(46).matches("[0-9]{3}")) {
            throw new IllegalArgumentException("not an order answer record: " + answer);
        }
        exchange.setProperty("orderId", answer.substring(0, 36).strip());
        exchange.setProperty("answerStatus", answer.substring(36, 46).strip());
        exchange.setProperty("answerSeq", Integer.parseInt(answer.substring(46)));
    }

    private static String pad(String value, int width) {
        String text = value.length() > width ? value.substring(0, width) : value;
        return text + " ".repeat(width - text.length());
    }
}
