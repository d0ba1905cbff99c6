package io.midtier.cache;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The read path's question for the whole row of a key ({@code sql/find-cache-entry.sql}), asked over plain JDBC: a hit
 * without a near copy asks it on every request, and camel-sql would evaluate its parameter expressions and build a map
 * each time. Validate mode's lighter questions are {@link CheckConnection}'s.
 */
public final class CacheRows {

    private final DataSource dataSource;
    private final String findSql;

    public CacheRows(DataSource dataSource) {
        this.dataSource = dataSource;
        this.findSql = sql("sql/find-cache-entry.sql");
    }

    public CacheRow find(String type, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(findSql)) {
            statement.setString(1, type);
            statement.setString(2, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return CacheRow.NONE;
                }
                return new CacheRow(rs.getString("json"), rs.getLong("version"), rs.getBoolean("pending"),
                        rs.getBoolean("fresh"), rs.getLong("remaining_ms"), rs.getLong("age"), rs.getBoolean("absent"));
            }
        }
    }

    /** A statement of the class path ({@code sql/...}). */
    static String sql(String resource) {
        try (InputStream in = CacheRows.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
