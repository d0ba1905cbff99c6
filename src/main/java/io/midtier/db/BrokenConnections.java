package io.midtier.db;

import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ConnectionValidator;
import io.agroal.api.configuration.AgroalConnectionPoolConfiguration.ExceptionSorter;
import io.agroal.api.configuration.supplier.AgroalConnectionPoolConfigurationSupplier;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;

/**
 * How every Agroal pool of midtier gets rid of connections a PostgreSQL restart (or a network cut) has broken,
 * so that the first request after the database is back does not get one. A restart ends each server process with
 * FATAL 57P01 (admin shutdown) and a new connection meanwhile gets 57P03 (cannot connect now); a connection that
 * saw such an error, or a connection error (class 08), is discarded instead of going back to the pool. A
 * connection idle for more than {@link #IDLE_VALIDATION} is checked before it is handed out: the server may have
 * gone away while it waited, and nothing would tell until a statement failed on it.
 */
public final class BrokenConnections implements ExceptionSorter {

    /** Validation costs one round trip; connections busier than this are not checked. */
    public static final Duration IDLE_VALIDATION = Duration.ofMillis(500);
    /** admin_shutdown, crash_shutdown, cannot_connect_now */
    static final Set<String> SHUTDOWN_STATES = Set.of("57P01", "57P02", "57P03");
    /** "This connection has been closed": pgjdbc's answer on a connection it already knows is broken. */
    static final String CONNECTION_DOES_NOT_EXIST = "08003";

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    /** Applies the exception sorter and the idle validation to a pool's configuration. */
    public static AgroalConnectionPoolConfigurationSupplier discardBroken(AgroalConnectionPoolConfigurationSupplier pool) {
        return pool
                .exceptionSorter(new BrokenConnections())
                .connectionValidator(ConnectionValidator.defaultValidatorWithTimeout(VALIDATION_TIMEOUT_SECONDS))
                .idleValidationTimeout(IDLE_VALIDATION);
    }

    @Override
    public boolean isFatal(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && fatalState(sql.getSQLState())) {
                return true;
            }
            if (t instanceof SQLException sql) {
                for (SQLException next = sql.getNextException(); next != null; next = next.getNextException()) {
                    if (fatalState(next.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * Whether a failure means the database cannot be reached now (rather than that a statement failed): a fatal
     * SQL state anywhere in the causes, or a pool that could not get any connection in time.
     */
    public static boolean databaseUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && (fatalState(sql.getSQLState()) || acquisitionTimeout(sql))) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    private static boolean acquisitionTimeout(SQLException e) {
        return e.getSQLState() == null && e.getMessage() != null
                && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("acquisition timeout");
    }

    static boolean fatalState(String state) {
        return state != null && (state.startsWith("08") || SHUTDOWN_STATES.contains(state));
    }
}
