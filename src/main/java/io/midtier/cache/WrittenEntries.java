package io.midtier.cache;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The write path's one call into the read path, after its transaction committed and before its 202 leaves: the
 * entry of the exchange's {@code type} and {@code id} leaves this instance's near cache (read-your-writes here), and
 * the instances in notify mode are told through PostgreSQL ({@link NearCacheListener#CHANNEL}).
 *
 * <p>The write is committed and queued by then, so a notification that cannot be sent (the database is away) never
 * turns the answer into an error: a caller told "failed" would write again, and an error answer must have changed
 * nothing. The key is kept and sent again every {@code retryMs} (the listener's heartbeat) until it goes through; until then other instances in
 * notify mode may serve the entry's earlier copy (their own lost connection, the usual companion, clears them).
 */
public final class WrittenEntries implements Processor, AutoCloseable {

    /** Tells the other instances that an entry changed. */
    @FunctionalInterface
    public interface Notice {
        void send(String key) throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(WrittenEntries.class);

    private final NearCache near;
    private final Notice notice;
    private final long retryMs;
    private final Set<String> unsent = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean retrying = new AtomicBoolean();
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "near-cache-notice-retry");
        thread.setDaemon(true);
        return thread;
    });

    public WrittenEntries(NearCache near, Notice notice, long retryMs) {
        this.near = near;
        this.notice = notice;
        this.retryMs = retryMs;
    }

    /** The notice as PostgreSQL sends it: {@code pg_notify} on a connection of the pool, outside any transaction. */
    public static Notice throughPostgres(DataSource dataSource) {
        return key -> {
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, NearCacheListener.CHANNEL);
                notify.setString(2, key);
                notify.execute();
            }
        };
    }

    @Override
    public void process(Exchange exchange) {
        written(NearCache.key(exchange.getProperty("type", String.class), exchange.getProperty("id", String.class)));
    }

    /** The entry of {@code key} changed: dropped here, the others told now or, failing that, later. */
    public void written(String key) {
        near.invalidate(key);
        try {
            notice.send(key);
        } catch (SQLException | RuntimeException e) {
            if (unsent.isEmpty()) {
                LOG.warn("the near caches of other instances could not be told of a write ({}); sending again every {} ms",
                        e.toString(), retryMs);
            }
            unsent.add(key);
            scheduleRetry();
        }
    }

    /** Keys not yet sent (for tests and diagnostics). */
    public int unsent() {
        return unsent.size();
    }

    private void scheduleRetry() {
        if (retrying.compareAndSet(false, true)) {
            retries.schedule(this::retry, retryMs, TimeUnit.MILLISECONDS);
        }
    }

    private void retry() {
        for (String key : unsent) {
            try {
                notice.send(key);
                unsent.remove(key);
            } catch (SQLException | RuntimeException e) {
                retries.schedule(this::retry, retryMs, TimeUnit.MILLISECONDS);
                return;
            }
        }
        retrying.set(false);
        // a key added while this round ended would otherwise wait for the next failure
        if (!unsent.isEmpty()) {
            scheduleRetry();
        } else {
            LOG.info("the other instances' near caches have been told of every write");
        }
    }

    @Override
    public void close() {
        retries.shutdownNow();
    }
}
