package io.midtier.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;

// Which errors make a pool discard its connection: a server shutting down or refusing connections, a broken
// connection; not an error of the statement (a conflict, a constraint) on a healthy connection.
class BrokenConnectionsTest {

    private final BrokenConnections sorter = new BrokenConnections();

    @Test
    void a_restart_or_a_broken_connection_is_fatal() {
        assertThat(sorter.isFatal(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(sorter.isFatal(new SQLException("crash shutdown", "57P02"))).isTrue();
        assertThat(sorter.isFatal(new SQLException("the database system is starting up", "57P03"))).isTrue();
        assertThat(sorter.isFatal(new SQLException("This connection has been closed.", "08003"))).isTrue();
        assertThat(sorter.isFatal(new SQLException("I/O error", "08006"))).isTrue();
        assertThat(sorter.isFatal(new SQLException("wrapped", "XX000", new SQLException("down", "57P01")))).isTrue();
    }

    @Test
    void a_statement_error_on_a_healthy_connection_is_not() {
        assertThat(sorter.isFatal(new SQLException("duplicate key", "23505"))).isFalse();
        assertThat(sorter.isFatal(new SQLException("could not serialize", "40001"))).isFalse();
        assertThat(sorter.isFatal(new SQLException("lock timeout", "55P03"))).isFalse();
        assertThat(sorter.isFatal(new SQLException("no state"))).isFalse();
    }
}
