package io.midtier.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

/** GET /simulator/accounts/{id}: the row as the back-end holds it, for tests; not counted as an inquiry. */
final class AccountHandler implements HttpHandler {

    static final String CONTEXT = "/simulator/accounts/";

    /** JSON shape of an account. */
    record AccountJson(String id, String name, String address, String phone, long balanceCents, String currency,
                       String status, String lastUpdateToken, String updatedAt) {
        static AccountJson of(Account a) {
            return new AccountJson(a.id(), a.name(), a.address(), a.phone(), a.balanceCents(), a.currency(),
                    a.status(), a.lastUpdateToken(), a.updatedAt() == null ? null : a.updatedAt().toInstant().toString());
        }
    }

    private final AccountStore store;

    AccountHandler(AccountStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                respond(exchange);
            } catch (SQLException e) {
                HttpIo.sendError(exchange, 500, "account lookup failed: " + e.getMessage());
            }
        }
    }

    private void respond(HttpExchange exchange) throws IOException, SQLException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            HttpIo.sendError(exchange, 405, "method not allowed");
            return;
        }
        Optional<String> id = AccountIds.normalize(exchange.getRequestURI().getPath().substring(CONTEXT.length()));
        Optional<Account> account = id.isPresent() ? store.find(id.get()) : Optional.empty();
        if (account.isEmpty()) {
            HttpIo.sendError(exchange, 404, "account not found");
        } else {
            HttpIo.sendJson(exchange, 200, AccountJson.of(account.get()));
        }
    }
}
