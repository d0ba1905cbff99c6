package io.midtier.simulator;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The back-end's order processing: a submitted order is answered later, on a reply queue, with an ACCEPTED
 * (answer 1) and then a SHIPPED (answer 2) record. {@link Mode#REVERSED} sends them the other way round,
 * {@link Mode#SILENT} never answers: what tests of the correlation need.
 */
public final class OrderDesk implements AutoCloseable {

    public enum Mode { NORMAL, REVERSED, SILENT }

    private static final Logger LOG = LoggerFactory.getLogger(OrderDesk.class);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "simulator-order-desk");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong answersSent = new AtomicLong();
    private volatile Consumer<String> replyQueue;
    private volatile Mode mode = Mode.NORMAL;
    private volatile long answerDelayMs = 100;

    /** Where answers go (e.g. a JMS queue); without one they are logged and dropped. */
    public void connect(Consumer<String> replyQueue) {
        this.replyQueue = replyQueue;
    }

    public OrderDesk setMode(Mode mode) {
        this.mode = mode;
        return this;
    }

    public OrderDesk setAnswerDelayMs(long answerDelayMs) {
        this.answerDelayMs = answerDelayMs;
        return this;
    }

    public long answersSent() {
        return answersSent.get();
    }

    void accepted(OrdSub.Request order) {
        switch (mode) {
            case NORMAL -> {
                answer(order.orderId(), "ACCEPTED", 1, answerDelayMs);
                answer(order.orderId(), "SHIPPED", 2, 2 * answerDelayMs);
            }
            case REVERSED -> {
                answer(order.orderId(), "SHIPPED", 2, answerDelayMs);
                answer(order.orderId(), "ACCEPTED", 1, 2 * answerDelayMs);
            }
            case SILENT -> LOG.info("order {} will not be answered (silent mode)", order.orderId());
        }
    }

    private void answer(String orderId, String status, int sequence, long delayMs) {
        timer.schedule(() -> {
            Consumer<String> queue = replyQueue;
            if (queue == null) {
                LOG.warn("no reply queue connected: answer {} {} for order {} dropped", sequence, status, orderId);
                return;
            }
            try {
                queue.accept(OrdSub.answer(orderId, status, sequence));
                answersSent.incrementAndGet();
            } catch (RuntimeException e) {
                LOG.warn("answer {} {} for order {} could not be sent: {}", sequence, status, orderId, e.toString());
            }
        }, delayMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
