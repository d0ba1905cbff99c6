package io.midtier.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Scenario 5: the corpus of malformed and hostile requests ({@link BadInputCorpus}) sent once, by a client of its
 * own, while the normal load runs. Each must get a 4xx with a JSON error (never a 5xx) and change nothing: the
 * invariants find any update row or back-end change no recorded write explains.
 */
final class BadInputScenario implements Scenario {

    @Override
    public String name() {
        return "bad-input";
    }

    @Override
    public List<String> drive(Stack stack, CallLog log, Settings settings, String prefix) {
        java.util.Set<String> violations = new java.util.LinkedHashSet<>();
        java.net.URI base = java.net.URI.create(stack.node.url("/"));
        List<HostileRequest> corpus = BadInputCorpus.cases(base.getHost(), base.getPort(), Load.WRITER);
        System.out.printf("[bad-input] %d hostile requests in the corpus%n", corpus.size());
        try (Load load = new Load(log, stack.node, settings.accountIds(), prefix, settings.writes())
                .start(settings.writers(), settings.readers())) {
            // the whole corpus goes out once while the writes run
            for (HostileRequest request : corpus) {
                long start = log.nowMs();
                Verdict verdict = BadInputCorpus.send(base.getHost(), base.getPort(), request, Duration.ofSeconds(20));
                log.record(-2, "BAD", request.name(), request.category(), start, verdict.status(), null, verdict.problem());
                if (!verdict.ok()) {
                    violations.add("bad input " + request.name() + ": " + verdict.problem());
                }
            }
            Phases.awaitWritesDone(load, Phases.loadTimeout(settings));
        }
        return new ArrayList<>(violations);
    }
}
