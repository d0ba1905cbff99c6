package io.midtier.delivery;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts delivery attempts where a rollback cannot erase them. The delivery transaction rolls back on every
 * transient failure, and with it any SQL written inside it; so an attempt is recorded through a plain
 * auto-commit connection before the back-end is called, and its error after the rollback (a JTA
 * synchronization). A recorded earlier attempt is also what tells the next one that the back-end may already
 * have applied the update, whatever the broker's delivery count says after a crash.
 */
public class DeliveryAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAttempts.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    /**
     * While an earlier attempt of the pending update may still be running at the back-end (its start plus the longest
     * call the back-end carries out is still ahead), says how long (wait_ms) and counts nothing; otherwise counts the
     * attempt (attempt: its number; null when the update is no longer PENDING). Waiting uncounted matters: a process
     * killed while it waits has not called the back-end, and must not use up one of the update's attempts.
     */
    private static final String BEGIN = """
            with pending as (
                select update_id from cache_update where update_id = ? and status = 'PENDING'
            ), earlier as (
                select coalesce(greatest(0, ceil(extract(epoch from max(a.started_at) + ? * interval '1 millisecond'
                                                                    - clock_timestamp()) * 1000)), 0) as wait_ms
                  from pending p join delivery_attempt a on a.update_id = p.update_id
                 where attempt_may_have_reached(a.error)
            ), counted as (
                update cache_update u set attempts = u.attempts + 1, last_attempt_at = now()
                  from pending p
                 where u.update_id = p.update_id and u.status = 'PENDING' and (select wait_ms from earlier) = 0
                returning u.update_id, u.attempts
            ), recorded as (
                insert into delivery_attempt (update_id, attempt) select update_id, attempts from counted
                returning attempt
            )
            select (select wait_ms from earlier) as wait_ms, (select attempt from recorded) as attempt""";
    private static final String FAILED = """
            with attempt as (
                update delivery_attempt set error = ? where update_id = ? and attempt = ?
            )
            update cache_update set last_error = ? where update_id = ?""";

    private final DataSource plainDataSource;
    private final Supplier<TransactionSynchronizationRegistry> transactions;
    private final long maxCallMs;

    /**
     * @param maxCallMs the longest the back-end may still carry out a call after it was sent
     *                  ({@code midtier.backend.max-call-ms})
     */
    public DeliveryAttempts(DataSource plainDataSource, Supplier<TransactionSynchronizationRegistry> transactions,
                            long maxCallMs) {
        this.plainDataSource = plainDataSource;
        this.transactions = transactions;
        this.maxCallMs = maxCallMs;
    }

    /**
     * Records the start of an attempt and returns its number (1 for the first), or 0 when the update is no
     * longer PENDING. When the delivery transaction does not commit, the exchange's failure is recorded.
     * After an attempt that may have reached the back-end, it first waits until that one can no longer be running
     * there ({@link #awaitEarlierAttempt}), and counts the attempt after the wait.
     */
    public int begin(Exchange exchange) throws SQLException, InterruptedException {
        UUID updateId = UUID.fromString(exchange.getProperty("updateId", String.class));
        Begun begun = count(updateId, maxCallMs);
        if (begun.waitMs() > 0) {
            awaitEarlierAttempt(updateId.toString(), begun.waitMs());
            // counted now whatever another delivery of the same update started meanwhile: lock-update.sql
            // serialises the two, and the later one asks the back-end first
            begun = count(updateId, 0);
        }
        int attempt = begun.attempt();
        if (attempt > 0) {
            RecordFailure record = new RecordFailure(exchange, updateId, attempt);
            TransactionSynchronizationRegistry transactions = this.transactions.get();
            transactions.putResource(RecordFailure.class, record);
            transactions.registerInterposedSynchronization(record);
        }
        return attempt;
    }

    /** Runs {@link #BEGIN}; an earlier attempt is waited for while it started less than callWindowMs ago. */
    private Begun count(UUID updateId, long callWindowMs) throws SQLException {
        try (Connection connection = plainDataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(BEGIN)) {
            statement.setObject(1, updateId);
            statement.setLong(2, callWindowMs);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return new Begun(rs.getInt("attempt"), rs.getLong("wait_ms"));
            }
        }
    }

    /** What {@link #BEGIN} found: the attempt's number (0: not counted) and how long to wait first. */
    private record Begun(int attempt, long waitMs) {
    }

    /**
     * Waits while an earlier attempt of the update may still be running at the back-end (it timed out here, or its
     * process died, but the back-end carries out a call its caller gave up on): asked before that, the back-end
     * could say it does not hold the update and apply it a moment later, and sending it again would apply it twice.
     * Bounded by {@code midtier.backend.max-call-ms}; not a poll, nothing else can end the wait sooner.
     */
    public void awaitEarlierAttempt(String updateId, long waitMs) throws InterruptedException {
        if (waitMs <= 0) {
            return;
        }
        long bounded = Math.min(waitMs, maxCallMs);
        LOG.info("update {}: an earlier attempt may still be running at the back-end; waiting {} ms before asking"
                + " whether it arrived", updateId, bounded);
        Thread.sleep(bounded);
    }

    /** Notes why the attempt failed, for the record written once its transaction has rolled back. */
    public void failed(Exchange exchange) {
        Throwable failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // the route may work on a copy of the exchange: the attempt is found through its transaction
        if (this.transactions.get().getResource(RecordFailure.class) instanceof RecordFailure record) {
            record.failure = describe(failure != null ? failure : exchange.getException());
        }
    }

    private void recordFailure(UUID updateId, int attempt, String error) {
        try (Connection connection = plainDataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(FAILED)) {
            statement.setString(1, error);
            statement.setObject(2, updateId);
            statement.setInt(3, attempt);
            statement.setString(4, error);
            statement.setObject(5, updateId);
            statement.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("could not record the failure of attempt {} of update {}: {}", attempt, updateId, e.toString());
        }
    }

    static String describe(Throwable failure) {
        if (failure == null) {
            return "rolled back";
        }
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null && text.length() < MAX_ERROR_LENGTH; t = t.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) {
                text.append(": ").append(t.getMessage().strip());
            }
            if (t instanceof HttpOperationFailedException http && http.getResponseBody() != null) {
                text.append(" [").append(http.getResponseBody().strip()).append(']');
            }
        }
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text.toString();
    }

    /** After the delivery transaction: a rollback records why (the attempt itself is already counted). */
    private final class RecordFailure implements Synchronization {
        private final Exchange exchange;
        private final UUID updateId;
        private final int attempt;
        private volatile String failure;

        RecordFailure(Exchange exchange, UUID updateId, int attempt) {
            this.exchange = exchange;
            this.updateId = updateId;
            this.attempt = attempt;
        }

        @Override
        public void beforeCompletion() {
        }

        @Override
        public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
                return;
            }
            String failure = this.failure;
            if (failure == null) {
                Throwable thrown = exchange.getException() != null ? exchange.getException()
                        : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
                failure = describe(thrown);
            }
            recordFailure(updateId, attempt, failure);
        }
    }
}
