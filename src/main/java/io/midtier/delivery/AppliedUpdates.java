package io.midtier.delivery;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.ExchangeProperty;

/**
 * Records that the back-end holds an update (settle_applied, V18): APPLIED, remembered, the cache entry settled and
 * the change appended in one statement; the change publisher woken after its commit; the entry's next update
 * returned when its message was parked behind this one. On the XA pool: inside the dead-letter route's JTA
 * transaction the pool enlists the connection, in a delivery (no transaction) the statement commits on its own.
 * Plain JDBC with a typed parameter, as {@code api.UpdateWrites} and for its reason (camel-sql tries the body as the
 * parameters' source first and evaluates an expression per parameter).
 */
public class AppliedUpdates {

    private static final String SETTLE = "select * from settle_applied(?)";

    private final Runnable changeAppended;
    private final DataSource dataSource;

    /**
     * @param dataSource     the XA pool ({@code cacheDataSource}: its first connection waits for the pool's start)
     * @param changeAppended called when the statement appended a change ({@code changeWake.afterCommit}: the
     *                       publisher looks once the surrounding transaction, or the statement, commits)
     */
    public AppliedUpdates(DataSource dataSource, Runnable changeAppended) {
        this.dataSource = dataSource;
        this.changeAppended = changeAppended;
    }

    /**
     * Settles the update as applied. Returns the entry's next update if its message was parked behind this one
     * (the caller sends it again), else null. When another delivery of the update settled it already, nothing is
     * appended and nobody is woken, but a parked next update is returned all the same: that delivery may have died
     * before its send reached the broker (V20).
     */
    public ParkedUpdate settle(@ExchangeProperty("updateId") String updateId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SETTLE)) {
            statement.setObject(1, UUID.fromString(updateId));
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                if (row.getObject("seq") != null) {
                    changeAppended.run();
                }
                return ParkedUpdate.of(ResultRows.current(row));
            }
        }
    }
}
