package io.midtier.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

// The worker pools' queue: the taker that began waiting last is served first, and no element is lost or taken twice.
class LastIdleFirstQueueTest {

    @Test
    void an_element_goes_to_the_taker_that_began_waiting_last() throws Exception {
        LastIdleFirstQueue<String> queue = new LastIdleFirstQueue<>();
        List<String> got = new ArrayList<>();
        List<Thread> takers = new ArrayList<>();
        for (String name : List.of("first", "second", "third")) {
            Thread taker = new Thread(() -> {
                try {
                    String element = queue.take();
                    synchronized (got) {
                        got.add(Thread.currentThread().getName() + ":" + element);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, name);
            int before = queue.waitingTakers();
            taker.start();
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.waitingTakers() == before + 1);
            takers.add(taker);
        }
        queue.offer("a");
        takers.get(2).join(5_000);
        queue.offer("b");
        takers.get(1).join(5_000);
        queue.offer("c");
        takers.get(0).join(5_000);
        assertThat(got).containsExactly("third:a", "second:b", "first:c");
    }

    @Test
    void elements_are_taken_first_in_first_out() throws Exception {
        LastIdleFirstQueue<Integer> queue = new LastIdleFirstQueue<>();
        queue.offer(1);
        queue.offer(2);
        queue.offer(3);
        assertThat(queue.take()).isEqualTo(1);
        assertThat(queue.poll(1, TimeUnit.MILLISECONDS)).isEqualTo(2);
        assertThat(queue.poll()).isEqualTo(3);
        assertThat(queue.poll(20, TimeUnit.MILLISECONDS)).isNull();
        assertThat(queue.waitingTakers()).isZero();
    }

    @Test
    void a_pool_on_it_runs_one_task_after_another_on_the_same_warm_worker() throws Exception {
        ExecutorService pool = new HotWorkerPools().createExecutor(Executors.defaultThreadFactory(), 8, 8);
        try {
            // all eight workers started and idle
            CountDownLatch allRunning = new CountDownLatch(8);
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 8; i++) {
                pool.execute(() -> {
                    allRunning.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            assertThat(allRunning.await(5, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            ThreadPoolExecutor executor = (ThreadPoolExecutor) pool;
            await().atMost(Duration.ofSeconds(5)).until(() -> executor.getActiveCount() == 0
                    && ((LastIdleFirstQueue<?>) executor.getQueue()).waitingTakers() == 8);
            // one task at a time, as requests on one connection: a pool on a first-in-first-out queue would run
            // them on the eight workers in turn
            Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 40; i++) {
                pool.submit(() -> threads.add(Thread.currentThread().getName())).get(5, TimeUnit.SECONDS);
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> ((LastIdleFirstQueue<?>) executor.getQueue()).waitingTakers() == 8);
            }
            assertThat(threads).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void under_contention_every_element_is_taken_exactly_once() throws Exception {
        LastIdleFirstQueue<Integer> queue = new LastIdleFirstQueue<>();
        int producers = 4;
        int perProducer = 20_000;
        ExecutorService threads = Executors.newFixedThreadPool(producers + 4);
        AtomicInteger taken = new AtomicInteger();
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        AtomicInteger duplicates = new AtomicInteger();
        try {
            List<Future<?>> consumers = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                consumers.add(threads.submit(() -> {
                    while (taken.get() < producers * perProducer) {
                        Integer element = queue.poll(5, TimeUnit.MILLISECONDS);
                        if (element != null) {
                            if (!seen.add(element)) {
                                duplicates.incrementAndGet();
                            }
                            taken.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (int p = 0; p < producers; p++) {
                int base = p * perProducer;
                threads.submit(() -> {
                    for (int i = 0; i < perProducer; i++) {
                        queue.offer(base + i);
                    }
                });
            }
            for (Future<?> consumer : consumers) {
                consumer.get(60, TimeUnit.SECONDS);
            }
            assertThat(seen).hasSize(producers * perProducer);
            assertThat(duplicates.get()).isZero();
            assertThat(queue).isEmpty();
        } finally {
            threads.shutdownNow();
        }
    }
}
