package io.midtier.simulator;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.function.Consumer;

/**
 * Puts the simulator's order answers on midtier's reply queue, as the back-end's MQ bridge would (its own
 * plain connection; not part of midtier's transactions).
 */
public final class ReplyQueueSender implements Consumer<String>, AutoCloseable {

    private final ConnectionFactory factory;
    private final String queue;
    private Connection connection;

    public ReplyQueueSender(ConnectionFactory factory, String queue) {
        this.factory = factory;
        this.queue = queue;
    }

    @Override
    public synchronized void accept(String record) {
        try {
            if (connection == null) {
                connection = factory.createConnection();
            }
            try (Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
                 MessageProducer producer = session.createProducer(session.createQueue(queue))) {
                producer.send(session.createTextMessage(record));
            }
        } catch (JMSException e) {
            close();
            throw new IllegalStateException("the reply queue is unavailable: " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (JMSException e) {
                // closing anyway
            }
            connection = null;
        }
    }
}
