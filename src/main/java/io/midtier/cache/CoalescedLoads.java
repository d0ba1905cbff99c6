package io.midtier.cache;

import io.midtier.api.BackendUnavailableException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/**
 * Single flight for cache loads: the first request that misses a key runs the load route under the key's
 * database lock (see {@link KeyLocks}); requests for the same key arriving meanwhile wait for its outcome
 * instead of calling the back-end themselves, and get the same entry, or the same error.
 *
 * <p>The table holds a load only while it runs (no values are kept here: the SQL cache is the cache).
 */
public final class CoalescedLoads {

    /** Exchange property set on requests that were answered by another request's load. */
    public static final String COALESCED = "coalesced";
    static final String CACHE_RESULT = "cacheResult";

    private record Outcome(Map<?, ?> entry, Object cacheResult, boolean coalesced) {
    }

    private final ConcurrentHashMap<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();
    private final KeyLocks locks;
    private final ProducerTemplate template;
    private final String loadUri;
    private final long waitMs;

    public CoalescedLoads(KeyLocks locks, ProducerTemplate template, String loadUri, long waitMs) {
        this.locks = locks;
        this.template = template;
        this.loadUri = loadUri;
        this.waitMs = waitMs;
    }

    /** Loads the entry of the exchange's {@code type} and {@code id} properties, once per key at a time. */
    public void load(Exchange exchange) throws Exception {
        String key = exchange.getProperty("type", String.class) + ":" + exchange.getProperty("id", String.class);
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            apply(await(running), exchange, true);
            return;
        }
        try {
            Outcome outcome = locks.callLocked(key, () -> runLoad(exchange));
            mine.complete(outcome);
            apply(outcome, exchange, outcome.coalesced());
        } catch (Exception | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /** Keys being loaded right now (for tests and diagnostics). */
    public int inFlight() {
        return inFlight.size();
    }

    private Outcome runLoad(Exchange exchange) throws Exception {
        template.send(loadUri, exchange);
        Exception failure = exchange.getException();
        if (failure != null) {
            exchange.setException(null);
            throw failure;
        }
        Map<?, ?> entry = exchange.getMessage().getBody(Map.class);
        return new Outcome(entry == null ? Map.of() : Map.copyOf(withoutNulls(entry)),
                exchange.getProperty(CACHE_RESULT), Boolean.TRUE.equals(exchange.getProperty(COALESCED)));
    }

    private Outcome await(CompletableFuture<Outcome> running) throws Exception {
        try {
            return running.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } catch (TimeoutException e) {
            throw new BackendUnavailableException("waited " + waitMs + " ms for the entry being loaded");
        }
    }

    private static void apply(Outcome outcome, Exchange exchange, boolean coalesced) {
        exchange.getMessage().setBody(new HashMap<>(outcome.entry()));
        exchange.setProperty(CACHE_RESULT, outcome.cacheResult());
        exchange.setProperty(COALESCED, coalesced);
    }

    private static Map<Object, Object> withoutNulls(Map<?, ?> entry) {
        Map<Object, Object> copy = new HashMap<>();
        entry.forEach((k, v) -> {
            if (k != null && v != null) {
                copy.put(k, v);
            }
        });
        return copy;
    }
}
