package io.midtier.reliability;

import java.time.Duration;
import java.util.List;

/**
 * The corpus of malformed and hostile requests the bad-input scenario mixes into the load (issue 5, scenario 5).
 * Thread-safe: {@link #send} may be called from many clients at once.
 */
public final class BadInputCorpus {

    private BadInputCorpus() {
    }

    /**
     * Every hostile request, built for a midtier listening on {@code host:port}; {@code authorization} is the
     * value of an Authorization header the corpus uses where a case should pass authentication (a writer).
     */
    public static List<HostileRequest> cases(String host, int port, String authorization) {
        return List.of();
    }

    /** Sends one request on a fresh socket and judges the answer (a 4xx with a JSON error body keeps the rules). */
    public static Verdict send(String host, int port, HostileRequest request, Duration timeout) {
        throw new UnsupportedOperationException("not yet");
    }
}
