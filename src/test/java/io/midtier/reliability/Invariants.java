package io.midtier.reliability;

import io.midtier.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks the recorded history against what midtier's tables and the back-end's applied log hold once the system
 * has drained:
 * <ul>
 * <li>every write answered 202 is APPLIED and in the back-end's log exactly once, or FAILED and not there only
 * where the scenario names the rule that left it so ({@link Scenario#failedByRule}: in the outage scenario, a replay
 * refused because a newer write of the entry was accepted after it, or a write failed with an earlier dead letter of
 * its entry);</li>
 * <li>a write whose answer was lost is there at most once;</li>
 * <li>a write answered with an error, and anything else no recorded write explains, changed nothing;</li>
 * <li>for every key without a pending update the cache holds what the back-end holds (an expired entry is not
 * served as it is: the next read asks the back-end);</li>
 * <li>no prepared transaction and no message is left;</li>
 * <li>the load's valid requests get 200/202, or a 503 with a JSON error body, nothing else.</li>
 * </ul>
 */
final class Invariants {

    /** The codes of a 503 an outage may cause: a dependency unavailable (ApiErrors), not serving yet or any more. */
    private static final java.util.regex.Pattern OUTAGE_503 =
            java.util.regex.Pattern.compile("^\\{\"status\":503,\"error\":\"(UNAVAILABLE|STARTING|STOPPING)\"");

    private final TestDatabase sql;
    private final TestDatabase backend;

    /** @param sql midtier's database; @param backend the back-end's (the simulator's tables) */
    Invariants(TestDatabase sql, TestDatabase backend) {
        this.sql = sql;
        this.backend = backend;
    }

    private record Update(String id, String name, String key, String status) {
    }

    /**
     * @param failedByRule the update ids the scenario allows to end FAILED (each named by a rule it checked); any other
     *                     accepted write that ends FAILED breaks an invariant
     * @param figures      the scenario's own counts, carried into the result
     */
    Result check(String scenario, Set<String> failedByRule, List<Call> calls, Set<String> keys,
                 Map<String, Long> queueDepths, List<String> scenarioViolations, Duration duration,
                 Map<String, Long> figures) {
        List<String> violations = new ArrayList<>(scenarioViolations);

        Map<String, List<Update>> updatesByName = new HashMap<>();
        for (Map<String, Object> row : sql.query(
                "select update_id::text as id, payload->>'name' as name, id as key, status from cache_update")) {
            Update u = new Update((String) row.get("id"), (String) row.get("name"), (String) row.get("key"),
                    (String) row.get("status"));
            updatesByName.computeIfAbsent(u.name, n -> new ArrayList<>()).add(u);
        }
        Map<String, Long> appliedByToken = new HashMap<>();
        Set<String> appliedNames = new HashSet<>();
        for (Map<String, Object> row : backend.query("select token, name from simulator.applied_update")) {
            appliedByToken.merge((String) row.get("token"), 1L, Long::sum);
            appliedNames.add(((String) row.get("name")).trim());
        }

        // a write sent again with its Idempotency-Key: one of its calls may stand for the others
        Set<String> maybeApplied = new HashSet<>();
        calls.stream().filter(c -> c.accepted() || c.unknown()).forEach(c -> maybeApplied.add(c.value()));
        long accepted = 0;
        long applied = 0;
        long failed = 0;
        long lost = 0;
        long unknown = 0;
        long phantom = 0;
        for (Call call : calls) {
            if (!"WRITE".equals(call.kind())) {
                continue;
            }
            List<Update> updates = updatesByName.getOrDefault(call.value(), List.of());
            if (call.accepted()) {
                accepted++;
                Update update = updates.stream().filter(u -> u.id.equals(call.updateId())).findFirst().orElse(null);
                long copies = appliedByToken.getOrDefault(call.updateId(), 0L);
                if (update == null) {
                    lost++;
                    violations.add("202 " + call.updateId() + " (" + call.value() + ") has no update row");
                } else if ("APPLIED".equals(update.status) && copies >= 1) {
                    applied++;
                } else if ("FAILED".equals(update.status) && copies == 0) {
                    failed++;
                    if (!failedByRule.contains(call.updateId())) {
                        violations.add("202 " + call.updateId() + " (" + call.value() + ") ended FAILED, and no rule"
                                + " of the scenario allows it: every accepted write must be applied");
                    }
                } else {
                    lost++;
                    violations.add("202 " + call.updateId() + " (" + call.value() + ") is " + update.status
                            + " with " + copies + " copies at the back-end");
                }
                if (updates.size() > 1) {
                    violations.add("write " + call.value() + " was accepted " + updates.size() + " times");
                }
            } else if (call.unknown()) {
                unknown++;
                if (updates.size() > 1) {
                    violations.add("unanswered write " + call.value() + " was accepted " + updates.size() + " times");
                }
                for (Update update : updates) {
                    long copies = appliedByToken.getOrDefault(update.id, 0L);
                    if ("PENDING".equals(update.status) || ("APPLIED".equals(update.status) && copies == 0)
                            || ("FAILED".equals(update.status) && copies > 0)) {
                        lost++;
                        violations.add("unanswered write " + call.value() + " is " + update.status + " with "
                                + copies + " copies at the back-end");
                    } else if ("FAILED".equals(update.status) && !failedByRule.contains(update.id)) {
                        violations.add("unanswered write " + call.value() + " was accepted and ended FAILED, and no"
                                + " rule of the scenario allows it");
                    }
                }
            } else if (!maybeApplied.contains(call.value()) && (!updates.isEmpty() || appliedNames.contains(call.value()))) {
                phantom++;
                violations.add("write " + call.value() + " answered " + call.status() + " changed something");
            }
        }
        Set<String> written = new HashSet<>();
        calls.stream().filter(c -> "WRITE".equals(c.kind())).forEach(c -> written.add(c.value()));
        for (String name : updatesByName.keySet()) {
            if (!written.contains(name)) {
                phantom++;
                violations.add("update row " + name + " comes from no recorded write");
            }
        }
        for (String name : appliedNames) {
            if (!updatesByName.containsKey(name) && written.contains(name)) {
                phantom++;
                violations.add("the back-end applied " + name + " without an update row");
            }
        }

        long duplicated = appliedByToken.entrySet().stream().filter(e -> e.getValue() > 1).count();
        appliedByToken.entrySet().stream().filter(e -> e.getValue() > 1)
                .forEach(e -> violations.add("update " + e.getKey() + " applied " + e.getValue() + " times"));

        long divergent = 0;
        for (String key : keys) {
            if (sql.count("select count(*) from cache_update where type = 'accounts' and id = ? and status = 'PENDING'",
                    key) > 0) {
                continue;
            }
            List<Map<String, Object>> cached = sql.query(
                    "select body->>'name' as name, body->>'phone' as phone from cache_entry"
                            + " where type = 'accounts' and id = ? and expires_at > now()", key);
            if (cached.isEmpty()) {
                continue;
            }
            Map<String, Object> held = backend.query("select name, phone from simulator.account where id = ?", key).get(0);
            if (!Objects.equals(trim(cached.get(0).get("name")), trim(held.get("name")))
                    || !Objects.equals(trim(cached.get(0).get("phone")), trim(held.get("phone")))) {
                divergent++;
                violations.add("account " + key + ": cache " + cached.get(0) + " but back-end " + held);
            }
        }

        List<String> prepared = sql.preparedTransactions();
        if (!prepared.isEmpty()) {
            violations.add(prepared.size() + " prepared transactions left: " + prepared);
        }
        queueDepths.forEach((queue, depth) -> {
            if (depth != 0) {
                violations.add(depth + " messages left on " + queue);
            }
        });
        long pending = sql.count("select count(*) from cache_update where status = 'PENDING'");
        if (pending > 0) {
            violations.add(pending + " updates still PENDING after the drain");
        }

        long serverErrors = 0;
        long unexpectedServerErrors = 0;
        for (Call call : calls) {
            if (call.status() >= 500) {
                serverErrors++;
            }
            // the load's own requests are valid: they get 200/202, or a JSON 503 with an outage's code (not ready, a
            // dependency unavailable), nothing else: a 500 or a 503 of another kind is a bug
            boolean load = "WRITE".equals(call.kind()) || "READ".equals(call.kind());
            if (load && call.status() != -1 && call.status() != 200 && call.status() != 202
                    && (call.status() != 503 || call.error() == null || !OUTAGE_503.matcher(call.error()).find())) {
                violations.add(call.kind() + " " + call.key() + " answered " + call.status() + " " + call.error());
                if (call.status() >= 500) {
                    unexpectedServerErrors++;
                }
            }
        }
        return new Result(scenario, calls.size(), accepted, applied, failed, lost, duplicated, divergent, serverErrors,
                unexpectedServerErrors, unknown, phantom, duration, figures, violations, null);
    }

    private static String trim(Object value) {
        return value == null ? null : value.toString().trim();
    }
}
