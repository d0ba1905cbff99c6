package io.midtier.broker;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import java.util.function.Supplier;

/**
 * A connection factory that stands for one still being started: the JMS component holds this one while the routes
 * are built, and the first connection asked of it (a consumer or producer starting) waits for the real pool.
 */
public final class AwaitedConnectionFactory implements ConnectionFactory {

    private final Supplier<? extends ConnectionFactory> target;

    public AwaitedConnectionFactory(Supplier<? extends ConnectionFactory> target) {
        this.target = target;
    }

    @Override
    public Connection createConnection() throws JMSException {
        return target.get().createConnection();
    }

    @Override
    public Connection createConnection(String userName, String password) throws JMSException {
        return target.get().createConnection(userName, password);
    }

    @Override
    public JMSContext createContext() {
        return target.get().createContext();
    }

    @Override
    public JMSContext createContext(String userName, String password) {
        return target.get().createContext(userName, password);
    }

    @Override
    public JMSContext createContext(String userName, String password, int sessionMode) {
        return target.get().createContext(userName, password, sessionMode);
    }

    @Override
    public JMSContext createContext(int sessionMode) {
        return target.get().createContext(sessionMode);
    }
}
