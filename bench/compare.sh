#!/usr/bin/env bash
# Before/after of a change, on a busy machine: two checkouts of midtier (each with target/midtier.jar built and
# its own routes/ and kamelets/) run the same steps in alternation, round after round, so that whatever else the
# machine does weighs on both alike. Each side, each round, on a database and data directory made anew:
#   startup   time from launch to the first answered GET /api/accounts/1001 (fresh: new data directory and
#             database; restart: the drain start below, same data directory and database, updates queued)
#   hits      wrk GETs of the 100 cached demo accounts at 16 connections
#   puts      wrk XA PUTs at 8 clients with the delivery route left out, so the updates stay queued
#   rss       midtier's resident memory after the hits and after the puts
#   drain     midtier restarted with every route; the queued updates delivered to a back-end that answers at once
# The back-end is one simulator for both sides: the AFTER checkout's simulator/target/midtier-simulator.jar, started
# here as a program of its own on a database of its own. A checkout of the old layout (the simulator inside
# midtier's jar, on by default) gets LEGACY_SIMULATOR_ENABLED=false; both name the simulator with
# MIDTIER_BACKEND_URL. A checkout with scripts/midtier-java is started through it (its JVM options and class
# archive), one without with plain `java -jar`. Before round 1 each side is started once unmeasured (the page cache
# warm for both jars; a new jar records its class archive then).
# Besides the rates it prints midtier's own CPU time per request/update (from /proc: less sensitive to the other
# load than a rate). Prints the table (medians and the after/before ratio) and writes target/bench/compare.md.
#
#   bench/compare.sh BEFORE_DIR AFTER_DIR [ROUNDS]      e.g. bench/compare.sh /tmp/midtier-before . 3
#   BEFORE_JAVA_OPTS=-Dsun.net.httpserver.nodelay=false bench/compare.sh . . 3   # one setting, same checkout
set -euo pipefail
cd "$(dirname "$0")/.."
HERE="$PWD"
A="$(cd "$1" && pwd)"; B="$(cd "$2" && pwd)"; ROUNDS="${3:-3}"
SECONDS_PER_STEP="${BENCH_SECONDS:-10}"
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"; SIMULATOR_PORT="${BENCH_SIMULATOR_PORT:-18081}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18090}"
DB="${BENCH_DB:-midtier_compare}"
SIM_DB="${BENCH_SIMULATOR_DB:-midtier_compare_sim}"
AUTH="${BENCH_AUTH:-Basic $(printf 'admin:admin-dev' | base64)}"
OUT="$HERE/target/bench"; API="http://127.0.0.1:$HTTP_PORT"
export PGHOST=127.0.0.1 PGUSER=postgres
PSQL=(psql -XAtq -d "$DB")
TICKS=$(getconf CLK_TCK)
mkdir -p "$OUT"; ROWS="$OUT/compare.csv"; echo "side,round,metric,value" > "$ROWS"

progress() { printf '[compare %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { progress "FAILED: $*"; exit 1; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
cpu_ms() { awk -v t="$TICKS" '{ printf "%d", ($14 + $15) * 1000 / t }' "/proc/$APP/stat"; }
per() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "nan" }'; }
for side in "$A" "$B"; do [ -f "$side/target/midtier.jar" ] || fail "$side/target/midtier.jar is missing (mvn -B -q package -DskipTests there)"; done
command -v wrk >/dev/null || fail "wrk is missing (bench/run.sh installs it; or apt-get install wrk)"
SIMULATOR_JAR="$B/simulator/target/midtier-simulator.jar"
[ -f "$SIMULATOR_JAR" ] || fail "$SIMULATOR_JAR is missing (mvn -B -q package -DskipTests in $B)"
cat bench/lua/get-accounts.lua bench/lua/report.lua > "$OUT/compare-get.lua"
cat bench/lua/put-accounts.lua bench/lua/report.lua > "$OUT/compare-put.lua"

APP=""; SIM=""; STARTUP_MS=0
start() { # side exclude-pattern java-options -> STARTUP_MS: launch to the first answered read
    local launcher t0
    # shellcheck disable=SC2086
    if [ -x "$1/scripts/midtier-java" ]; then launcher="scripts/midtier-java target/midtier.jar $3"; else launcher="java $3 -jar target/midtier.jar"; fi
    t0=$(date +%s%N)
    (cd "$1" && MIDTIER_HTTP_PORT="$HTTP_PORT" MIDTIER_MANAGEMENT_PORT="$MANAGEMENT_PORT" LEGACY_SIMULATOR_ENABLED=false \
        MIDTIER_BACKEND_URL="http://127.0.0.1:$SIMULATOR_PORT" MIDTIER_BROKER_TCP_PORT=0 MIDTIER_DATA_DIR="$OUT/compare-data" \
        MIDTIER_TX_NODE_ID=compare MIDTIER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
        CAMEL_MAIN_ROUTES_RELOAD_ENABLED=false \
        exec env ${2:+CAMEL_MAIN_ROUTES_EXCLUDE_PATTERN="$2"} $launcher >> "$OUT/compare-midtier.log" 2>&1) &
    APP=$!
    until curl -sf -o /dev/null "$API/api/accounts/1001"; do
        kill -0 "$APP" 2>/dev/null || fail "midtier exited, see $OUT/compare-midtier.log"
        sleep 0.05
    done
    STARTUP_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}
# the launcher execs java: $APP is the JVM (its /proc figures are midtier's)
stop() { [ -n "$APP" ] && { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }; APP=""; }
stop_simulator() { [ -n "$SIM" ] && { kill "$SIM" 2>/dev/null || true; wait "$SIM" 2>/dev/null || true; }; SIM=""; }
trap 'stop; stop_simulator' EXIT
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$APP/status"; }

psql -XAtq -d postgres -c "drop database if exists $SIM_DB with (force)" -c "create database $SIM_DB" >/dev/null
SIMULATOR_PORT="$SIMULATOR_PORT" SIMULATOR_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$SIM_DB" \
    java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$SIMULATOR_JAR" > "$OUT/compare-simulator.log" 2>&1 &
SIM=$!
until curl -sf -o /dev/null "http://127.0.0.1:$SIMULATOR_PORT/simulator/stats"; do
    kill -0 "$SIM" 2>/dev/null || fail "the simulator exited, see $OUT/compare-simulator.log"
    sleep 0.1
done
set_backend_latency() {
    curl -sf -X PUT -H 'Content-Type: application/json' -d "{\"latencyMs\":$1,\"jitterMs\":0}" \
        "http://127.0.0.1:$SIMULATOR_PORT/simulator/faults" >/dev/null
}
pending() { "${PSQL[@]}" -c "select count(*) from cache_update where status = 'PENDING'"; }
wrk_step() { # connections script -> "rps requests"
    wrk -t2 -c"$1" -d"${SECONDS_PER_STEP}s" --latency -s "$2" "$API" \
        | awk '/requests in/ { n = $1 } /^RESULT/ { print $2, n }'
}

one() { # side-name side-dir round
    local name="$1" dir="$2" round="$3" c0 drained t0 t1 c1 rps n opts
    if [ "$name" = before ]; then opts="${BEFORE_JAVA_OPTS:-}"; else opts="${AFTER_JAVA_OPTS:-}"; fi
    psql -XAtq -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
    rm -rf "$OUT/compare-data"
    progress "$name, round $round: hits and queued puts"
    # a back-end that answers at once: the misses of the warm-up and the drain measure midtier, not the back-end
    set_backend_latency 0
    # the delivery's route file left out: named as a checkout of today serves it (an absolute folder), and as one of
    # the old layout did (relative)
    start "$dir" "file:/**/backend-delivery.camel.yaml,file:routes/backend-delivery.camel.yaml" "$opts"
    echo "$name,$round,startup_fresh_ms,$STARTUP_MS" >> "$ROWS"
    for id in $(seq 1001 1100); do curl -sf -o /dev/null "$API/api/accounts/$id"; done
    wrk -t2 -c16 -d5s -s "$OUT/compare-get.lua" "$API" >/dev/null
    c0=$(cpu_ms); read -r rps n <<< "$(wrk_step 16 "$OUT/compare-get.lua")"; c1=$(cpu_ms)
    echo "$name,$round,hits_rps,$rps" >> "$ROWS"; echo "$name,$round,hits_cpu_ms_per_request,$(per $((c1 - c0)) "$n")" >> "$ROWS"
    echo "$name,$round,rss_after_hits_mb,$(rss_mb)" >> "$ROWS"
    c0=$(cpu_ms); read -r rps n <<< "$(BENCH_AUTH="$AUTH" wrk_step 8 "$OUT/compare-put.lua")"; c1=$(cpu_ms)
    echo "$name,$round,put_rps,$rps" >> "$ROWS"; echo "$name,$round,put_cpu_ms_per_request,$(per $((c1 - c0)) "$n")" >> "$ROWS"
    echo "$name,$round,rss_after_puts_mb,$(rss_mb)" >> "$ROWS"
    stop
    drained=$(pending)
    [ "$drained" -gt 0 ] || fail "no update stayed queued after the PUTs: the delivery route ran (see $OUT/compare-midtier.log)"
    progress "$name, round $round: draining $drained queued updates"
    start "$dir" "" "$opts"
    echo "$name,$round,startup_restart_ms,$STARTUP_MS" >> "$ROWS"
    c0=$(cpu_ms); t0=$(date +%s%N)
    while [ "$(pending)" -gt 0 ]; do
        [ $(( ($(date +%s%N) - t0) / 1000000000 )) -lt 900 ] || fail "the queue did not drain within 15 minutes"
        sleep 0.2
    done
    t1=$(date +%s%N); c1=$(cpu_ms)
    echo "$name,$round,drain_updates_per_s,$(per "$((drained * 1000))" "$(( (t1 - t0) / 1000000 ))")" >> "$ROWS"
    echo "$name,$round,drain_cpu_ms_per_update,$(per $((c1 - c0)) "$drained")" >> "$ROWS"
    stop
}

: > "$OUT/compare-midtier.log"
for side in "$A" "$B"; do
    progress "unmeasured first start of $side"
    psql -XAtq -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
    rm -rf "$OUT/compare-data"
    start "$side" "" ""; stop
done
for round in $(seq 1 "$ROUNDS"); do
    # alternate who goes first, so a drift in the machine's load favours neither
    if [ $((round % 2)) = 1 ]; then one before "$A" "$round"; one after "$B" "$round"
    else one after "$B" "$round"; one before "$A" "$round"; fi
done

{
    echo "# before/after: $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); median of $ROUNDS rounds of ${SECONDS_PER_STEP}s"
    echo
    echo "before: $A ($(git -C "$A" rev-parse --short HEAD 2>/dev/null || echo '?')) ${BEFORE_JAVA_OPTS:-}  after: $B ($(git -C "$B" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$B" diff --quiet 2>/dev/null || echo ', with changes')) ${AFTER_JAVA_OPTS:-}"
    echo
    echo "| metric | before | after | after/before |"
    echo "|---|---|---|---|"
    for metric in startup_fresh_ms startup_restart_ms rss_after_hits_mb rss_after_puts_mb hits_rps hits_cpu_ms_per_request put_rps put_cpu_ms_per_request drain_updates_per_s drain_cpu_ms_per_update; do
        a=$(awk -F, -v m="$metric" '$1 == "before" && $3 == m { print $4 }' "$ROWS" | median)
        b=$(awk -F, -v m="$metric" '$1 == "after" && $3 == m { print $4 }' "$ROWS" | median)
        echo "| $metric | $a | $b | $(per "$b" "$a") |"
    done
} > "$OUT/compare.md"
cat "$OUT/compare.md"
