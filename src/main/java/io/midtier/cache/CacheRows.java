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
 * The read path's questions to the SQL cache, asked over plain JDBC: the whole row of a key
 * ({@code sql/find-cache-entry.sql}) and the validators only, of one key ({@code sql/check-cache-entry.sql}) or of
 * several ({@code sql/check-cache-entries.sql}). Plain JDBC because
 * a hit asks one of them on every request: camel-sql would evaluate its parameter expressions and build a map each time.
 */
public final class CacheRows implements GroupedChecks.Questions {

    private final DataSource dataSource;
    private final String findSql;
    private final String checkSql;
    private final String checkAllSql;

    public CacheRows(DataSource dataSource) {
        this.dataSource = dataSource;
        this.findSql = sql("sql/find-cache-entry.sql");
        this.checkSql = sql("sql/check-cache-entry.sql");
        this.checkAllSql = sql("sql/check-cache-entries.sql");
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

    @Override
    public EntryValidators check(String type, String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(checkSql)) {
            statement.setString(1, type);
            statement.setString(2, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? validators(rs) : EntryValidators.GONE;
            }
        }
    }

    /** {@link #check}'s question for several keys in one statement: the answers in the order of the keys. */
    @Override
    public EntryValidators[] checkAll(String[] types, String[] ids) throws SQLException {
        EntryValidators[] answers = new EntryValidators[ids.length];
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(checkAllSql)) {
            statement.setArray(1, connection.createArrayOf("text", types));
            statement.setArray(2, connection.createArrayOf("text", ids));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    int index = rs.getInt("n") - 1;
                    // a key without an entry gets a row of nulls (the left join)
                    rs.getLong("version");
                    answers[index] = rs.wasNull() ? EntryValidators.GONE : validators(rs);
                }
            }
        }
        return answers;
    }

    /** The validators of the current row of either check statement (the same columns). */
    private static EntryValidators validators(ResultSet rs) throws SQLException {
        return new EntryValidators(true, rs.getLong("version"), rs.getBoolean("pending"), rs.getBoolean("fresh"),
                rs.getLong("remaining_ms"));
    }

    private static String sql(String resource) {
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
