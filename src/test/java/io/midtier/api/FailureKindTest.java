package io.midtier.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.JMSException;
import jakarta.transaction.RollbackException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;
import javax.transaction.xa.XAException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.UncategorizedSQLException;

// An outage is a 503 naming the dependency, a bug is a 500: the table of SQL states and exception types.
class FailureKindTest {

    @ParameterizedTest(name = "SQLSTATE {0} -> {1}")
    @CsvSource({
            // connection exceptions (class 08) and the server going away or not there yet
            "08000, DATABASE_UNAVAILABLE", "08001, DATABASE_UNAVAILABLE", "08003, DATABASE_UNAVAILABLE",
            "08006, DATABASE_UNAVAILABLE", "57P01, DATABASE_UNAVAILABLE", "57P02, DATABASE_UNAVAILABLE",
            "57P03, DATABASE_UNAVAILABLE",
            // the server cannot serve now: resources, a statement timed out, its own I/O
            "53300, DATABASE_UNAVAILABLE", "53100, DATABASE_UNAVAILABLE", "57014, DATABASE_UNAVAILABLE",
            "58030, DATABASE_UNAVAILABLE",
            // the statement or the data is wrong: a bug
            "42601, INTERNAL", "42P01, INTERNAL", "42703, INTERNAL", "23505, INTERNAL", "23503, INTERNAL",
            "23514, INTERNAL", "22001, INTERNAL", "22003, INTERNAL", "22P02, INTERNAL", "P0001, INTERNAL",
            "40001, INTERNAL", "40P01, INTERNAL", "55P03, INTERNAL", "XX000, INTERNAL", "25P02, INTERNAL"})
    void a_sql_state_is_an_outage_only_when_it_says_the_database_cannot_serve(String state, FailureKind expected) {
        SQLException sql = new PSQLException("ERROR: something\n  Where: somewhere", PSQLState.UNKNOWN_STATE) {
            @Override
            public String getSQLState() {
                return state;
            }
        };
        assertThat(FailureKind.of(sql)).isEqualTo(expected);
        // as Camel hands it over: wrapped by Spring's JdbcTemplate and Camel
        assertThat(FailureKind.of(new org.apache.camel.RuntimeCamelException(
                new UncategorizedSQLException("select", "select 1", sql)))).isEqualTo(expected);
    }

    static Stream<Arguments> failures() {
        SQLException syntax = new SQLException("syntax error at or near \"selec\"", "42601");
        SQLException terminated = new SQLException("terminating connection due to administrator command", "57P01");
        return Stream.of(
                Arguments.of("the pool's acquisition timeout", new SQLException("Sorry, acquisition timeout!"),
                        FailureKind.DATABASE_UNAVAILABLE),
                Arguments.of("a SQL exception with no state", new SQLException("no state"), FailureKind.INTERNAL),
                Arguments.of("no connection from Spring (any state: the database refused us)",
                        new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                                new SQLException("database \"x\" is not currently accepting connections", "55000")),
                        FailureKind.DATABASE_UNAVAILABLE),
                Arguments.of("a transient connection exception", new SQLTransientConnectionException("gone"),
                        FailureKind.DATABASE_UNAVAILABLE),
                Arguments.of("a dead connection behind a syntax error (chained)", chained(syntax, terminated),
                        FailureKind.DATABASE_UNAVAILABLE),
                Arguments.of("a syntax error at PREPARE, under the transaction's rollback",
                        new RollbackException("rolled back") {
                            {
                                addSuppressed(xa(syntax));
                            }
                        }, FailureKind.INTERNAL),
                Arguments.of("a dead connection at PREPARE", new RollbackException("rolled back") {
                    {
                        addSuppressed(xa(terminated));
                    }
                }, FailureKind.DATABASE_UNAVAILABLE),
                Arguments.of("a transaction rolled back for no named resource", new RollbackException("timeout"),
                        FailureKind.TRANSACTIONS_UNAVAILABLE),
                Arguments.of("an XA failure", new XAException(XAException.XAER_RMFAIL),
                        FailureKind.TRANSACTIONS_UNAVAILABLE),
                Arguments.of("the broker connection lost", new org.springframework.jms.UncategorizedJmsException(
                        new JMSException("AMQ219010: Connection is destroyed")), FailureKind.BROKER_UNAVAILABLE),
                Arguments.of("the broker's address full", new jakarta.jms.ResourceAllocationException("AMQ229102"),
                        FailureKind.BROKER_UNAVAILABLE),
                Arguments.of("a message midtier built wrong", new jakarta.jms.MessageFormatException("bad type"),
                        FailureKind.INTERNAL),
                Arguments.of("the back-end unreachable", new ConnectException("Connection refused"),
                        FailureKind.BACKEND_UNAVAILABLE),
                Arguments.of("the back-end's circuit open", new BackendUnavailableException("open"),
                        FailureKind.BACKEND_UNAVAILABLE),
                Arguments.of("a null pointer", new IllegalStateException(new NullPointerException()),
                        FailureKind.INTERNAL),
                Arguments.of("nothing at all", null, FailureKind.INTERNAL));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("failures")
    void a_failure_is_classified_by_everything_it_carries(String what, Throwable failure, FailureKind expected) {
        assertThat(FailureKind.of(failure)).isEqualTo(expected);
    }

    @Test
    void only_the_outages_are_503_and_name_their_dependency() {
        for (FailureKind kind : FailureKind.values()) {
            assertThat(kind.status()).isEqualTo(kind == FailureKind.INTERNAL ? 500 : 503);
            assertThat(kind.dependency() == null).isEqualTo(kind == FailureKind.INTERNAL);
        }
    }

    private static SQLException chained(SQLException first, SQLException next) {
        SQLException copy = new SQLException(first.getMessage(), first.getSQLState());
        copy.setNextException(next);
        return copy;
    }

    private static XAException xa(SQLException cause) {
        XAException xa = new XAException("Error preparing transaction");
        xa.initCause(cause);
        return xa;
    }
}
