package io.midtier.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Claims an update for a delivery attempt and counts the attempt where a rollback cannot erase it: the claim
 * (claim_delivery, V18) commits on its own before the back-end is called, and holds no lock across the call. A
 * failed attempt's error is recorded when its exchange fails (the listener then rolls the message back and the
 * broker redelivers it). A recorded earlier attempt is also what tells the next one that the back-end may already
 * have applied the update, whatever the broker's delivery count says after a crash.
 */
public class DeliveryAttempts {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryAttempts.class);
    private static final int MAX_ERROR_LENGTH = 1000;

    private static final String CLAIM = "select * from claim_delivery(?, ?, ?, ?)";
    private static final String FAILED = """
            with attempt as (
                update delivery_attempt set error = ? where update_id = ? and attempt = ?
            )
            update cache_update set last_error = ? where update_id = ? and status = 'PENDING'""";

    private final DataSource plainDataSource;
    private final long maxCallMs;

    /**
     * @param maxCallMs the longest the back-end may still carry out a call after it was sent
     *                  ({@code midtier.backend.max-call-ms})
     */
    public DeliveryAttempts(DataSource plainDataSource, long maxCallMs) {
        this.plainDataSource = plainDataSource;
        this.maxCallMs = maxCallMs;
    }

    /**
     * Claims the update of the exchange (properties {@code updateId}, {@code message}, {@code schemaVersion}) and
     * returns the delivery's step. Sets the properties {@code status}, {@code type}, {@code id}, {@code attempt} (the
     * attempt's number when the step is DELIVER) and {@code parkedNext} (SETTLED: the entry's next update whose
     * message is parked behind this applied one, else null). After an attempt that may still be running at the
     * back-end, it first waits until that one can no longer be running there ({@link #awaitEarlierAttempt}), and
     * counts the attempt after the wait: a process killed while it waits has not called the back-end, and must not
     * use up one of the update's attempts.
     */
    public DeliveryStep begin(Exchange exchange) throws SQLException, InterruptedException {
        UUID updateId = UUID.fromString(exchange.getProperty("updateId", String.class));
        String message = exchange.getProperty("message", String.class);
        Integer schemaVersion = exchange.getProperty("schemaVersion", Integer.class);
        DeliveryClaim claim = claim(updateId, message, schemaVersion, maxCallMs);
        if (claim.step() == DeliveryStep.WAIT) {
            awaitEarlierAttempt(updateId.toString(), claim.waitMs());
            // counted now whatever another delivery of the same update did meanwhile: the attempt after this one
            // asks the back-end before it sends
            claim = claim(updateId, message, schemaVersion, 0);
        }
        claim.setOn(exchange);
        if (claim.step() == DeliveryStep.DELIVER) {
            exchange.getExchangeExtension().addOnCompletion(new RecordFailure(updateId, claim.attempt()));
        }
        return claim.step();
    }

    /** Runs claim_delivery; an earlier attempt is waited for while it started less than callWindowMs ago. */
    private DeliveryClaim claim(UUID updateId, String message, Integer schemaVersion, long callWindowMs)
            throws SQLException {
        try (Connection connection = plainDataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(CLAIM)) {
            statement.setObject(1, updateId);
            statement.setString(2, message);
            statement.setObject(3, schemaVersion, Types.INTEGER);
            statement.setLong(4, callWindowMs);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return DeliveryClaim.of(ResultRows.current(rs));
            }
        }
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

    /** When the attempt's exchange fails (its message is then rolled back): records why. */
    private final class RecordFailure extends SynchronizationAdapter {
        private final UUID updateId;
        private final int attempt;

        RecordFailure(UUID updateId, int attempt) {
            this.updateId = updateId;
            this.attempt = attempt;
        }

        @Override
        public void onFailure(Exchange exchange) {
            Throwable thrown = exchange.getException() != null ? exchange.getException()
                    : exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
            recordFailure(updateId, attempt, describe(thrown));
        }
    }
}
