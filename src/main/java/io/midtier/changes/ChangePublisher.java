package io.midtier.changes;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.List;
import java.util.Map;
import org.apache.camel.Body;

/**
 * Sends a numbered batch of changes to the changes topic through ONE session, so subscribers get them in
 * sequence order. (A camel-jms producer takes a pooled session per message; in an XA transaction each of those
 * sessions commits on its own, and the topic then saw neighbours swapped.) Called inside the publisher's
 * transaction: the XA pool enlists the session in it.
 */
public class ChangePublisher {

    private final ConnectionFactory connectionFactory;
    private final String topic;
    private final ChangeMessages messages;

    public ChangePublisher(ConnectionFactory connectionFactory, String topic, ChangeMessages messages) {
        this.connectionFactory = connectionFactory;
        this.topic = topic;
        this.messages = messages;
    }

    public void publish(@Body List<Map<String, Object>> changes) throws JMSException {
        if (changes == null || changes.isEmpty()) {
            return;
        }
        try (Connection connection = connectionFactory.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createTopic(topic))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Map<String, Object> change : changes) {
                TextMessage message = session.createTextMessage(messages.toMessage(change));
                message.setIntProperty("midtierSchemaVersion", ChangeMessages.SCHEMA_VERSION);
                message.setLongProperty("midtierSeq", ((Number) change.get("seq")).longValue());
                message.setLongProperty("midtierVersion", ((Number) change.get("version")).longValue());
                producer.send(message);
            }
        }
    }
}
