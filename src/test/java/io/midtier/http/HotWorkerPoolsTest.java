package io.midtier.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

// Vert.x finds midtier's worker pools as a service: blocking work one task at a time stays on one warm worker.
class HotWorkerPoolsTest {

    @Test
    void vertx_runs_blocking_work_one_task_after_another_on_the_same_worker() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            // the pool's twenty threads are started one per task until they all exist (a thread pool's core threads)
            for (int i = 0; i < 20; i++) {
                runAndAwaitIdle(vertx);
            }
            Set<String> threads = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                threads.add(runAndAwaitIdle(vertx).getName());
            }
            // Vert.x's own pool (first in, first out) runs these on its twenty workers in turn
            assertThat(threads).hasSize(1);
            assertThat(threads.iterator().next()).startsWith("vert.x-worker-thread-");
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    /** One blocking task; returns the worker that ran it once that worker waits for work again. */
    private static Thread runAndAwaitIdle(Vertx vertx) throws Exception {
        Thread worker = vertx.executeBlocking(Thread::currentThread)
                .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> waitsForWork(worker));
        return worker;
    }

    /** Parked on its work queue's condition (not on the queue's lock, which it also takes on its way there). */
    private static boolean waitsForWork(Thread worker) {
        if (worker.getState() != Thread.State.WAITING) {
            return false;
        }
        for (StackTraceElement frame : worker.getStackTrace()) {
            if (frame.getClassName().endsWith("ConditionObject") && frame.getMethodName().startsWith("await")) {
                return true;
            }
        }
        return false;
    }
}
