#!/usr/bin/env bash
# The reliability harness (issue 5, docs/reliability.md), long or short: builds the jar and runs ReliabilityIT with
# the given figures; the table is printed at the end and kept in target/reliability/results.md, every call in
# target/reliability/<scenario>-calls.csv.
#
#   scripts/reliability.sh --writes 10000 --crashes 5 --scenarios crash
#   scripts/reliability.sh --scenarios crash,outage,bad-input --writers 16 --db-url jdbc:postgresql://127.0.0.1:5432/mine
#   scripts/reliability.sh --minutes 30                 # the soak: every fault kind at random, seed printed
#   scripts/reliability.sh --minutes 30 --seed 42       # the same faults in the same order again
#
# A scenario asked for that cannot run (no private PostgreSQL cluster, the broker does not start...) fails the run
# with the reason; --exclude names the ones to leave out on purpose.
#
# Options (defaults are the short run of the test suite):
#   --scenarios LIST   crash,broker-loss,multi-instance,db-restart,outage,after-apply,bad-input (all); soak
#   --exclude LIST     scenarios not to run (named as excluded in the results)
#   --minutes N        run the soak for N minutes (alone, unless --scenarios names others too)
#   --seed N           the soak's random seed (default: a new one, printed)
#   --rate N           the soak's new writes a second, all writers together (15)
#   --writes N         accepted writes per scenario (120)
#   --crashes N        kill -9 of midtier in the crash scenario (5)
#   --writers N        concurrent writing clients (8)
#   --readers N        concurrent reading clients (2)
#   --keys N           accounts written, 1..100 (40)
#   --latency-ms N     the simulator's latency per call (5)
#   --outage-seconds N how long the back-end is slow, then down, in the outage scenario (8)
#   --drain-seconds N  the longest wait for the system to drain (180, or 1 per 20 writes)
#   --broker embedded  midtier's embedded broker instead of the external one
#   --database machine the machine's PostgreSQL instead of a private restartable cluster
#   --db-url URL       the database on the machine's PostgreSQL (default: a database of the run's own, made and dropped)
set -euo pipefail
cd "$(dirname "$0")/.."

props=()
while [ $# -gt 0 ]; do
    case "$1" in
        --scenarios|--exclude|--minutes|--seed|--rate|--writes|--crashes|--writers|--readers|--keys|--latency-ms|--outage-seconds|--drain-seconds|--broker|--database|--db-url)
            [ $# -ge 2 ] || { echo "reliability: $1 needs a value" >&2; exit 2; }
            props+=("-Dreliability.${1#--}=$2")
            shift 2 ;;
        -h|--help)
            sed -n '2,33p' "$0"; exit 0 ;;
        *)
            echo "reliability: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

status=0
mvn -B -q verify -Dit.test=ReliabilityIT -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false "${props[@]}" || status=$?
if [ -f target/reliability/results.md ]; then
    cat target/reliability/results.md
fi
exit $status
