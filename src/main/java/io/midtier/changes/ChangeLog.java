package io.midtier.changes;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the change log outside any transaction (plain connections): for the SSE streams. */
public class ChangeLog {

    private final DataSource dataSource;

    public ChangeLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The changes after {@code after}, in order, at most {@code limit}. */
    public List<Change> after(long after, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "select seq, type, id, version, op, at from change_log where seq > ? order by seq limit ?")) {
            ps.setLong(1, after);
            ps.setInt(2, limit);
            List<Change> changes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changes.add(new Change(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getObject(6, OffsetDateTime.class)));
                }
            }
            return changes;
        }
    }

    /** Retention removed every change up to this number. */
    public long prunedThrough() throws SQLException {
        return counter("pruned_through");
    }

    /** The highest sequence number given so far. */
    public long latest() throws SQLException {
        return counter("last_seq");
    }

    private long counter(String column) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("select " + column + " from change_counter where id = 1");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
