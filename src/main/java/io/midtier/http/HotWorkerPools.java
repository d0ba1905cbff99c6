package io.midtier.http;

import io.vertx.core.spi.ExecutorServiceFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Vert.x's worker pools (where camel-platform-http runs every route) with the next task handed to the worker that went
 * idle last ({@link LastIdleFirstQueue}), not to the one idle longest: at low load one warm worker and its pooled
 * database connection serve request after request instead of all twenty in turn. Same sizes as Vert.x's own
 * factory: a fixed pool of {@code maxConcurrency} threads, tasks beyond it queued in order. Vert.x finds it as a
 * service ({@code META-INF/services/io.vertx.core.spi.VertxServiceProvider}) when it builds its instance.
 */
public final class HotWorkerPools implements ExecutorServiceFactory {

    @Override
    public ExecutorService createExecutor(ThreadFactory threadFactory, Integer concurrency, Integer maxConcurrency) {
        int threads = maxConcurrency != null ? maxConcurrency : concurrency;
        return new ThreadPoolExecutor(threads, threads, 0L, TimeUnit.MILLISECONDS, new LastIdleFirstQueue<>(),
                threadFactory);
    }
}
