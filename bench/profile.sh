#!/usr/bin/env bash
# Where midtier's CPU goes: JFR's execution samples of midtier under one load, summarised by the threads that took
# them, by the frameworks on each sample's stack and by the top frames (docs/BENCHMARKS.md). midtier runs with its own
# JVM options (scripts/midtier-java, without a class archive; MIDTIER_JAVA_OPTS adds to them, as in the demo).
#   hits:   wrk reads the 100 demo accounts (all cached) at BENCH_CONNECTIONS (16) connections
#   writes: wrk PUTs the 100 demo accounts at 8 connections (back-end without latency); the recording goes on until
#           every update is delivered, so it holds the PUTs (HTTP threads) and their deliveries (JMS consumers)
#   drain:  BENCH_BACKLOG (3,000) PUTs queued with backend-delivery suspended (bench/RouteControl.java), then drained
#           by BENCH_BACKEND_CONCURRENCY (16) consumers against a back-end of as many calls at once, each
#           BENCH_BACKEND_LATENCY_MS (50) long: bench/run.sh's delivery-latency row; the recording covers the drain only,
#           and the CPU of midtier, PostgreSQL and the simulator over it is printed per update
#   bench/profile.sh hits|writes|drain [CHECKOUT]   # a checkout with its jars built (default: this one);
#                                             # BENCH_NEAR_MODE sets the near cache's mode
# Same settings as bench/run.sh (BENCH_HTTP_PORT, BENCH_SIMULATOR_PORT, BENCH_MANAGEMENT_PORT, BENCH_DB,
# BENCH_SIMULATOR_DB); run it under flock /tmp/midtier-bench.lock like the bench.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
LOAD="${1:?usage: bench/profile.sh hits|writes|drain [CHECKOUT]}"
case "$LOAD" in hits|writes|drain) ;; *) echo "unknown load $LOAD: hits, writes or drain" >&2; exit 2 ;; esac
CHECKOUT="$(cd "${2:-$HERE}" && pwd)"
SECONDS_TO_PROFILE="${BENCH_SECONDS:-20}"
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"; SIMULATOR_PORT="${BENCH_SIMULATOR_PORT:-18081}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18090}"
DB="${BENCH_DB:-midtier_bench}"; SIM_DB="${BENCH_SIMULATOR_DB:-midtier_bench_sim}"
CONCURRENCY="${BENCH_BACKEND_CONCURRENCY:-16}"; LATENCY_MS="${BENCH_BACKEND_LATENCY_MS:-50}"; BACKLOG="${BENCH_BACKLOG:-3000}"
OUT="$HERE/target/bench/profile-$LOAD-$(basename "$CHECKOUT")-${BENCH_NEAR_MODE:-default}"
AUTH="${BENCH_AUTH:-Basic $(printf 'admin:admin-dev' | base64)}"
API="http://127.0.0.1:$HTTP_PORT"
mkdir -p "$OUT"
export PGHOST=127.0.0.1 PGUSER=postgres
for d in "$DB" "$SIM_DB"; do psql -XAtq -d postgres -c "drop database if exists $d with (force)" -c "create database $d" >/dev/null; done

SIMULATOR_PORT="$SIMULATOR_PORT" SIMULATOR_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$SIM_DB${BENCH_SIMULATOR_JDBC_OPTIONS:-}" \
SIMULATOR_MAX_CONCURRENT="$CONCURRENCY" SIMULATOR_REPLY_BROKER_URL="" \
    java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$CHECKOUT/simulator/target/midtier-simulator.jar" > "$OUT/simulator.log" 2>&1 &
SIM=$!
cd "$CHECKOUT"
env MIDTIER_HTTP_PORT="$HTTP_PORT" MIDTIER_MANAGEMENT_PORT="$MANAGEMENT_PORT" MIDTIER_BACKEND_URL="http://127.0.0.1:$SIMULATOR_PORT" \
MIDTIER_BROKER_TCP_PORT=0 MIDTIER_DATA_DIR="$OUT/data" MIDTIER_TX_NODE_ID=profile \
MIDTIER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" MIDTIER_DELIVERY_CONCURRENT_CONSUMERS="${BENCH_DELIVERY_CONSUMERS:-$CONCURRENCY}" \
${BENCH_NEAR_MODE:+MIDTIER_CACHE_NEAR_MODE=$BENCH_NEAR_MODE} \
CAMEL_MAIN_ROUTES_INCLUDE_PATTERN="file:routes/*.camel.yaml" CAMEL_MAIN_ROUTES_RELOAD_ENABLED=false \
    scripts/midtier-java --cds-dir off target/midtier.jar > "$OUT/midtier.log" 2>&1 &
APP=$!
# JFR's "profile" settings with Java samples every BENCH_SAMPLE_MS (1) instead of 10 ms: at 10 ms a drain of 20 s
# gave 240 samples; waits (monitor waits, parks) of BENCH_LOCK_MS (10) or longer are recorded
JFC="$OUT/profile.jfc"
sed -E -e "/\"jdk.ExecutionSample\"/,/<\/event>/ s|(control=\"method-sampling-java-interval\">)[^<]*|\1${BENCH_SAMPLE_MS:-1} ms|" \
    -e "s|(control=\"locking-threshold\">)[^<]*|\1${BENCH_LOCK_MS:-10} ms|" \
    "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")/lib/jfr/profile.jfc" > "$JFC"
profile_start() { jcmd "$APP" JFR.start name=profile settings="$JFC" filename="$OUT/profile.jfr" >/dev/null; }
profile_stop() { jcmd "$APP" JFR.stop name=profile >/dev/null; }
. "$HERE/bench/common.sh"
pending() { psql -XAtq -d "$DB" -c "select count(*) from cache_update where status = 'PENDING'"; }
set_backend_latency() { simulator_latency "http://127.0.0.1:$SIMULATOR_PORT" "$1"; }
trap 'kill $APP $SIM 2>/dev/null || true; wait $APP $SIM 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$API/api/accounts/1001"; do kill -0 "$APP" || { echo "midtier exited: $OUT/midtier.log"; exit 1; }; sleep 0.1; done
for id in $(seq 1001 1100); do curl -sf -o /dev/null "$API/api/accounts/$id"; done
if [ "$LOAD" = hits ]; then
    connections="${BENCH_CONNECTIONS:-16}"; threads=$(threads_for "$connections")
    wrk -t"$threads" -c"$connections" -d10s -s "$HERE/bench/lua/get-accounts.lua" "$API" >/dev/null
    profile_start
    wrk -t"$threads" -c"$connections" -d"${SECONDS_TO_PROFILE}s" -s "$HERE/bench/lua/get-accounts.lua" "$API" | grep -E "Requests/sec"
elif [ "$LOAD" = drain ]; then
    ticks() { echo "$(process_ticks "$APP") $(postgres_ticks) $(process_ticks "$SIM")"; }
    set_backend_latency 0
    # warm: PUTs delivered at once
    BENCH_AUTH="$AUTH" wrk -t2 -c8 -d10s -s "$HERE/bench/lua/put-accounts.lua" "$API" >/dev/null
    until [ "$(pending)" -eq 0 ]; do sleep 1; done
    read -r state _ <<< "$(delivery_route "$APP" suspend)"
    [ "$state" = Suspended ] || { echo "backend-delivery did not suspend"; exit 1; }
    BENCH_AUTH="$AUTH" BENCH_PUT_LIMIT=$(( (BACKLOG + 1) / 2 )) wrk -t2 -c32 -d600s -s "$HERE/bench/lua/put-accounts.lua" "$API" >/dev/null &
    WRK=$!
    until [ "$(pending)" -ge "$BACKLOG" ]; do sleep 0.2; done
    sleep 1; kill "$WRK" 2>/dev/null || true; wait "$WRK" 2>/dev/null || true
    queued=$(pending)
    set_backend_latency "$LATENCY_MS"
    profile_start
    read -r m0 p0 s0 <<< "$(ticks)"
    read -r state resumed_ms <<< "$(delivery_route "$APP" resume)"
    [ "$state" = Started ] || { echo "backend-delivery did not resume"; exit 1; }
    until [ "$(pending)" -eq 0 ]; do sleep 0.5; done
    read -r m1 p1 s1 <<< "$(ticks)"
    # from the resume to the last update's applied_at, as bench/run.sh times a drain
    ms=$(psql -XAtq -d "$DB" -c "select round(extract(epoch from max(applied_at)) * 1000 - $resumed_ms) from cache_update")
    awk -v q="$queued" -v ms="$ms" -v m=$((m1 - m0)) -v p=$((p1 - p0)) -v s=$((s1 - s0)) -v c="$CONCURRENCY" -v l="$LATENCY_MS" \
        -v n="${BENCH_DELIVERY_CONSUMERS:-$CONCURRENCY}" 'BEGIN {
        printf "drained %d updates in %d ms: %.0f/s", q, ms, q * 1000 / ms
        if (l > 0) printf " (capacity %d x %d ms = %.0f/s)", c, l, c * 1000 / l
        printf " with %d consumers\n", n
        printf "CPU ms per update: midtier %.2f, postgres %.2f, simulator %.2f\n", m * 10 / q, p * 10 / q, s * 10 / q }' \
        | tee "$OUT/drain.txt"
else
    # a back-end without latency, as bench/run.sh's write rows: what is measured is midtier's own cost
    set_backend_latency 0
    BENCH_AUTH="$AUTH" wrk -t2 -c8 -d10s -s "$HERE/bench/lua/put-accounts.lua" "$API" >/dev/null
    until [ "$(pending)" -eq 0 ]; do sleep 1; done
    profile_start
    started=$(date +%s)
    BENCH_AUTH="$AUTH" wrk -t2 -c8 -d"${SECONDS_TO_PROFILE}s" -s "$HERE/bench/lua/put-accounts.lua" "$API" \
        | grep -E "Requests/sec"
    echo "updates left to deliver: $(pending)"
    until [ "$(pending)" -eq 0 ]; do sleep 1; done
    echo "updates delivered $(( $(date +%s) - started )) s after the PUTs began; $(psql -XAtq -d "$DB" \
        -c "select count(*) from cache_update where applied_at > to_timestamp($started)") applied in the recording"
fi
profile_stop

jfr print --events jdk.ExecutionSample --stack-depth 200 "$OUT/profile.jfr" > "$OUT/samples.txt"
# every sample once per framework found on its stack (a sample inside Camel called by Vert.x counts for both)
awk '
    /jdk.ExecutionSample/ { if (n) flush(); n++; delete seen; top = ""; thread = "other"; next }
    /sampledThread = / {
        t = $0; sub(/.*sampledThread = "/, "", t); sub(/".*/, "", t)
        if (t ~ /JmsConsumer\[midtier\.updates\]/) thread = "delivery consumers (updates queue)"
        else if (t ~ /JmsConsumer/) thread = "other JMS consumers"
        else if (t ~ /vert\.x|vertx/) thread = "HTTP (Vert.x)"
        else if (t ~ /seda:changes|changes/) thread = "change publisher"
        else if (t ~ /Artemis|activemq|Thread-[0-9]+ \(ActiveMQ/) thread = "broker (Artemis)"
        else if (t ~ /Periodic Recovery|Transaction Reaper/) thread = "Narayana"
        else if (t ~ /GC|Compiler/) thread = "JVM"
        else thread = "other: " t
        next
    }
    /line:/ {
        f = $1; if (top == "") top = f
        if (f ~ /^io\.vertx|^io\.netty/) seen["vertx/netty (HTTP)"] = 1
        if (f ~ /^org\.apache\.camel/) seen["camel"] = 1
        if (f ~ /^org\.postgresql|^io\.agroal/) seen["jdbc (pgjdbc, agroal)"] = 1
        if (f ~ /^io\.midtier/) seen["midtier"] = 1
        if (f ~ /^com\.github\.benmanes/) seen["caffeine"] = 1
        if (f ~ /^io\.micrometer/) seen["micrometer"] = 1
        if (f ~ /^com\.fasterxml/) seen["jackson"] = 1
        if (f ~ /^sun\.nio|^java\.net|^sun\.net/) seen["socket I/O"] = 1
    }
    function flush() { for (k in seen) count[k]++; tops[top]++; threads[thread]++ }
    END {
        if (n) flush()
        printf "samples %d\nby thread:\n", n
        for (t in threads) printf "%5.1f%%  %s\n", 100 * threads[t] / n, t | "sort -rn | head -12"
        close("sort -rn | head -12")
        print "by framework on the stack:"
        for (k in count) printf "%5.1f%%  %s\n", 100 * count[k] / n, k | "sort -rn"
        close("sort -rn")
        print "top frames:"
        for (t in tops) printf "%5.1f%%  %s\n", 100 * tops[t] / n, t | "sort -rn | head -15"
    }' "$OUT/samples.txt" | tee "$OUT/summary.txt"
