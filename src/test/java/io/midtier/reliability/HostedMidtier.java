package io.midtier.reliability;

import io.midtier.simulator.Simulator;
import io.midtier.testsupport.FreePorts;
import io.midtier.testsupport.Http;
import io.midtier.testsupport.MidtierProcess;
import io.midtier.testsupport.MidtierTestApp;
import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The packaged midtier ({@link MidtierProcess#jar}), configured by environment variables only as an operator would,
 * against an external broker and a database server of the fault-injection tests; its back-end a simulator in the
 * test JVM with its tables in the test class's database on the machine's PostgreSQL (a fault of midtier's database
 * server is not a back-end fault).
 */
final class HostedMidtier {

    private HostedMidtier() {
    }

    /** The back-end: {@code latencyMs} a call, 8 at once, its schema in {@code db}. */
    static Simulator simulator(TestDatabase db, long latencyMs) {
        Simulator.Settings d = Simulator.Settings.defaults();
        return new Simulator(new Simulator.Settings(d.host(), 0, db.url(), TestDatabase.USER, "", latencyMs, 0, 8)).start();
    }

    /** Starts the jar and waits until it is ready (readiness UP). {@code extra} overrides or adds variables. */
    static MidtierProcess start(String name, BrokerHost broker, DatabaseHost database, Simulator backend,
                                Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("MIDTIER_HTTP_PORT", String.valueOf(FreePorts.next()));
        env.put("MIDTIER_MANAGEMENT_PORT", String.valueOf(FreePorts.next()));
        env.put("MIDTIER_BACKEND_URL", backend.baseUrl());
        env.put("MIDTIER_DATA_DIR", MidtierTestApp.dataDir(name).toAbsolutePath().toString());
        env.put("MIDTIER_TX_NODE_ID", name.length() > 20 ? name.substring(0, 20) : name);
        env.put("MIDTIER_TX_RECOVERY_PERIOD_SECONDS", "5");
        env.put("MIDTIER_TX_RECOVERY_BACKOFF_SECONDS", "1");
        env.put("MIDTIER_DB_URL", database.jdbcUrl());
        env.put("MIDTIER_BROKER_URL", broker.url());
        env.put("MIDTIER_BROKER_USER", broker.user());
        env.put("MIDTIER_BROKER_PASSWORD", broker.password());
        env.put("MIDTIER_SECURITY_USERS", Http.DEFAULT_USER + ":" + Http.DEFAULT_PASSWORD + ":admin|writer");
        env.putAll(extra);
        return MidtierProcess.jar(name, env).start(Duration.ofMinutes(2));
    }
}
