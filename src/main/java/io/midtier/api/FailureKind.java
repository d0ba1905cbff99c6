package io.midtier.api;

import io.midtier.db.BrokenConnections;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.camel.http.base.HttpOperationFailedException;

/**
 * What an unanswered failure of a request was: a dependency midtier could not reach (503, the client may retry
 * later: nothing is wrong with the request or with midtier) or anything else (500: a bug, or a state nobody
 * planned for, which someone must look at). A SQL error is an outage only when it says the connection failed or
 * the server is going away; a syntax, data or constraint error is a bug and must not hide among the outages.
 */
public enum FailureKind {

    DATABASE_UNAVAILABLE(503, "database"),
    BROKER_UNAVAILABLE(503, "broker"),
    BACKEND_UNAVAILABLE(503, "backend"),
    /** The transaction manager could not complete the transaction and no cause names a resource. */
    TRANSACTIONS_UNAVAILABLE(503, "transactions"),
    INTERNAL(500, null);

    /**
     * SQL states that mean the database cannot serve now rather than that the statement is wrong, besides
     * {@link BrokenConnections}' connection states (class 08, 57P01-57P03): insufficient resources (class 53: too
     * many connections, disk full, out of memory), a statement cancelled by its timeout (57014), a system or I/O
     * error of the server (class 58).
     */
    private static final Set<String> UNAVAILABLE_STATE_CLASSES = Set.of("53", "58");
    private static final String QUERY_CANCELED = "57014";

    private final int status;
    private final String dependency;

    FailureKind(int status, String dependency) {
        this.status = status;
        this.dependency = dependency;
    }

    public int status() {
        return status;
    }

    /** Which dependency was unavailable ({@code database}, {@code broker}, ...), null for an internal error. */
    public String dependency() {
        return dependency;
    }

    public boolean unavailable() {
        return status == 503;
    }

    /**
     * Classifies a failure by everything it carries (causes, suppressed exceptions, chained SQL exceptions). A
     * connection failure anywhere wins: a dead connection leaves secondary errors behind it. Then a SQL error that
     * is not one is internal, even when a transaction or broker exception wraps it (the rollback it caused).
     */
    public static FailureKind of(Throwable failure) {
        List<Throwable> all = flatten(failure);
        if (all.stream().anyMatch(FailureKind::databaseConnectionFailure)) {
            return DATABASE_UNAVAILABLE;
        }
        if (all.stream().anyMatch(t -> t instanceof SQLException
                || t instanceof org.springframework.dao.DataAccessException)) {
            return INTERNAL;
        }
        if (all.stream().anyMatch(FailureKind::brokerFailure)) {
            return BROKER_UNAVAILABLE;
        }
        if (all.stream().anyMatch(FailureKind::backendFailure)) {
            return BACKEND_UNAVAILABLE;
        }
        if (all.stream().anyMatch(FailureKind::transactionFailure)) {
            return TRANSACTIONS_UNAVAILABLE;
        }
        return INTERNAL;
    }

    static boolean databaseConnectionFailure(Throwable t) {
        if (t instanceof org.springframework.jdbc.CannotGetJdbcConnectionException
                || t instanceof org.springframework.dao.DataAccessResourceFailureException
                || t instanceof SQLNonTransientConnectionException || t instanceof SQLTransientConnectionException
                || t instanceof SQLRecoverableException) {
            return true;
        }
        if (!(t instanceof SQLException sql)) {
            return false;
        }
        if (BrokenConnections.databaseUnavailable(sql)) {
            return true;
        }
        String state = sql.getSQLState();
        return state != null && state.length() == 5
                && (QUERY_CANCELED.equals(state) || UNAVAILABLE_STATE_CLASSES.contains(state.substring(0, 2)));
    }

    /** A JMS failure is the broker's, except the ones that say midtier built a wrong message or selector. */
    static boolean brokerFailure(Throwable t) {
        if (t instanceof jakarta.jms.MessageFormatException || t instanceof jakarta.jms.MessageNotWriteableException
                || t instanceof jakarta.jms.MessageNotReadableException
                || t instanceof jakarta.jms.InvalidSelectorException) {
            return false;
        }
        return t instanceof jakarta.jms.JMSException || t instanceof jakarta.jms.JMSRuntimeException
                || t instanceof org.springframework.jms.JmsException;
    }

    static boolean backendFailure(Throwable t) {
        return t instanceof BackendUnavailableException || t instanceof ConnectException
                || t instanceof SocketTimeoutException || t instanceof org.apache.hc.core5.http.NoHttpResponseException
                || t instanceof HttpOperationFailedException;
    }

    static boolean transactionFailure(Throwable t) {
        return t instanceof jakarta.transaction.RollbackException || t instanceof jakarta.transaction.SystemException
                || t instanceof jakarta.transaction.HeuristicMixedException
                || t instanceof jakarta.transaction.HeuristicRollbackException
                || t instanceof javax.transaction.xa.XAException;
    }

    private static List<Throwable> flatten(Throwable failure) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> all = new ArrayList<>();
        List<Throwable> next = new ArrayList<>();
        if (failure != null) {
            next.add(failure);
        }
        while (!next.isEmpty()) {
            Throwable t = next.remove(next.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            all.add(t);
            next.add(t.getCause());
            next.addAll(List.of(t.getSuppressed()));
            if (t instanceof SQLException sql) {
                next.add(sql.getNextException());
            }
        }
        return all;
    }
}
