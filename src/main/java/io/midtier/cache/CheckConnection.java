package io.midtier.cache;

import io.midtier.db.BrokenConnections;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Validate mode's primary-key questions: the validators of one key ({@code sql/check-cache-entry.sql}) or of several in
 * one statement ({@code sql/check-cache-entries.sql}), over one plain connection kept for them, with both statements
 * prepared once.
 *
 * <p>{@link GroupedChecks} asks one question at a time, so one connection serves every hit of an instance. Kept, a
 * question costs what it costs a program that asks PostgreSQL nothing else ({@code bench/PrimaryKeyQuestion.java}):
 * no checkout of a pooled XA connection per question, no JDK proxies of the XA driver around every call, no statement
 * made and closed (docs/BENCHMARKS.md, stop 42). Not for concurrent use: only the grouped checks' current asker calls
 * it, and their hand-over of that role orders one asker's use before the next one's.
 *
 * <p>A connection that a restart or a network cut broke (what {@link BrokenConnections} discards from the pools) is
 * closed and the question asked once more on a new one: a read, so asking again changes nothing, and no hit after
 * the database is back fails for the old connection. Any other failure is the question's own and is thrown as is.
 */
public final class CheckConnection implements GroupedChecks.Questions, AutoCloseable {

    private static final BrokenConnections BROKEN = new BrokenConnections();

    private final DataSource connections;
    private final String checkSql;
    private final String checkAllSql;
    private Connection connection;
    private PreparedStatement check;
    private PreparedStatement checkAll;

    /**
     * @param connections where a connection comes from (a plain, auto-commit pool of one); each is kept until it breaks
     */
    public CheckConnection(DataSource connections) {
        this.connections = connections;
        this.checkSql = CacheRows.sql("sql/check-cache-entry.sql");
        this.checkAllSql = CacheRows.sql("sql/check-cache-entries.sql");
    }

    @Override
    public EntryValidators check(String type, String id) throws SQLException {
        return asked(() -> askOne(type, id));
    }

    @Override
    public EntryValidators[] checkAll(String[] types, String[] ids) throws SQLException {
        return asked(() -> askAll(types, ids));
    }

    /** Once no question is asked any more (at the context's stop, after the routes). */
    @Override
    public void close() {
        drop();
    }

    private EntryValidators askOne(String type, String id) throws SQLException {
        open();
        check.setString(1, type);
        check.setString(2, id);
        try (ResultSet rs = check.executeQuery()) {
            return rs.next() ? validators(rs, 1) : EntryValidators.GONE;
        }
    }

    private EntryValidators[] askAll(String[] types, String[] ids) throws SQLException {
        open();
        checkAll.setArray(1, connection.createArrayOf("text", types));
        checkAll.setArray(2, connection.createArrayOf("text", ids));
        EntryValidators[] answers = new EntryValidators[ids.length];
        try (ResultSet rs = checkAll.executeQuery()) {
            while (rs.next()) {
                // n, then the one key's columns; a key without an entry gets a row of nulls (the left join)
                int index = rs.getInt(1) - 1;
                rs.getLong(2);
                answers[index] = rs.wasNull() ? EntryValidators.GONE : validators(rs, 2);
            }
        }
        return answers;
    }

    /**
     * The validators of the current row of either statement: its columns version, pending, fresh and remaining_ms from
     * {@code first} on (by position: a lookup by name compares the names on every call).
     */
    private static EntryValidators validators(ResultSet rs, int first) throws SQLException {
        return new EntryValidators(true, rs.getLong(first), rs.getBoolean(first + 1), rs.getBoolean(first + 2),
                rs.getLong(first + 3));
    }

    private void open() throws SQLException {
        if (connection == null) {
            Connection opened = connections.getConnection();
            try {
                check = opened.prepareStatement(checkSql);
                checkAll = opened.prepareStatement(checkAllSql);
            } catch (SQLException e) {
                opened.close();
                throw e;
            }
            connection = opened;
        }
    }

    private interface Question<T> {
        T ask() throws SQLException;
    }

    /** The question's answer; asked once more on a new connection when the kept one turns out broken. */
    private <T> T asked(Question<T> question) throws SQLException {
        boolean kept = connection != null;
        try {
            return question.ask();
        } catch (SQLException e) {
            if (!BROKEN.isFatal(e)) {
                throw e;
            }
            drop();
            if (!kept) {
                // a new connection failed at once: the database is away, and asking again would only wait twice
                throw e;
            }
            return question.ask();
        }
    }

    private void drop() {
        Connection broken = connection;
        connection = null;
        check = null;
        checkAll = null;
        if (broken != null) {
            try {
                // the pool sees the broken connection's failure (its exception sorter) and discards it
                broken.close();
            } catch (SQLException ignored) {
                // it is broken: there is nothing else to do with it
            }
        }
    }
}
