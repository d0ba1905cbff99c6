package io.midtier.delivery;

import io.midtier.db.BrokenConnections;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.Route;
import org.apache.camel.support.RoutePolicySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Route policy of the consumers that need the database for every message (delivery, dead letters, the change
 * publisher's timer): when one of them fails because PostgreSQL cannot be reached, all of them stop taking messages
 * until a query answers again.
 *
 * <p>Why: each failed delivery rolls back and uses one of the broker's delivery attempts, which are meant for
 * back-end failures. A database outage longer than the redelivery window (1+2+4+8+16 s by default) would
 * otherwise dead-letter every waiting update, turning accepted writes FAILED although the back-end was never asked.
 * Paused, the messages stay on the queue with their attempts, and delivery resumes by itself.
 */
public final class DatabaseOutageGate extends RoutePolicySupport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DatabaseOutageGate.class);

    private final DataSource database;
    private final long checkEveryMs;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final AtomicBoolean paused = new AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "midtier-database-gate");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long pausedAt;

    public DatabaseOutageGate(DataSource database, long checkEveryMs) {
        this.database = database;
        this.checkEveryMs = checkEveryMs;
    }

    @Override
    public void onInit(Route route) {
        routes.put(route.getRouteId(), route);
    }

    @Override
    public void onExchangeDone(Route route, Exchange exchange) {
        Exception failure = exchange.getException();
        if (failure == null) {
            failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        }
        if (failure != null && BrokenConnections.databaseUnavailable(failure) && paused.compareAndSet(false, true)) {
            pausedAt = System.nanoTime();
            LOG.warn("PostgreSQL cannot be reached ({}): routes {} stop taking messages until it answers again",
                    failure.getMessage(), routes.keySet());
            // not on the consumer's own thread: stopping a listener waits for its running deliveries
            scheduler.execute(this::pause);
            scheduler.schedule(this::checkDatabase, checkEveryMs, TimeUnit.MILLISECONDS);
        }
    }

    public boolean isPaused() {
        return paused.get();
    }

    private void pause() {
        routes.values().forEach(route -> {
            try {
                suspendOrStopConsumer(route.getConsumer());
            } catch (Exception e) {
                LOG.warn("could not pause route {}: {}", route.getRouteId(), e.toString());
            }
        });
    }

    private void checkDatabase() {
        if (!answers()) {
            scheduler.schedule(this::checkDatabase, checkEveryMs, TimeUnit.MILLISECONDS);
            return;
        }
        routes.values().forEach(route -> {
            try {
                resumeOrStartConsumer(route.getConsumer());
            } catch (Exception e) {
                LOG.warn("could not resume route {}: {}", route.getRouteId(), e.toString());
            }
        });
        paused.set(false);
        LOG.info("PostgreSQL answers again: routes {} take messages again after {} ms", routes.keySet(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pausedAt));
    }

    private boolean answers() {
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(2);
            statement.execute("select 1");
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * Ends the gate's thread when midtier stops. Not on stopping a route: the routes sharing the gate stop and start
     * on their own (a route file reloaded), and the gate must keep working for the others.
     */
    public void close() {
        scheduler.shutdownNow();
    }
}
