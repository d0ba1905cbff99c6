package io.midtier.reliability;

/** An Artemis broker in a process of its own, which midtier reaches by URL ({@code midtier.broker.url}). */
public interface BrokerHost extends AutoCloseable {

    /** The acceptor URL for {@code midtier.broker.url}, e.g. {@code tcp://127.0.0.1:61716}. */
    String url();

    /** The user and password midtier connects with ({@code midtier.broker.user}/{@code .password}). */
    String user();

    String password();

    /** Starts the broker process (on the same journal as before) and waits until it accepts connections. */
    void start() throws Exception;

    /** {@code kill -9} of the broker process; the journal stays. */
    void kill() throws Exception;

    /** Messages waiting on a queue (0 if the queue does not exist). */
    long messageCount(String queue) throws Exception;

    /** A queue's counts, consumers and message groups, as text for a failure's message. */
    String describeQueue(String queue) throws Exception;

    /** The broker's prepared XA transactions, as text for a failure's message. */
    String preparedTransactions() throws Exception;

    /** Stops the broker if it runs. */
    @Override
    void close();
}
