package io.midtier.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * /cics/{transaction}: behaves like the CICS region around the programs — availability, a bounded number of
 * concurrent transactions, response time and random abends — then hands the record to the program.
 */
final class CicsHandler implements HttpHandler {

    static final String CONTEXT = "/cics/";
    private static final Logger LOG = LoggerFactory.getLogger(CicsHandler.class);
    // Far above any valid record, small enough that a stray upload cannot hurt.
    private static final int MAX_REQUEST_BYTES = 4096;

    private final Map<String, CicsProgram> programs;
    private final Faults faults;
    private final StatsCounters stats;
    private final Semaphore region;

    CicsHandler(Faults faults, StatsCounters stats, int maxConcurrent, CicsProgram... programs) {
        this.programs = Stream.of(programs).collect(Collectors.toUnmodifiableMap(CicsProgram::transaction, Function.identity()));
        this.faults = faults;
        this.stats = stats;
        // Fair, so waiting callers are served in arrival order like a mainframe region's queue.
        this.region = new Semaphore(maxConcurrent, true);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String transaction = exchange.getRequestURI().getPath().substring(CONTEXT.length());
            CicsProgram program = programs.get(transaction);
            if (program == null) {
                HttpIo.sendText(exchange, 404,
                        AcctUpd.reply(ReturnCodes.INVALID_REQUEST, "", "UNKNOWN TRANSACTION " + transaction));
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, program.failure(405, "", ReturnCodes.INVALID_REQUEST, "METHOD NOT ALLOWED"));
                return;
            }
            String commarea = FixedWidth.ascii(HttpIo.readBody(exchange, MAX_REQUEST_BYTES));
            if (faults.down()) {
                stats.unavailable.incrementAndGet();
                send(exchange, program.failure(503, commarea, ReturnCodes.ABEND, "CICS REGION NOT AVAILABLE"));
                return;
            }
            send(exchange, runInRegion(program, commarea));
        }
    }

    private CicsReply runInRegion(CicsProgram program, String commarea) {
        try {
            region.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return shuttingDown(program, commarea);
        }
        stats.enter();
        try {
            long delay = faults.nextDelayMs();
            if (delay > 0) {
                // Simulated mainframe response time: part of the product's behaviour.
                Thread.sleep(delay);
            }
            if (faults.rollAbend()) {
                stats.abends.incrementAndGet();
                return program.failure(500, commarea, ReturnCodes.ABEND, "ABEND ASRA");
            }
            return program.run(commarea);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return shuttingDown(program, commarea);
        } catch (Exception e) {
            LOG.warn("{} failed", program.transaction(), e);
            stats.abends.incrementAndGet();
            return program.failure(500, commarea, ReturnCodes.ABEND, "ABEND AEY9 " + e.getClass().getSimpleName());
        } finally {
            stats.leave();
            region.release();
        }
    }

    private CicsReply shuttingDown(CicsProgram program, String commarea) {
        stats.unavailable.incrementAndGet();
        return program.failure(503, commarea, ReturnCodes.ABEND, "CICS REGION SHUTTING DOWN");
    }

    private static void send(HttpExchange exchange, CicsReply reply) throws IOException {
        HttpIo.sendText(exchange, reply.httpStatus(), reply.record());
    }
}
