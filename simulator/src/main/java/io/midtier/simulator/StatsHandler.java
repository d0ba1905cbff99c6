package io.midtier.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;

/** GET /simulator/stats: the counters as JSON. */
final class StatsHandler implements HttpHandler {

    static final String PATH = "/simulator/stats";
    private final StatsCounters stats;

    StatsHandler(StatsCounters stats) {
        this.stats = stats;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!PATH.equals(exchange.getRequestURI().getPath())) {
                HttpIo.sendError(exchange, 404, "not found");
            } else if (!"GET".equals(exchange.getRequestMethod())) {
                HttpIo.sendError(exchange, 405, "method not allowed");
            } else {
                HttpIo.sendJson(exchange, 200, stats.snapshot());
            }
        }
    }
}
