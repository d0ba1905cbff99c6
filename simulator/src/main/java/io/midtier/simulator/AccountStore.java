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
    // simulator.apply_update (V3): the token's lock, the account's, the update and its record, in one statement
    private static final String APPLY_UPDATE = "SELECT simulator.apply_update(?, ?, ?, ?, ?)";
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

    /** Applies the update in one transaction (its statement's), even when its token was applied before. */
    UpdateOutcome apply(AcctUpd.Request request) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(APPLY_UPDATE)) {
            statement.setString(1, request.token());
            statement.setString(2, request.accountId());
            statement.setString(3, request.name());
            statement.setString(4, request.address());
            statement.setString(5, request.phone());
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return UpdateOutcome.valueOf(rs.getString(1));
            }
        }
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
}
