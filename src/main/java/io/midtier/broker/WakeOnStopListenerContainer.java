package io.midtier.broker;

import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.camel.component.jms.DefaultJmsMessageListenerContainer;
import org.apache.camel.component.jms.JmsEndpoint;
import org.springframework.jms.support.JmsUtils;

/**
 * camel-jms' listener container whose receive ends as soon as its route stops, so that an idle XA consumer can wait
 * long in one receive. Each idle receive of an XA consumer is a cycle: a JTA transaction begun, a pooled session
 * enlisted, a consumer created, nothing received, the consumer closed, a two-phase commit with the broker. The longer
 * the receive, the rarer the cycle; but Spring's container only notices a stop when the receive returns, and on
 * shutdown waits out a whole receive before it interrupts the thread. This container closes the consumers that are
 * waiting in a receive when it stops (a suspended route) or shuts down (a stopped route or context): Artemis' client
 * wakes a receive whose consumer is closed, which then returns nothing.
 * <p>
 * Only for consumers created per receive ({@code CACHE_NONE}, the XA component's): the next receive, after a
 * restart, creates a new consumer. A container that kept its consumer would find it closed.
 */
public class WakeOnStopListenerContainer extends DefaultJmsMessageListenerContainer {

    private final Set<MessageConsumer> receiving = ConcurrentHashMap.newKeySet();

    public WakeOnStopListenerContainer(JmsEndpoint endpoint) {
        super(endpoint);
    }

    @Override
    protected Message receiveMessage(MessageConsumer consumer) throws JMSException {
        receiving.add(consumer);
        try {
            // A stop that came while this consumer was being created found nothing to wake: it has set "running"
            // before it looked at the receivers, and this receive looks at "running" after it registered.
            if (!isRunning()) {
                return null;
            }
            return super.receiveMessage(consumer);
        } finally {
            receiving.remove(consumer);
        }
    }

    @Override
    protected void doStop() throws JMSException {
        super.doStop();
        wakeReceivers();
    }

    @Override
    protected void doShutdown() throws JMSException {
        wakeReceivers();
        super.doShutdown();
    }

    /**
     * Ends every receive in progress. A message the receive had already taken is then refused by the stopping
     * container and rolled back with its transaction, as Spring's container does with one received while it stops.
     */
    private void wakeReceivers() {
        for (MessageConsumer consumer : receiving) {
            JmsUtils.closeMessageConsumer(consumer);
        }
    }
}
