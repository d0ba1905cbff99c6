# What bench/run.sh and bench/profile.sh share (sourced).

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# wrk and pgbench threads for a number of connections: one for one, else one per core of this 2-core machine
threads_for() { if [ "$1" -lt 2 ]; then echo 1; else echo 2; fi; }

# CPU time from /proc in ticks (1/100 s): one process (all its threads)
process_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
# the database's processes together (a backend that exits meanwhile takes its ticks along: the pools keep theirs; a
# process gone between the glob and cat's read fails cat, which under pipefail would end the calling script)
postgres_ticks() { { cat /proc/[0-9]*/stat 2>/dev/null || true; } | awk '$2 == "(postgres)" { t += $14 + $15 } END { print t + 0 }'; }

# midtier's backend-delivery route suspended or resumed through Camel's route MBean (RouteControl.java):
# PID suspend|resume -> "state epoch_ms" (the state after the operation; the time just before it)
delivery_route() { java "$BENCH_DIR/RouteControl.java" "$1" backend-delivery "$2" | awk '/^STATE/ { print $2, $3 }'; }

# the simulator's response time for every back-end call from now on, without jitter: SIMULATOR_URL MS
simulator_latency() {
    curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"latencyMs\":$2,\"jitterMs\":0}" "$1/simulator/faults" >/dev/null
}
