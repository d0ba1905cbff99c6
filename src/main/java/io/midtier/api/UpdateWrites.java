package io.midtier.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.camel.ExchangeProperty;

/**
 * Runs the dual-write's one statement ({@code sql/write-update.sql}) on the XA pool, in the caller's JTA transaction
 * (the pool enlists the connection): cache row with the If-Match check, update row and idempotency row in one round
 * trip. Over plain JDBC with typed parameters rather than a camel-sql endpoint: camel-sql tries the message body as
 * the parameters' source first (a failed conversion per parameter on every request), and evaluates one expression
 * per parameter.
 */
public class UpdateWrites {

    private final String sql;
    private final DataSource dataSource;

    /** @param dataSource the XA pool ({@code cacheDataSource}: its first connection waits for the pool's start) */
    public UpdateWrites(DataSource dataSource) {
        this.dataSource = dataSource;
        this.sql = resource("sql/write-update.sql");
    }

    public WrittenUpdate write(@ExchangeProperty("type") String type, @ExchangeProperty("id") String id,
                               @ExchangeProperty("patch") String patch, @ExchangeProperty("updateId") String updateId,
                               @ExchangeProperty("expectedVersion") Long expectedVersion,
                               @ExchangeProperty("idempotencyKey") String idempotencyKey,
                               @ExchangeProperty("requestHash") String requestHash,
                               @ExchangeProperty("readThrough") Boolean readThrough) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, type);
            statement.setString(2, id);
            statement.setString(3, patch);
            statement.setObject(4, UUID.fromString(updateId));
            if (expectedVersion == null) {
                statement.setNull(5, Types.BIGINT);
            } else {
                statement.setLong(5, expectedVersion);
            }
            statement.setString(6, idempotencyKey);
            statement.setString(7, idempotencyKey == null ? null : requestHash);
            // just read through: the row is written as it is now, fresh or not (the back-end may be down)
            statement.setBoolean(8, !Boolean.TRUE.equals(readThrough));
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                long version = row.getLong("new_version");
                Long newVersion = row.wasNull() ? null : version;
                return new WrittenUpdate(row.getBoolean("cached"), newVersion,
                        row.getString("response"), row.getString("name"), row.getString("address"),
                        row.getString("phone"));
            }
        }
    }

    private static String resource(String name) {
        try (InputStream in = UpdateWrites.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
