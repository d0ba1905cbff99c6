package io.midtier.delivery;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The delivery functions' rows by column label, as their typed readings ({@link DeliveryClaim}, {@link ParkedUpdate}) take them. */
final class ResultRows {

    private ResultRows() {
    }

    /** The result set's current row. */
    static Map<String, Object> current(ResultSet rs) throws SQLException {
        ResultSetMetaData columns = rs.getMetaData();
        Map<String, Object> row = new HashMap<>();
        for (int i = 1; i <= columns.getColumnCount(); i++) {
            row.put(columns.getColumnLabel(i), rs.getObject(i));
        }
        return row;
    }
}
