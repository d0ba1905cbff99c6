package io.midtier.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** GET /simulator/applied?account={id}: the updates applied to an account, in apply order, duplicates flagged. */
final class AppliedHandler implements HttpHandler {

    static final String PATH = "/simulator/applied";

    /** JSON shape of an applied update. */
    record AppliedJson(long seq, String token, String accountId, String name, String address, String phone,
                       String appliedAt, boolean duplicate) {
        static AppliedJson of(AppliedUpdate u) {
            return new AppliedJson(u.seq(), u.token(), u.accountId(), u.name(), u.address(), u.phone(),
                    u.appliedAt() == null ? null : u.appliedAt().toInstant().toString(), u.duplicate());
        }
    }

    private final AccountStore store;

    AppliedHandler(AccountStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                respond(exchange);
            } catch (SQLException e) {
                HttpIo.sendError(exchange, 500, "applied update lookup failed: " + e.getMessage());
            }
        }
    }

    private void respond(HttpExchange exchange) throws IOException, SQLException {
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            HttpIo.sendError(exchange, 404, "not found");
            return;
        }
        if (!"GET".equals(exchange.getRequestMethod())) {
            HttpIo.sendError(exchange, 405, "method not allowed");
            return;
        }
        Optional<String> id = HttpIo.queryParameter(exchange, "account").flatMap(AccountIds::normalize);
        if (id.isEmpty()) {
            HttpIo.sendError(exchange, 400, "query parameter 'account' must be an account id");
            return;
        }
        List<AppliedJson> rows = store.applied(id.get()).stream().map(AppliedJson::of).toList();
        HttpIo.sendJson(exchange, 200, rows);
    }
}
