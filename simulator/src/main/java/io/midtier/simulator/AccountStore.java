package io.midtier.simulator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/** JDBC access to the back-end's state: account reads and the non-idempotent update. */
final class AccountStore {

    /** What an update did. */
    enum UpdateOutcome { APPLIED, APPLIED_DUPLICATE, NOT_FOUND }

    private static final String SELECT_ACCOUNT = """
            SELECT id, name, address, phone, balance_cents, currency, status, last_update_token, updated_at
              FROM simulator.account WHERE id = ?""";
    private static final String LOCK_ACCOUNT = "SELECT 1 FROM simulator.account WHERE id = ? FOR UPDATE";
    // Serialises updates carrying the same token even on different accounts, so duplicate detection is exact.
    private static final String LOCK_TOKEN = "SELECT pg_advisory_xact_lock(hashtext(?))";
    private static final String TOKEN_SEEN = "SELECT EXISTS (SELECT 1 FROM simulator.applied_update WHERE token = ?)";
    private static final String UPDATE_ACCOUNT = """
            UPDATE simulator.account SET name = ?, address = ?, phone = ?, last_update_token = ?, updated_at = now()
             WHERE id = ?""";
    private static final String INSERT_APPLIED = """
            INSERT INTO simulator.applied_update (token, account_id, name, address, phone, applied_at, duplicate)
            VALUES (?, ?, ?, ?, ?, now(), ?)""";
    private static final String SELECT_APPLIED = """
            SELECT seq, token, account_id, name, address, phone, applied_at, duplicate
              FROM simulator.applied_update WHERE account_id = ? ORDER BY seq""";

    private static final String SELECT_RECENT_TRANSACTIONS = """
            SELECT txn_id, posted_at, amount_cents, description
              FROM simulator.account_txn WHERE account_id = ? ORDER BY posted_at DESC, txn_id DESC LIMIT ?""";

    private final DataSource dataSource;

    AccountStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Optional<Account> find(String id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT_ACCOUNT)) {
            statement.setString(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Account(
                        rs.getString("id"),
                        rs.getString("name"),
                        rs.getString("address"),
                        rs.getString("phone"),
                        rs.getLong("balance_cents"),
                        rs.getString("currency"),
                        rs.getString("status"),
                        rs.getString("last_update_token"),
                        rs.getObject("updated_at", OffsetDateTime.class)));
            }
        }
    }

    /** The most recent transactions of an account, newest first. */
    List<AcctInq.Transaction> recentTransactions(String accountId, int limit) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT_RECENT_TRANSACTIONS)) {
            statement.setString(1, accountId);
            statement.setInt(2, limit);
            try (ResultSet rs = statement.executeQuery()) {
                List<AcctInq.Transaction> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new AcctInq.Transaction(rs.getLong("txn_id"),
                            rs.getObject("posted_at", OffsetDateTime.class), rs.getLong("amount_cents"),
                            rs.getString("description")));
                }
                return rows;
            }
        }
    }

    /** Applies the update in one local transaction, even when its token was applied before. */
    UpdateOutcome apply(AcctUpd.Request request) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                UpdateOutcome outcome = apply(connection, request);
                if (outcome == UpdateOutcome.NOT_FOUND) {
                    connection.rollback();
                } else {
                    connection.commit();
                }
                return outcome;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static UpdateOutcome apply(Connection connection, AcctUpd.Request request) throws SQLException {
        execute(connection, LOCK_TOKEN, request.token());
        if (!returnsRow(connection, LOCK_ACCOUNT, request.accountId())) {
            return UpdateOutcome.NOT_FOUND;
        }
        boolean duplicate = queryBoolean(connection, TOKEN_SEEN, request.token());
        try (PreparedStatement update = connection.prepareStatement(UPDATE_ACCOUNT)) {
            update.setString(1, request.name());
            update.setString(2, request.address());
            update.setString(3, request.phone());
            update.setString(4, request.token());
            update.setString(5, request.accountId());
            update.executeUpdate();
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT_APPLIED)) {
            insert.setString(1, request.token());
            insert.setString(2, request.accountId());
            insert.setString(3, request.name());
            insert.setString(4, request.address());
            insert.setString(5, request.phone());
            insert.setBoolean(6, duplicate);
            insert.executeUpdate();
        }
        return duplicate ? UpdateOutcome.APPLIED_DUPLICATE : UpdateOutcome.APPLIED;
    }

    List<AppliedUpdate> applied(String accountId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(SELECT_APPLIED)) {
            statement.setString(1, accountId);
            try (ResultSet rs = statement.executeQuery()) {
                List<AppliedUpdate> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(new AppliedUpdate(
                            rs.getLong("seq"),
                            rs.getString("token"),
                            rs.getString("account_id"),
                            rs.getString("name"),
                            rs.getString("address"),
                            rs.getString("phone"),
                            rs.getObject("applied_at", OffsetDateTime.class),
                            rs.getBoolean("duplicate")));
                }
                return rows;
            }
        }
    }

    private static void execute(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            statement.execute();
        }
    }

    private static boolean returnsRow(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static boolean queryBoolean(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }
}
