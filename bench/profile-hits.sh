#!/usr/bin/env bash
# Where a cache hit's CPU goes: JFR's execution samples of midtier while wrk reads the 100 demo accounts (all cached)
# at 16 connections, summarised by the frameworks on each sample's stack and by the top frames (docs/BENCHMARKS.md).
#   bench/profile-hits.sh [CHECKOUT]    # a checkout with its jars built (default: this one); BENCH_NEAR_MODE to set the mode
# Same settings as bench/run.sh (BENCH_HTTP_PORT, BENCH_SIMULATOR_PORT, BENCH_MANAGEMENT_PORT, BENCH_DB,
# BENCH_SIMULATOR_DB); run it under flock /tmp/midtier-bench.lock like the bench.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
CHECKOUT="$(cd "${1:-$HERE}" && pwd)"
SECONDS_TO_PROFILE="${BENCH_SECONDS:-20}"
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"; SIMULATOR_PORT="${BENCH_SIMULATOR_PORT:-18081}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18090}"
DB="${BENCH_DB:-midtier_bench}"; SIM_DB="${BENCH_SIMULATOR_DB:-midtier_bench_sim}"
OUT="$HERE/target/bench/profile-$(basename "$CHECKOUT")-${BENCH_NEAR_MODE:-default}"
API="http://127.0.0.1:$HTTP_PORT"
mkdir -p "$OUT"
export PGHOST=127.0.0.1 PGUSER=postgres
for d in "$DB" "$SIM_DB"; do psql -XAtq -d postgres -c "drop database if exists $d with (force)" -c "create database $d" >/dev/null; done

SIMULATOR_PORT="$SIMULATOR_PORT" SIMULATOR_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$SIM_DB" \
    java -Xmx64m -XX:+UseSerialGC -jar "$CHECKOUT/simulator/target/midtier-simulator.jar" > "$OUT/simulator.log" 2>&1 &
SIM=$!
cd "$CHECKOUT"
env MIDTIER_HTTP_PORT="$HTTP_PORT" MIDTIER_MANAGEMENT_PORT="$MANAGEMENT_PORT" MIDTIER_BACKEND_URL="http://127.0.0.1:$SIMULATOR_PORT" \
MIDTIER_BROKER_TCP_PORT=0 MIDTIER_DATA_DIR="$OUT/data" MIDTIER_TX_NODE_ID=profile \
MIDTIER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" ${BENCH_NEAR_MODE:+MIDTIER_CACHE_NEAR_MODE=$BENCH_NEAR_MODE} \
CAMEL_MAIN_ROUTES_INCLUDE_PATTERN="file:routes/*.camel.yaml" CAMEL_MAIN_ROUTES_RELOAD_ENABLED=false \
    java -jar target/midtier.jar > "$OUT/midtier.log" 2>&1 &
APP=$!
trap 'kill $APP $SIM 2>/dev/null || true; wait $APP $SIM 2>/dev/null || true' EXIT
until curl -sf -o /dev/null "$API/api/accounts/1001"; do kill -0 "$APP" || { echo "midtier exited: $OUT/midtier.log"; exit 1; }; sleep 0.1; done
for id in $(seq 1001 1100); do curl -sf -o /dev/null "$API/api/accounts/$id"; done
wrk -t2 -c16 -d10s -s "$HERE/bench/lua/get-accounts.lua" "$API" >/dev/null
jcmd "$APP" JFR.start name=hits settings=profile filename="$OUT/hits.jfr" >/dev/null
wrk -t2 -c16 -d"${SECONDS_TO_PROFILE}s" -s "$HERE/bench/lua/get-accounts.lua" "$API" | grep -E "Requests/sec"
jcmd "$APP" JFR.stop name=hits >/dev/null

jfr print --events jdk.ExecutionSample --stack-depth 200 "$OUT/hits.jfr" > "$OUT/samples.txt"
# every sample once per framework found on its stack (a sample inside Camel called by Vert.x counts for both)
awk '
    /jdk.ExecutionSample/ { if (n) flush(); n++; delete seen; top = ""; next }
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
    function flush() { for (k in seen) count[k]++; tops[top]++ }
    END {
        if (n) flush()
        printf "samples %d\n", n
        for (k in count) printf "%5.1f%%  %s\n", 100 * count[k] / n, k | "sort -rn"
        close("sort -rn")
        print "top frames:"
        for (t in tops) printf "%5.1f%%  %s\n", 100 * tops[t] / n, t | "sort -rn | head -15"
    }' "$OUT/samples.txt" | tee "$OUT/summary.txt"
