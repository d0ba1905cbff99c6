package io.midtier;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Infrastructure} starting on a thread of its own while camel-main loads the routes and initialises the
 * context on its main thread (the broker's start and the route loading are each about half a second of one core,
 * and the machine has a second one). Whoever first needs a resource {@link #await}s it: the beans are bound as
 * suppliers, and the context's start waits for it before any route starts.
 */
public final class InfrastructureStart implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InfrastructureStart.class);

    private final CompletableFuture<Infrastructure> started = new CompletableFuture<>();

    private InfrastructureStart() {
    }

    public static InfrastructureStart begin(MidtierSettings settings) {
        InfrastructureStart start = new InfrastructureStart();
        Thread thread = new Thread(() -> {
            try {
                start.started.complete(Infrastructure.start(settings));
            } catch (Throwable failure) {
                start.started.completeExceptionally(failure);
            }
        }, "midtier-start-infrastructure");
        thread.setDaemon(true);
        thread.start();
        return start;
    }

    /** The started infrastructure; blocks until it is. A failed start is rethrown as it was thrown. */
    public Infrastructure await() {
        if (!started.isDone()) {
            long t = System.nanoTime();
            join();
            LOG.info("waited {} ms for the infrastructure ({})", (System.nanoTime() - t) / 1_000_000,
                    Thread.currentThread().getName());
        }
        return join();
    }

    private Infrastructure join() {
        try {
            return started.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            } else if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the infrastructure did not start: " + cause.getMessage(), cause);
        }
    }

    /**
     * Runs {@code action} once the infrastructure has started: at once if it has, else on the starting thread as
     * soon as it has (what must be set up before the routes run, such as broker address settings).
     */
    public void onStarted(Consumer<Infrastructure> action) {
        started.thenAccept(action);
    }

    /** Stops what started (waiting for a start still under way); nothing if the start failed (it cleaned up). */
    @Override
    public void close() {
        try {
            started.join().close();
        } catch (CompletionException e) {
            // a failed start closed what it had started (Infrastructure.start)
        }
    }
}
