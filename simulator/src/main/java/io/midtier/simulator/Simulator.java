package io.midtier.simulator;

import com.sun.net.httpserver.HttpServer;
import io.agroal.api.AgroalDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The back-end simulator: an HTTP server speaking the CICS COMMAREA protocol over its own PostgreSQL
 * schema. Not idempotent, on purpose: a repeated update is applied again, like the real program would.
 */
public final class Simulator implements AutoCloseable {

    /**
     * Start-up settings.
     *
     * @param port          0 picks a free port (see {@link Simulator#port()})
     * @param latencyMs     initial response time of every /cics call (changeable at runtime through {@link #faults()})
     * @param jitterMs      initial uniform random extra delay, 0..jitterMs
     * @param maxConcurrent how many /cics transactions run at once; fixed for the life of the simulator
     */
    /** The simulator's own database on the local PostgreSQL ({@code scripts/dev-postgres.sh} creates it). */
    public static final String DEFAULT_JDBC_URL = "jdbc:postgresql://127.0.0.1:5432/backend_simulator";

    public record Settings(String host, int port, String jdbcUrl, String user, String password,
                           long latencyMs, long jitterMs, int maxConcurrent) {

        public Settings {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(jdbcUrl, "jdbcUrl");
            password = password == null ? "" : password;
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            if (latencyMs < 0 || jitterMs < 0) {
                throw new IllegalArgumentException("latencyMs and jitterMs must not be negative");
            }
            if (maxConcurrent < 1) {
                throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
            }
        }

        /**
         * 127.0.0.1:8081 against a database of its own on the local PostgreSQL (never midtier's: a fault of midtier's
         * database must not be a back-end fault), 100 ms latency, no jitter, 4 concurrent transactions.
         */
        public static Settings defaults() {
            return new Settings("127.0.0.1", 8081, DEFAULT_JDBC_URL, "postgres", "", 100, 0, 4);
        }

        public Settings withPort(int newPort) {
            return new Settings(host, newPort, jdbcUrl, user, password, latencyMs, jitterMs, maxConcurrent);
        }

        public Settings withLatencyMs(long newLatencyMs) {
            return new Settings(host, port, jdbcUrl, user, password, newLatencyMs, jitterMs, maxConcurrent);
        }

        public Settings withJitterMs(long newJitterMs) {
            return new Settings(host, port, jdbcUrl, user, password, latencyMs, newJitterMs, maxConcurrent);
        }

        public Settings withMaxConcurrent(int newMaxConcurrent) {
            return new Settings(host, port, jdbcUrl, user, password, latencyMs, jitterMs, newMaxConcurrent);
        }

        @Override
        public String toString() {
            // Keeps the password out of logs.
            return "Settings[host=" + host + ", port=" + port + ", jdbcUrl=" + jdbcUrl + ", user=" + user
                    + ", latencyMs=" + latencyMs + ", jitterMs=" + jitterMs + ", maxConcurrent=" + maxConcurrent + "]";
        }
    }

    // Headroom above maxConcurrent so callers can queue at the region and the admin endpoints stay reachable.
    private static final int EXTRA_HTTP_THREADS = 16;

    private static final String NODELAY = "sun.net.httpserver.nodelay";

    private final Settings settings;
    private final Faults faults;
    private final StatsCounters stats = new StatsCounters();
    private final OrderDesk orders = new OrderDesk();
    private AgroalDataSource pool;
    private ExecutorService executor;
    private HttpServer server;

    public Simulator(Settings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.faults = new Faults(settings.latencyMs(), settings.jitterMs());
    }

    /** Migrates its schema, then binds the HTTP server. */
    public synchronized Simulator start() {
        if (server != null) {
            throw new IllegalStateException("simulator already started");
        }
        try {
            pool = SimulatorDatabase.openPool(settings.jdbcUrl(), settings.user(), settings.password());
            SimulatorDatabase.migrate(pool);
            server = bind(new AccountStore(pool));
            return this;
        } catch (SQLException e) {
            stop();
            throw new IllegalStateException("simulator cannot open its database", e);
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException("simulator cannot bind " + settings.host() + ":" + settings.port(), e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private HttpServer bind(AccountStore store) throws IOException {
        // The JDK server writes a reply's headers and body in separate packets; with Nagle on, the body waits for
        // the caller's delayed ACK (40 ms on Linux) and every back-end call looked 40 ms slow (docs/BENCHMARKS.md).
        // Read once, when the server class is first used: set before the first create.
        if (System.getProperty(NODELAY) == null) {
            System.setProperty(NODELAY, "true");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(settings.host(), settings.port()), 0);
        http.createContext(CicsHandler.CONTEXT, new CicsHandler(faults, stats, settings.maxConcurrent(),
                new InquiryProgram(store, stats), new UpdateProgram(store, stats, faults), new OrderProgram(orders)));
        http.createContext(StatsHandler.PATH, new StatsHandler(stats));
        http.createContext(FaultsHandler.PATH, new FaultsHandler(faults));
        http.createContext(AccountHandler.CONTEXT, new AccountHandler(store));
        http.createContext(AppliedHandler.PATH, new AppliedHandler(store));
        executor = Executors.newFixedThreadPool(settings.maxConcurrent() + EXTRA_HTTP_THREADS, daemonThreads());
        http.setExecutor(executor);
        http.start();
        return http;
    }

    /** Stops at once: no grace period for calls in progress, as when a region is cancelled. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public void close() {
        stop();
        orders.close();
    }

    /** The bound port once started (useful with port 0), the configured one before. */
    public synchronized int port() {
        return server != null ? server.getAddress().getPort() : settings.port();
    }

    /** e.g. {@code http://127.0.0.1:8081}. */
    public String baseUrl() {
        return "http://" + settings.host() + ":" + port();
    }

    public Stats stats() {
        return stats.snapshot();
    }

    /** The order transaction's answers (issue 3): connect a reply queue, choose their order. */
    public OrderDesk orders() {
        return orders;
    }

    public Faults faults() {
        return faults;
    }

    public Settings settings() {
        return settings;
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, "simulator-http-" + count.incrementAndGet());
            // The server's own dispatcher thread keeps a standalone process alive; workers must not block JVM exit.
            thread.setDaemon(true);
            return thread;
        };
    }
}
