#!/usr/bin/env bash
# midtier benchmarks, side by side with the limits of this machine (docs/BENCHMARKS.md).
# Builds the jars, starts the back-end simulator (simulator/target/midtier-simulator.jar, on a database of its own)
# and midtier (embedded Artemis) through scripts/midtier-java (the product's JVM options and class archive) on bench
# ports, runs every benchmark after a warm-up, BENCH_RUNS times (the table shows medians), prints the table and
# writes it to target/bench/results.md and target/bench/results.csv, with the rows of issues 14, 15 and 16 next to their
# goals. Stops everything it started.
#
#   bench/run.sh                       # full run (about 30 minutes)
#   BENCH_SECONDS=3 BENCH_RUNS=1 bench/run.sh   # a quick look
#   BENCH_HITS_ONLY=1 bench/run.sh     # the read path only: hits per near cache mode, CPU per hit, cost growth
#   BENCH_WRITES_ONLY=1 bench/run.sh   # the write path only: idle CPU, raw-stack baseline, PUTs, delivery, end to end
#   BENCH_NEAR_MODES="notify off"      # the near cache modes the hits are measured in (default: notify validate off)
#
# The back-end's capacity (issue 16): the simulator runs BENCH_BACKEND_CONCURRENCY (16) transactions at once, each
# taking BENCH_BACKEND_LATENCY_MS (50) in the write rows that have latency, so it completes at most concurrency x
# 1000 / latency updates a second (320/s). midtier runs as many delivery consumers (midtier.delivery.concurrent-
# consumers; the product's default is 4): a consumer waits for its back-end call, so a back-end of N concurrent
# transactions is used fully by N consumers, and fewer would measure the consumer count instead of the delivery.
# Every row of a run has that consumer count, the instant-back-end drain (delivery) and the idle row included
# (the delivery,-,delivery_consumers row says which); above 20 the back-end calls would also queue for camel-http's
# 20 connections per host.
#   delivery          what the dual-write runs queued (backend-delivery suspended while they ran, so that their rows
#                     measure the PUT alone), drained by a back-end of latency 0 once it is resumed
#   delivery-backlog  a backlog of BENCH_BACKLOG (3000) updates, queued with the delivery route suspended
#                     (bench/RouteControl.java, through Camel's route MBean), drained by a back-end of latency 0
#   delivery-latency  the same drained at the back-end's latency: rate against capacity, midtier's CPU per update,
#                     per-key order (each key's updates applied in version order), the back-end's mean calls in flight
#   end-to-end        PUTs at BENCH_E2E_RATE (default: 0.6 x capacity, rounded up to 10/s: 200/s) for
#                     BENCH_E2E_SECONDS, back-end at its latency: accepted-to-applied p50/p99
#   BENCH_MAVEN_ARGS  more arguments for the build (e.g. -o: offline)
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_SECONDS="${BENCH_SECONDS:-10}"
RUNS="${BENCH_RUNS:-3}"
# the back-end's concurrency and latency, its capacity in updates a second, and as many delivery consumers
BACKEND_CONCURRENCY="${BENCH_BACKEND_CONCURRENCY:-16}"
BACKEND_LATENCY_MS="${BENCH_BACKEND_LATENCY_MS:-50}"
[ "$BACKEND_LATENCY_MS" -gt 0 ] || { echo "BENCH_BACKEND_LATENCY_MS must be above 0 (the instant back-end has its own row)" >&2; exit 1; }
CAPACITY=$(awk -v c="$BACKEND_CONCURRENCY" -v l="$BACKEND_LATENCY_MS" 'BEGIN { printf "%.0f", c * 1000 / l }')
BACKLOG="${BENCH_BACKLOG:-3000}"
# issue 16 asks for end to end at 0.6x capacity, 200/s in its example of 16 x 50 ms (0.6 x 320 = 192): rounded up
# to the next 10/s, the default is the issue's own figure there and never below 0.6x elsewhere
E2E_RATE="${BENCH_E2E_RATE:-$(awk -v c="$CAPACITY" 'BEGIN { r = c * 0.6; r = int((r + 9.999) / 10) * 10; print (r > 0 ? r : 1) }')}"
E2E_SECONDS="${BENCH_E2E_SECONDS:-50}"
HTTP_PORT="${BENCH_HTTP_PORT:-18080}"
SIMULATOR_PORT="${BENCH_SIMULATOR_PORT:-18081}"
MANAGEMENT_PORT="${BENCH_MANAGEMENT_PORT:-18090}"
# the cost-growth block's second instance (the one over a million entries; the other takes the ports above)
GROWTH_HTTP_PORT="${BENCH_GROWTH_HTTP_PORT:-18082}"
GROWTH_MANAGEMENT_PORT="${BENCH_GROWTH_MANAGEMENT_PORT:-18091}"
# a database of its own, made anew for every run: no test's leftovers, the same start every time
DB="${BENCH_DB:-midtier_bench}"
SIM_DB="${BENCH_SIMULATOR_DB:-midtier_bench_sim}"
# the goals of issue 14 (docs/BENCHMARKS.md, "Start-up and footprint")
TARGET_FRESH_MS=3000; TARGET_RESTART_MS=2500; TARGET_RSS_MB=400
# the Authorization header for writes and evictions: the development user "admin" (roles admin, writer)
AUTH="${BENCH_AUTH:-Basic $(printf 'admin:admin-dev' | base64)}"

OUT=target/bench
DATA="$OUT/data"
API="http://127.0.0.1:$HTTP_PORT"
LEGACY="http://127.0.0.1:$SIMULATOR_PORT"
export PGHOST=127.0.0.1 PGUSER=postgres PGDATABASE="$DB"
PSQL=(psql -XAtq)
RESULTS="$OUT/results.csv"

progress() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { progress "FAILED: $*"; exit 1; }
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
row() { printf '%s\n' "$(IFS=,; echo "$*")" >> "$RESULTS"; }
result() { awk -F, -v b="$1" -v c="$2" -v m="$3" '$1 == b && $2 == c && $3 == m { print $4 }' "$RESULTS"; }  # benchmark concurrency metric
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
series() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.1f", 1 / (1 / a + 1 / b); else print "n/a" }'; }  # two rates in series

if ! command -v wrk >/dev/null; then
    if [ "$(id -u)" = 0 ]; then
        progress "installing wrk"
        apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
    else
        fail "wrk is missing: apt-get install wrk"
    fi
fi
command -v pgbench >/dev/null || fail "pgbench is missing (Debian package postgresql-client)"
# (its own database is made below: dev-postgres.sh checks the server through the always-present "postgres")
PGDATABASE=postgres scripts/dev-postgres.sh >&2
psql -XAtq -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB" >/dev/null
psql -XAtq -d postgres -c "drop database if exists $SIM_DB with (force)" -c "create database $SIM_DB" >/dev/null

progress "building target/midtier.jar and the simulator"
# shellcheck disable=SC2086
mvn -B -q ${BENCH_MAVEN_ARGS:-} package -DskipTests >&2
rm -rf "$DATA" && mkdir -p "$DATA"
: > "$OUT/midtier.log"

# ---- the back-end simulator: a program of its own, on its own database ----
# (no order answers: the bench places no order, and its midtier has no TCP broker for them to reach; the default
# would look for one on port 61616, which may be another midtier's on a shared machine)
SIMULATOR_PORT="$SIMULATOR_PORT" SIMULATOR_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$SIM_DB" \
SIMULATOR_MAX_CONCURRENT="$BACKEND_CONCURRENCY" SIMULATOR_REPLY_BROKER_URL="" \
    java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar simulator/target/midtier-simulator.jar \
    > "$OUT/simulator.log" 2>&1 &
SIM=$!
until curl -sf -o /dev/null "$LEGACY/simulator/stats"; do
    kill -0 "$SIM" 2>/dev/null || fail "the simulator exited, see $OUT/simulator.log"
    sleep 0.1
done
cat bench/lua/get-accounts.lua bench/lua/report.lua > "$OUT/get.lua"
cat bench/lua/put-accounts.lua bench/lua/report.lua > "$OUT/put.lua"
cp bench/lua/report.lua "$OUT/bare.lua"
echo "benchmark,concurrency,metric,value" > "$RESULTS"

# ---- start midtier, measure the time to its first answered read ----
start_midtier() { # routes-include-pattern [data-dir] [database [http-port management-port node-id]]
    MIDTIER_HTTP_PORT="${4:-$HTTP_PORT}" MIDTIER_MANAGEMENT_PORT="${5:-$MANAGEMENT_PORT}" \
    MIDTIER_BACKEND_URL="$LEGACY" MIDTIER_BROKER_TCP_PORT=0 MIDTIER_DATA_DIR="${2:-$DATA}" MIDTIER_TX_NODE_ID="${6:-bench}" \
    MIDTIER_DB_URL="jdbc:postgresql://127.0.0.1:5432/${3:-$DB}" MIDTIER_CACHE_NEAR_MODE="${NEAR_MODE:-validate}" \
    MIDTIER_CACHE_NEAR_MAX_ENTRIES="${NEAR_MAX_ENTRIES:-100000}" MIDTIER_CACHE_NEAR_MAX_BYTES="${NEAR_MAX_BYTES:-67108864}" \
    MIDTIER_DELIVERY_CONCURRENT_CONSUMERS="$BACKEND_CONCURRENCY" \
    CAMEL_MAIN_ROUTES_INCLUDE_PATTERN="$1" CAMEL_MAIN_ROUTES_RELOAD_ENABLED=false \
        scripts/midtier-java target/midtier.jar >> "$OUT/midtier.log" 2>&1 &
    APP=$!
}
await_read() {
    until curl -sf -o "$1" "$API/api/accounts/1001"; do
        kill -0 "$APP" 2>/dev/null || fail "midtier exited, see $OUT/midtier.log"
        sleep 0.05
    done
}
stop_midtier() { [ -n "${APP:-}" ] && { kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; }; APP=""; }
stop_simulator() { kill "$SIM" 2>/dev/null || true; wait "$SIM" 2>/dev/null || true; }
# the cost-growth block's instances, by size
declare -A GROWTH_APP=() GROWTH_API=()
stop_growth_instances() { for pid in "${GROWTH_APP[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done; GROWTH_APP=(); }
trap 'stop_midtier; stop_growth_instances; stop_simulator; "${PSQL[@]}" -c "drop table if exists bench_cache_entry, bench_cache_update" >/dev/null 2>&1 || true' EXIT

# The first run of a new jar records its class archive (scripts/midtier-java); what every later start of that jar
# maps. It is measured on a database and data directory of its own, so the fresh start below is one like every
# other fresh start: a new data directory and an empty database, with the jar's archive in place.
if ! ls target/midtier-cds/midtier-"$(stat -c %s-%Y target/midtier.jar)".jsa >/dev/null 2>&1; then
    progress "first run of this jar: recording its class archive"
    psql -XAtq -d postgres -c "drop database if exists ${DB}_first with (force)" -c "create database ${DB}_first" >/dev/null
    launched=$(date +%s%N)
    start_midtier "file:routes/*.camel.yaml" "$OUT/data-first" "${DB}_first"
    await_read /dev/null
    row footprint,-,first_run_of_a_build_to_first_read_ms,"$(( ($(date +%s%N) - launched) / 1000000 ))"
    stop_midtier
    rm -rf "$OUT/data-first"
    psql -XAtq -d postgres -c "drop database if exists ${DB}_first with (force)" >/dev/null
fi

progress "starting midtier (fresh data directory, empty database)"
launched=$(date +%s%N)
start_midtier "file:routes/*.camel.yaml"
await_read "$DATA/bench-account.json"
startup_ms=$(( ($(date +%s%N) - launched) / 1000000 ))
row footprint,-,startup_to_first_read_ms,"$startup_ms"
progress "first read answered after $startup_ms ms; restarting with the bench's bare endpoint"
stop_midtier
launched=$(date +%s%N)
start_midtier "file:routes/*.camel.yaml,file:bench/routes/*.camel.yaml"
await_read /dev/null
row footprint,-,restart_to_first_read_ms,"$(( ($(date +%s%N) - launched) / 1000000 ))"

rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$APP/status"; }
. bench/common.sh
set_backend_latency() { simulator_latency "$LEGACY" "$1"; }
pgbench_tps() { # clients script -> tps (nothing when pgbench could not run, e.g. too many connections)
    { pgbench -n -M prepared -c "$1" -j "$(threads_for "$1")" -T "$RUN_SECONDS" -f "$2" 2>>"$OUT/pgbench.err" || true; } \
        | awk '/^tps/ { print $3 }'
}
wrk_run() { # concurrency script url -> "rps p50 p99 non2xx errors"
    wrk -t"$(threads_for "$1")" -c"$1" -d"${RUN_SECONDS}s" --latency -s "$2" "$3" | awk '/^RESULT/ { print $2, $3, $4, $5, $6 }'
}

# ---- warm-up: every demo account cached, the JIT warm on both endpoints ----
progress "warm-up"
for id in $(seq 1001 1100); do curl -sf -o /dev/null "$API/api/accounts/$id"; done
wrk -t2 -c16 -d5s -s "$OUT/get.lua" "$API" >/dev/null
wrk -t2 -c16 -d5s "$API/bench/bare" >/dev/null
row footprint,-,rss_after_warmup_mb,"$(rss_mb)"

# ---- 1. cache hits against a bare endpoint and pgbench select-only, per near cache mode ----
cat > "$OUT/select.sql" <<'SQL'
\set id random(1001, 1100)
select body from cache_entry where type = 'accounts' and id = cast(:id as text);
SQL
# midtier's CPU ticks; the database's (postgres_ticks) and the simulator's: where the machine's CPU went besides midtier
cpu_ticks() { process_ticks "$APP"; }
# midtier's own CPU (user + system, clock ticks of 10 ms) per answered request over a run of RUN_SECONDS, in ms:
# ticks read before the run, wrk_run's result
cpu_ms_per_request() { awk -v t="$(( $(cpu_ticks) - $1 ))" -v rps="${2%% *}" -v s="$RUN_SECONDS" \
    'BEGIN { if (rps > 0) printf "%.3f\n", t * 10 / (rps * s) }'; }
simulator_ticks() { process_ticks "$SIM"; }
restart_in_mode() { # near cache mode: midtier again, with its bench routes, every demo account cached, JIT warm
    stop_midtier
    NEAR_MODE="$1" start_midtier "file:routes/*.camel.yaml,file:bench/routes/*.camel.yaml"
    await_read /dev/null
    for id in $(seq 1001 1100); do curl -sf -o /dev/null "$API/api/accounts/$id"; done
    wrk -t2 -c16 -d5s -s "$OUT/get.lua" "$API" >/dev/null
}
peak_rss=0
[ "${BENCH_WRITES_ONLY:-0}" = 1 ] && BENCH_NEAR_MODES="" BENCH_GROWTH=0
for mode in ${BENCH_NEAR_MODES-notify validate off}; do
    progress "near cache $mode: restarting midtier"
    restart_in_mode "$mode"
    for c in 1 16 64; do
        : > "$OUT/hits.$c" ; : > "$OUT/bare.$c" ; : > "$OUT/pg.$c" ; : > "$OUT/cpu.$c" ; : > "$OUT/barecpu.$c" ; : > "$OUT/question.$c"
        for run in $(seq 1 "$RUNS"); do
            progress "cache hits, near cache $mode: $c connections, run $run/$RUNS"
            ticks=$(cpu_ticks)
            result=$(wrk_run "$c" "$OUT/get.lua" "$API")
            echo "$result" >> "$OUT/hits.$c"
            cpu_ms_per_request "$ticks" "$result" >> "$OUT/cpu.$c"
            rss=$(rss_mb); [ "$rss" -gt "$peak_rss" ] && peak_rss=$rss
            ticks=$(cpu_ticks)
            result=$(wrk_run "$c" "$OUT/bare.lua" "$API/bench/bare")
            echo "$result" >> "$OUT/bare.$c"
            # the same for the bare endpoint in the same process: the HTTP stack's own share of a hit's CPU
            cpu_ms_per_request "$ticks" "$result" >> "$OUT/barecpu.$c"
            pgbench_tps "$c" "$OUT/select.sql" >> "$OUT/pg.$c"
            # at one connection, validate mode's floor: pgbench's question asked from Java (bench/PrimaryKeyQuestion.java)
            [ "$mode" = validate ] && [ "$c" = 1 ] && java -cp target/midtier.jar bench/PrimaryKeyQuestion.java \
                "jdbc:postgresql://127.0.0.1:5432/$DB" "$RUN_SECONDS" | awk '/^RESULT/ { print $2 }' >> "$OUT/question.$c"
        done
        hits=$(cut -d' ' -f1 "$OUT/hits.$c" | median); bare=$(cut -d' ' -f1 "$OUT/bare.$c" | median)
        pg=$(median < "$OUT/pg.$c")
        row "hits-$mode","$c",midtier_rps,"$hits"
        row "hits-$mode","$c",midtier_p50_ms,"$(cut -d' ' -f2 "$OUT/hits.$c" | median)"
        row "hits-$mode","$c",midtier_p99_ms,"$(cut -d' ' -f3 "$OUT/hits.$c" | median)"
        row "hits-$mode","$c",midtier_non2xx,"$(cut -d' ' -f4 "$OUT/hits.$c" | median)"
        row "hits-$mode","$c",midtier_cpu_ms_per_hit,"$(median < "$OUT/cpu.$c")"
        row "hits-$mode","$c",bare_endpoint_rps,"$bare"
        row "hits-$mode","$c",bare_p99_ms,"$(cut -d' ' -f3 "$OUT/bare.$c" | median)"
        row "hits-$mode","$c",bare_cpu_ms_per_request,"$(median < "$OUT/barecpu.$c")"
        row "hits-$mode","$c",pgbench_select_tps,"$pg"
        row "hits-$mode","$c",ratio_midtier_to_bare,"$(ratio "$hits" "$bare")"
        row "hits-$mode","$c",ratio_midtier_to_pgbench,"$(ratio "$hits" "$pg")"
        [ "$mode" = notify ] && [ "$c" = 1 ] && notify_hits_1="$hits"
        if [ "$mode" = validate ] && [ "$c" = 1 ]; then
            # A validate hit at one connection is an HTTP round trip and a question in series, so these estimate the
            # most it can answer: the bare endpoint plus the question, and midtier's own notify hit (the same lookup
            # and answer from memory, no question) plus the question. Their ratios to pgbench set issue 15's 0.2
            # against this stack; the notify block ran minutes earlier, so the machine's drift moves that estimate.
            question=$(median < "$OUT/question.$c")
            row "hits-$mode","$c",java_question_per_s,"$question"
            floor=$(series "$bare" "$question")
            row "hits-$mode","$c",floor_bare_plus_question_rps,"$floor"
            row "hits-$mode","$c",ratio_floor_bare_plus_question_to_pgbench,"$(ratio "$floor" "$pg")"
            if [ -n "${notify_hits_1:-}" ]; then
                floor=$(series "$notify_hits_1" "$question")
                row "hits-$mode","$c",floor_notify_plus_question_rps,"$floor"
                row "hits-$mode","$c",ratio_floor_notify_plus_question_to_pgbench,"$(ratio "$floor" "$pg")"
            fi
        fi
    done
done
# (no peak without hit runs: BENCH_WRITES_ONLY)
[ "$peak_rss" -gt 0 ] && row footprint,-,rss_peak_under_load_mb,"$peak_rss"
row footprint,-,rss_after_hits_mb,"$(rss_mb)"

# ---- 1b. cost growth: hit latency over 10,000 and over 1,000,000 cached entries (random keys, 16 connections) ----
# Synthetic entries (ids from 5,000,000; the demo body, no transactions) fill the SQL cache of two copies of the bench's
# database, one to each size; every key of a range is read exactly once before the runs (bench/ReadEveryKey.java), so
# the near cache holds them all in the modes that have one and PostgreSQL has read every row in the others. A near
# cache of a million responses (~200 bytes each, with their keys and validators) does not fit midtier's default
# 256 MiB heap: this block runs midtier with BENCH_GROWTH_HEAP (2g) and a near cache bound of 1.5 GiB, as an operator
# caching that many would size them. The sizes are measured side by side: an instance of midtier on each database
# (the second on the BENCH_GROWTH_ ports), their runs alternating (10k, 1M, 10k, ...), so that a change of the
# machine's speed during the block (this shared machine's changes from minute to minute) falls on both sizes alike;
# PostgreSQL's own lookups likewise. Each table is vacuumed after its bulk load (hint bits and visibility map set):
# the state autovacuum keeps a table of that size in, which a cluster without autovacuum (as some local ones run)
# never reaches.
if [ "${BENCH_GROWTH:-1}" = 1 ]; then
    GROWTH_SIZES="10000 1000000"
    # each size's instance: HTTP port, management port
    declare -A GROWTH_PORTS=([10000]="$HTTP_PORT $MANAGEMENT_PORT" [1000000]="$GROWTH_HTTP_PORT $GROWTH_MANAGEMENT_PORT")
    stop_midtier  # (the copies are made from the bench's database, which must have no session)
    for size in $GROWTH_SIZES; do
        progress "cost growth: a database of $size cached entries"
        psql -XAtq -d postgres -c "drop database if exists ${DB}_$size with (force)" \
            -c "create database ${DB}_$size template $DB" >/dev/null
        "${PSQL[@]}" -d "${DB}_$size" \
            -c "insert into cache_entry (type, id, body, version, state, fetched_at, expires_at, transactions)
                select 'accounts', (5000000 + g)::text, e.body, 1, 'FRESH', now(), now() + interval '1 day', '[]'::jsonb
                  from generate_series(0, $size - 1) g, (select body from cache_entry where type = 'accounts' and id = '1001') e" \
            -c "vacuum (analyze) cache_entry" >/dev/null
        printf 'request = function()\n  return wrk.format("GET", "/api/accounts/" .. (5000000 + math.random(0, %d)))\nend\n' \
            "$((size - 1))" | cat - bench/lua/report.lua > "$OUT/growth.$size.lua"
    done
    main_api=$API
    as_growth_instance() { APP=${GROWTH_APP[$1]}; API=${GROWTH_API[$1]}; }  # size: the helpers below act on it
    for mode in ${BENCH_GROWTH_MODES:-notify off}; do
        for size in $GROWTH_SIZES; do
            read -r port management <<< "${GROWTH_PORTS[$size]}"
            rm -rf "$OUT/growth-data-$size"
            NEAR_MODE="$mode" NEAR_MAX_ENTRIES=1100000 NEAR_MAX_BYTES=1610612736 \
                MIDTIER_JAVA_OPTS="-Xmx${BENCH_GROWTH_HEAP:-2g} ${MIDTIER_JAVA_OPTS:-}" \
                start_midtier "file:routes/*.camel.yaml" "$OUT/growth-data-$size" \
                    "${DB}_$size" "$port" "$management" "bench-growth-$size"
            GROWTH_APP[$size]=$APP; GROWTH_API[$size]="http://127.0.0.1:$port"; APP=""
        done
        for size in $GROWTH_SIZES; do
            as_growth_instance "$size"
            await_read /dev/null
            # every key once (the near cache warm), then the JIT on the measured mix
            progress "cost growth: reading each of $size keys once (near cache $mode)"
            java bench/ReadEveryKey.java "$API" 5000000 "$size" 16 >&2 || fail "the growth warm-up read failed"
            wrk -t2 -c16 -d5s -s "$OUT/growth.$size.lua" "$API" >/dev/null
            : > "$OUT/growth.$mode.$size"; : > "$OUT/growth-cpu.$mode.$size"
        done
        progress "cost growth: $RUNS runs per size, alternating (near cache $mode)"
        for run in $(seq 1 "$RUNS"); do
            for size in $GROWTH_SIZES; do
                as_growth_instance "$size"
                ticks=$(cpu_ticks)
                measured=$(wrk_run 16 "$OUT/growth.$size.lua" "$API")
                echo "$measured" >> "$OUT/growth.$mode.$size"
                cpu_ms_per_request "$ticks" "$measured" >> "$OUT/growth-cpu.$mode.$size"
            done
        done
        for size in $GROWTH_SIZES; do
            row "growth-$mode","$size",hit_p50_ms,"$(cut -d' ' -f2 "$OUT/growth.$mode.$size" | median)"
            row "growth-$mode","$size",hit_rps,"$(cut -d' ' -f1 "$OUT/growth.$mode.$size" | median)"
            row "growth-$mode","$size",cpu_ms_per_hit,"$(median < "$OUT/growth-cpu.$mode.$size")"
        done
        APP=""; API=$main_api
        stop_growth_instances
    done
    # PostgreSQL alone asking the off mode's statement (find-cache-entry.sql) for random keys of the same ranges,
    # its pages warm from the off mode's reads: the database's own growth, under the off row
    for size in $GROWTH_SIZES; do
        { printf '\\set id random(5000000, %d)\n' "$((5000000 + size - 1))"
          grep -v '^--' src/main/resources/sql/find-cache-entry.sql \
              | sed -e "0,/?/s//'accounts'/" -e "0,/?/s//:id/"; echo ';'; } > "$OUT/growth-select.$size.sql"
        : > "$OUT/growth-pg.$size"
    done
    for run in $(seq 1 "$RUNS"); do
        for size in $GROWTH_SIZES; do
            PGDATABASE="${DB}_$size" pgbench_tps 16 "$OUT/growth-select.$size.sql" >> "$OUT/growth-pg.$size"
        done
    done
    for size in $GROWTH_SIZES; do row growth-postgres,"$size",lookups_per_s,"$(median < "$OUT/growth-pg.$size")"; done
    # how many times longer a lookup takes PostgreSQL over the million rows than over ten thousand
    row growth-postgres,-,lookup_1m_to_10k,"$(ratio "$(result growth-postgres 10000 lookups_per_s)" \
        "$(result growth-postgres 1000000 lookups_per_s)")"
    for mode in ${BENCH_GROWTH_MODES:-notify off}; do
        row "growth-$mode",-,p50_1m_to_10k,"$(ratio "$(result "growth-$mode" 1000000 hit_p50_ms)" \
            "$(result "growth-$mode" 10000 hit_p50_ms)")"
    done
    for size in $GROWTH_SIZES; do psql -XAtq -d postgres -c "drop database if exists ${DB}_$size with (force)" >/dev/null; done
    restart_in_mode "${NEAR_MODE:-validate}"
fi

if [ "${BENCH_HITS_ONLY:-0}" != 1 ]; then
BENCH_COLD_RUNS=$([ "${BENCH_WRITES_ONLY:-0}" = 1 ] && echo 0 || echo "$RUNS")
# ---- 1c. idle: midtier's CPU with no request at all, in % of one core (issue 16: nothing runs at rest) ----
# at rest: measured once the last start's and the last load's own work (JIT compilation, warm-up) has settled,
# as the issue measured it (90 s after start); what still runs then is what runs for ever
IDLE_SECONDS="${BENCH_IDLE_SECONDS:-60}"
IDLE_SETTLE_SECONDS="${BENCH_IDLE_SETTLE_SECONDS:-30}"
progress "idle: midtier's CPU over $IDLE_SECONDS s without requests, after $IDLE_SETTLE_SECONDS s to settle"
sleep "$IDLE_SETTLE_SECONDS"
ticks=$(cpu_ticks); sleep "$IDLE_SECONDS"
row idle,-,midtier_cpu_pct_of_a_core,"$(awk -v t="$(( $(cpu_ticks) - ticks ))" -v s="$IDLE_SECONDS" 'BEGIN { printf "%.2f", t * 10 / (s * 10) }')"

# ---- 2. coalescing: 200 concurrent cold readers over 50 keys ----
: > "$OUT/cold"
for run in $(seq 1 "$BENCH_COLD_RUNS"); do
    progress "coalescing: 200 cold readers over 50 keys, run $run/$RUNS"
    for id in $(seq 1001 1050); do curl -sf -o /dev/null -X DELETE ${AUTH:+-H "Authorization: $AUTH"} "$API/admin/cache/accounts/$id" || true; done
    "${PSQL[@]}" -c "delete from cache_entry where type = 'accounts' and id between '1001' and '1050' and state <> 'PENDING'" >/dev/null
    java bench/ColdReaders.java "$API" "$LEGACY" 200 50 | awk '/^RESULT/ { print $3, $4, $5 }' >> "$OUT/cold"
done
if [ "$BENCH_COLD_RUNS" -gt 0 ]; then
    row coalescing,200,backend_calls_per_key,"$(cut -d' ' -f1 "$OUT/cold" | median)"
    row coalescing,200,answers_200_of_200,"$(cut -d' ' -f2 "$OUT/cold" | median)"
    row coalescing,200,all_answered_ms,"$(cut -d' ' -f3 "$OUT/cold" | median)"
fi

# ---- 3. dual-write: XA PUTs against a local JDBC transaction doing the same SQL ----
"${PSQL[@]}" >/dev/null <<'SQL'
drop table if exists bench_cache_entry, bench_cache_update;
create table bench_cache_entry (like cache_entry including all);
create table bench_cache_update (like cache_update including all);
insert into bench_cache_entry select * from cache_entry where type = 'accounts';
SQL
cat > "$OUT/write.sql" <<'SQL'
\set id random(1001, 1100)
begin;
select body, version from bench_cache_entry where type = 'accounts' and id = cast(:id as text);
update bench_cache_entry set body = body || '{"name":"BENCH"}', version = version + 1, state = 'PENDING',
       pending_update = gen_random_uuid() where type = 'accounts' and id = cast(:id as text) returning version;
insert into bench_cache_update (update_id, type, id, payload, base_version, new_version, status)
values (gen_random_uuid(), 'accounts', cast(:id as text), '{"name":"BENCH"}', 1, 2, 'PENDING');
commit;
SQL
set_backend_latency 0
# The raw-stack baseline (issue 16): midtier's own Infrastructure (Narayana, Agroal PGXADataSource, embedded Artemis,
# pooled-jms, the product jar's settings) in a JVM of its own, one INSERT + one persistent send per XA transaction, at
# 1, 8 and 32 threads; on a database and data directory of its own, while midtier idles. Once per run, beside the PUTs.
psql -XAtq -d postgres -c "drop database if exists ${DB}_raw with (force)" -c "create database ${DB}_raw" >/dev/null
for c in 1 8 32; do : > "$OUT/raw.$c"; done
for run in $(seq 1 "$RUNS"); do
    progress "raw-stack baseline: 1, 8, 32 threads, run $run/$RUNS"
    rm -rf "$OUT/data-raw"
    java -Xmx512m -cp target/midtier.jar bench/RawStackBaseline.java "jdbc:postgresql://127.0.0.1:5432/${DB}_raw" \
        "$OUT/data-raw" "$RUN_SECONDS" 1 8 32 2>>"$OUT/raw.log" \
        | awk -v out="$OUT/raw" '/^RESULT/ { print $3, $4, $5, $6, $7 >> (out "." $2) }'
done
rm -rf "$OUT/data-raw"
psql -XAtq -d postgres -c "drop database if exists ${DB}_raw with (force)" >/dev/null
route_control() { delivery_route "$APP" "$1" 2>>"$OUT/route-control.log"; }  # suspend|resume -> "state epoch_ms"
# The PUT rows measure the PUT, as the baseline measures its insert and send: backend-delivery is suspended while they
# run (its deliveries would share the CPU and the CPU ticks counted per PUT), and the updates they queue are the
# delivery rows' backlog below.
read -r state _ <<< "$(route_control suspend)"
[ "$state" = Suspended ] || fail "backend-delivery did not suspend (state ${state:-unknown}, see $OUT/route-control.log)"
for c in 1 8 32; do
    : > "$OUT/put.$c" ; : > "$OUT/jdbc.$c" ; : > "$OUT/putcpu.$c"
    for run in $(seq 1 "$RUNS"); do
        progress "dual-write: $c clients, run $run/$RUNS"
        ticks=$(cpu_ticks)
        result=$(BENCH_AUTH="$AUTH" wrk_run "$c" "$OUT/put.lua" "$API")
        echo "$result" >> "$OUT/put.$c"
        cpu_ms_per_request "$ticks" "$result" >> "$OUT/putcpu.$c"
        pgbench_tps "$c" "$OUT/write.sql" >> "$OUT/jdbc.$c"
    done
    puts=$(cut -d' ' -f1 "$OUT/put.$c" | median); jdbc=$(median < "$OUT/jdbc.$c")
    raw=$(cut -d' ' -f1 "$OUT/raw.$c" | median); raw_p99=$(cut -d' ' -f3 "$OUT/raw.$c" | median)
    put_p99=$(cut -d' ' -f3 "$OUT/put.$c" | median)
    row dual-write,"$c",xa_put_rps,"$puts"
    row dual-write,"$c",xa_put_p50_ms,"$(cut -d' ' -f2 "$OUT/put.$c" | median)"
    row dual-write,"$c",xa_put_p99_ms,"$(cut -d' ' -f3 "$OUT/put.$c" | median)"
    row dual-write,"$c",xa_put_non2xx,"$(cut -d' ' -f4 "$OUT/put.$c" | median)"
    row dual-write,"$c",local_jdbc_tps,"$jdbc"
    row dual-write,"$c",ratio_xa_put_to_local_jdbc,"$(ratio "$puts" "$jdbc")"
    row dual-write,"$c",xa_put_cpu_ms_per_put,"$(median < "$OUT/putcpu.$c")"
    row dual-write,"$c",raw_stack_tps,"$raw"
    row dual-write,"$c",raw_stack_p99_ms,"$raw_p99"
    # the baseline JVM's own CPU (all its threads) per committed transaction, measured inside it over each step
    row dual-write,"$c",raw_stack_cpu_ms_per_tx,"$(cut -d' ' -f5 "$OUT/raw.$c" | median)"
    row dual-write,"$c",ratio_xa_put_to_raw_stack,"$(ratio "$puts" "$raw")"
    row dual-write,"$c",ratio_p99_put_to_raw_stack,"$(ratio "$put_p99" "$raw_p99")"
done
row footprint,-,rss_after_writes_mb,"$(rss_mb)"

# What the dual-write runs queued, drained with an instant back-end once backend-delivery is resumed (n/a if they
# queued nothing); delivery-backlog below measures the same on a backlog of a known size, timed to the millisecond.
progress "waiting for the back-end deliveries of the dual-write runs"
read -r state _ <<< "$(route_control resume)"
[ "$state" = Started ] || fail "backend-delivery did not resume (state ${state:-unknown}, see $OUT/route-control.log)"
drain_started=$(date +%s)
pending_at_start=$("${PSQL[@]}" -c "select count(*) from cache_update where status = 'PENDING'")
drain_ticks_start=$(cpu_ticks)
while [ "$("${PSQL[@]}" -c "select count(*) from cache_update where status = 'PENDING'")" -gt 0 ]; do
    [ $(( $(date +%s) - drain_started )) -lt 900 ] || fail "deliveries did not drain within 15 minutes"
    sleep 1
done
drain_s=$(( $(date +%s) - drain_started ))
drain_ticks=$(( $(cpu_ticks) - drain_ticks_start ))
row delivery,-,delivery_consumers,"$BACKEND_CONCURRENCY"
row delivery,-,drained_updates,"$pending_at_start"
if [ "$pending_at_start" -gt 0 ]; then
    row delivery,-,drain_updates_per_s,"$(ratio "$pending_at_start" "$(( drain_s > 0 ? drain_s : 1 ))")"
else
    row delivery,-,drain_updates_per_s,n/a
fi
row delivery,-,midtier_cpu_ms_per_update,"$(ratio "$(( drain_ticks * 10 ))" "$pending_at_start")"

# ---- 3b. delivery of a backlog: with an instant back-end, and at the back-end's latency against its capacity ----
# The backlog is queued with backend-delivery suspended (bench/RouteControl.java, Camel's route MBean: its JMS
# listener stops, the updates wait on the queue) by wrk PUTs at 32 clients, each wrk thread stopping after its share
# of BACKLOG answers; then the route is resumed and the drain timed from the resume to the last update's applied_at
# (the database's clock; the resume's is the same machine's). About 30 updates a key (100 demo accounts): a key's
# updates reach the back-end one after the other (per-key order), the later ones parked by their claim and sent
# again when the one before is applied, so the drain also pays for parking.
# What limited a drain: the back-end's mean calls in flight (sampled every 0.2 s) near its concurrency is the
# back-end's capacity; below it with the machine's CPU busy is CPU; below it with CPU to spare is midtier's own
# consumers (jcmd PID Thread.print during the drain shows where they wait: in the broker's receive, the message
# groups' head-of-line stall described in docs/BENCHMARKS.md, "Capacity rows").
machine_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $2 + $3 + $4 + $5 + $6 + $7 + $8 + $9 }' /proc/stat; }
drain_backlog() { # benchmark latency_ms: the rows of a backlog of about BACKLOG updates drained at that latency
    local group=$1 latency=$2 state resumed_ms mark backlog queued early wrk_pid ticks busy0 total0 busy1 total1
    local started inflight inflight_sum=0 samples=0 drain_ms applied violations rate pg_ticks sim_ticks
    set_backend_latency "$latency"
    progress "$group: queueing $BACKLOG updates with backend-delivery suspended"
    read -r state _ <<< "$(route_control suspend)"
    [ "$state" = Suspended ] || fail "backend-delivery did not suspend (state ${state:-unknown}, see $OUT/route-control.log)"
    mark=$("${PSQL[@]}" -c "select coalesce(max(accepted_seq), 0) from cache_update")
    backlog="accepted_seq > $mark"
    # wrk runs for its whole duration even when its threads stopped: it is ended once the backlog is there
    BENCH_AUTH="$AUTH" BENCH_PUT_LIMIT=$(( (BACKLOG + 1) / 2 )) wrk -t2 -c32 -d600s -s "$OUT/put.lua" "$API" >/dev/null &
    wrk_pid=$!
    until [ "$("${PSQL[@]}" -c "select count(*) from cache_update where $backlog")" -ge "$BACKLOG" ]; do
        kill -0 "$wrk_pid" 2>/dev/null || fail "$group: wrk ended before $BACKLOG updates were queued"
        sleep 0.2
    done
    sleep 1  # the PUTs already sent
    kill "$wrk_pid" 2>/dev/null || true; wait "$wrk_pid" 2>/dev/null || true
    read -r queued early <<< "$("${PSQL[@]}" -F' ' -c "select count(*), count(*) filter (where status <> 'PENDING') from cache_update where $backlog")"
    [ "$early" = 0 ] || fail "$group: $early updates were settled while backend-delivery was suspended"
    progress "$group: $queued updates queued; resuming backend-delivery"
    ticks=$(cpu_ticks); pg_ticks=$(postgres_ticks); sim_ticks=$(simulator_ticks)
    read -r state resumed_ms <<< "$(route_control resume)"
    [ "$state" = Started ] || fail "backend-delivery did not resume (state ${state:-unknown}, see $OUT/route-control.log)"
    read -r busy0 total0 <<< "$(machine_busy)"
    started=$(date +%s)
    while [ "$("${PSQL[@]}" -c "select count(*) from cache_update where $backlog and status = 'PENDING'")" -gt 0 ]; do
        [ $(( $(date +%s) - started )) -lt 900 ] || fail "$group: the backlog did not drain within 15 minutes"
        inflight=$(curl -sf "$LEGACY/simulator/stats" | sed -E 's/.*"inFlight" *: *([0-9]+).*/\1/')
        inflight_sum=$(( inflight_sum + ${inflight:-0} )); samples=$(( samples + 1 ))
        sleep 0.2
    done
    ticks=$(( $(cpu_ticks) - ticks )); pg_ticks=$(( $(postgres_ticks) - pg_ticks )); sim_ticks=$(( $(simulator_ticks) - sim_ticks ))
    read -r busy1 total1 <<< "$(machine_busy)"
    # per key, the updates were applied in the order of their versions (each key's applied_at rises with new_version)
    read -r drain_ms applied violations <<< "$("${PSQL[@]}" -F' ' -c "
        select round(extract(epoch from max(applied_at)) * 1000 - $resumed_ms), count(*) filter (where status = 'APPLIED'),
               (select count(*) from (select applied_at < lag(applied_at) over (partition by type, id order by new_version) as inverted
                                        from cache_update where $backlog and status = 'APPLIED') k where inverted)
          from cache_update where $backlog")"
    rate=$(ratio "$(( queued * 1000 ))" "$drain_ms")
    row "$group",-,backend_latency_ms,"$latency"
    if [ "$latency" -gt 0 ]; then
        row "$group",-,backend_concurrency,"$BACKEND_CONCURRENCY"
        row "$group",-,backend_capacity_per_s,"$CAPACITY"
    fi
    row "$group",-,drained_updates,"$queued"
    row "$group",-,applied,"$applied"
    row "$group",-,drain_updates_per_s,"$rate"
    if [ "$latency" -gt 0 ]; then row "$group",-,ratio_drain_to_capacity,"$(ratio "$rate" "$CAPACITY")"; fi
    row "$group",-,midtier_cpu_ms_per_update,"$(ratio "$(( ticks * 10 ))" "$queued")"
    row "$group",-,midtier_cpu_pct_of_a_core,"$(ratio "$(( ticks * 10 * 100 ))" "$drain_ms")"
    row "$group",-,machine_cpu_busy_pct,"$(ratio "$(( (busy1 - busy0) * 100 ))" "$(( total1 - total0 ))")"
    # the machine's CPU per update besides midtier's: the database and the simulator (the back-end's stand-in)
    row "$group",-,postgres_cpu_ms_per_update,"$(ratio "$(( pg_ticks * 10 ))" "$queued")"
    row "$group",-,simulator_cpu_ms_per_update,"$(ratio "$(( sim_ticks * 10 ))" "$queued")"
    row "$group",-,backend_mean_in_flight,"$(ratio "$inflight_sum" "$samples")"
    row "$group",-,per_key_order_violations,"$violations"
}
drain_backlog delivery-backlog 0
drain_backlog delivery-latency "$BACKEND_LATENCY_MS"

# ---- 4. end to end: accepted-to-applied at a fixed rate (0.6x the back-end's capacity) ----
set_backend_latency "$BACKEND_LATENCY_MS"
progress "end to end: $E2E_RATE PUT/s for $E2E_SECONDS s, back-end $BACKEND_CONCURRENCY x $BACKEND_LATENCY_MS ms (capacity $CAPACITY/s)"
e2e_ticks=$(cpu_ticks); e2e_pg_ticks=$(postgres_ticks); e2e_sim_ticks=$(simulator_ticks)
java bench/FixedRatePuts.java "$API" "$E2E_RATE" "$E2E_SECONDS" "$OUT/e2e-ids.txt" "$AUTH" | awk '/^RESULT/' > "$OUT/e2e"
ids=$(awk '{ printf "%s'\''%s'\''", (NR > 1 ? "," : ""), $1 }' "$OUT/e2e-ids.txt")
[ -n "$ids" ] || fail "no PUT accepted in the end-to-end run"
waited=0
until [ "$("${PSQL[@]}" -c "select count(*) from cache_update where update_id in ($ids) and status = 'PENDING'")" = 0 ]; do
    [ $waited -lt 600 ] || fail "end-to-end updates not applied within 10 minutes"
    sleep 1; waited=$((waited + 1))
done
e2e_ticks=$(( $(cpu_ticks) - e2e_ticks )); e2e_pg_ticks=$(( $(postgres_ticks) - e2e_pg_ticks ))
e2e_sim_ticks=$(( $(simulator_ticks) - e2e_sim_ticks ))
read -r p50 p99 applied <<< "$("${PSQL[@]}" -F' ' -c "select round(1000 * percentile_cont(0.5) within group (order by extract(epoch from applied_at - created_at))::numeric, 1),
        round(1000 * percentile_cont(0.99) within group (order by extract(epoch from applied_at - created_at))::numeric, 1),
        count(*) filter (where status = 'APPLIED')
   from cache_update where update_id in ($ids)")"
row end-to-end,"$E2E_RATE/s",backend_capacity_per_s,"$CAPACITY"
row end-to-end,"$E2E_RATE/s",offered_puts_per_s,"$(awk '{ print $4 }' "$OUT/e2e")"
row end-to-end,"$E2E_RATE/s",accepted,"$(awk '{ print $2 }' "$OUT/e2e")"
row end-to-end,"$E2E_RATE/s",applied,"$applied"
row end-to-end,"$E2E_RATE/s",accepted_to_applied_p50_ms,"$p50"
row end-to-end,"$E2E_RATE/s",accepted_to_applied_p99_ms,"$p99"
# CPU per update, PUT and delivery together, from the first PUT to the last update applied (the driver's JVM aside)
e2e_accepted=$(awk '{ print $2 }' "$OUT/e2e")
row end-to-end,"$E2E_RATE/s",midtier_cpu_ms_per_update,"$(ratio "$(( e2e_ticks * 10 ))" "$e2e_accepted")"
row end-to-end,"$E2E_RATE/s",postgres_cpu_ms_per_update,"$(ratio "$(( e2e_pg_ticks * 10 ))" "$e2e_accepted")"
row end-to-end,"$E2E_RATE/s",simulator_cpu_ms_per_update,"$(ratio "$(( e2e_sim_ticks * 10 ))" "$e2e_accepted")"
row end-to-end,"$E2E_RATE/s",backend_duplicates,"$(curl -sf "$LEGACY/simulator/stats" | sed -E 's/.*"duplicates" *: *([0-9]+).*/\1/')"
set_backend_latency 100
fi

# ---- the table ----
{
    echo "# midtier benchmarks"
    echo
    echo "$(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, $(free -g | awk '/Mem:/ { print $2 }') GiB; runs of ${RUN_SECONDS}s, median of $RUNS"
    echo
    echo "| benchmark | concurrency | metric | value |"
    echo "|---|---|---|---|"
    tail -n +2 "$RESULTS" | awk -F, '{ printf "| %s | %s | %s | %s |\n", $1, $2, $3, $4 }'
    echo
    echo "Footprint against the goals of issue 14:"
    echo
    echo "| metric | value | target | met |"
    echo "|---|---|---|---|"
    value() { awk -F, -v m="$1" '$3 == m { print $4 }' "$RESULTS"; }
    target_row() { # metric target
        v=$(value "$1"); printf '| %s | %s | <= %s | %s |\n' "$1" "${v:-n/a}" "$2" \
            "$(awk -v v="${v:-0}" -v t="$2" 'BEGIN { print (v > 0 && v <= t) ? "yes" : "no" }')"
    }
    target_row startup_to_first_read_ms "$TARGET_FRESH_MS"
    target_row restart_to_first_read_ms "$TARGET_RESTART_MS"
    target_row rss_after_hits_mb "$TARGET_RSS_MB"
    target_row rss_after_writes_mb "$TARGET_RSS_MB"
    goal_row() { # benchmark concurrency metric op target
        v=$(result "$1" "$2" "$3")
        printf '| %s %s %s | %s | %s %s | %s |\n' "$1" "$2" "$3" "${v:-n/a}" "$4" "$5" "$(awk -v v="$v" -v op="$4" -v t="$5" 'BEGIN {
            if (v !~ /^[0-9.]+$/) print "n/a"
            else if (op == ">=") print (v + 0 >= t ? "yes" : "no")
            else if (op == "<=") print (v + 0 <= t ? "yes" : "no")
            else print (v + 0 == t ? "yes" : "no") }')"
    }
    if [ "${BENCH_WRITES_ONLY:-0}" != 1 ]; then
        echo
        echo "Read path against the goals of issue 15 (the floor rows: about the most a validate hit at one connection"
        echo "could reach on this HTTP stack and driver, from rates measured minutes apart, so the machine's own drift moves them):"
        echo
        echo "| row | value | goal | met |"
        echo "|---|---|---|---|"
        for c in 16 64; do goal_row hits-notify "$c" ratio_midtier_to_bare '>=' 0.6; done
        for c in 1 16 64; do goal_row hits-notify "$c" midtier_cpu_ms_per_hit '<=' 0.15; done
        # the floor of the row above: the bare endpoint's CPU per request in the same process
        for c in 1 16 64; do goal_row hits-notify "$c" bare_cpu_ms_per_request '<=' 0.15; done
        for c in 1 16 64; do goal_row hits-validate "$c" ratio_midtier_to_bare '>=' 0.35; done
        for c in 1 16 64; do goal_row hits-validate "$c" ratio_midtier_to_pgbench '>=' 0.2; done
        goal_row hits-validate 1 ratio_floor_bare_plus_question_to_pgbench '>=' 0.2
        goal_row hits-validate 1 ratio_floor_notify_plus_question_to_pgbench '>=' 0.2
        for c in 1 16 64; do goal_row hits-validate "$c" midtier_cpu_ms_per_hit '<=' 0.35; done
        for c in 1 16 64; do goal_row hits-off "$c" ratio_midtier_to_bare '>=' 0.3; done
        for m in notify off; do goal_row "growth-$m" - p50_1m_to_10k '<=' 1.2; done
        # the floor of the off row: PostgreSQL's own lookup over a million rows against over ten thousand
        goal_row growth-postgres - lookup_1m_to_10k '<=' 1.2
        goal_row coalescing 200 backend_calls_per_key '==' 1.00
    fi
    if [ "${BENCH_HITS_ONLY:-0}" != 1 ]; then
        echo
        echo "Write path against the goals of issue 16 (back-end $BACKEND_CONCURRENCY x $BACKEND_LATENCY_MS ms: capacity $CAPACITY/s):"
        echo
        echo "| row | value | goal | met |"
        echo "|---|---|---|---|"
        for c in 1 8 32; do goal_row dual-write "$c" ratio_xa_put_to_raw_stack '>=' 0.7; done
        for c in 1 8 32; do goal_row dual-write "$c" ratio_p99_put_to_raw_stack '<=' 3; done
        for c in 1 8 32; do goal_row dual-write "$c" xa_put_cpu_ms_per_put '<=' 1.5; done
        # the floor of the row above: a PUT runs this very transaction in midtier's process (above 1.5 ms, not met here)
        for c in 1 8 32; do goal_row dual-write "$c" raw_stack_cpu_ms_per_tx '<=' 1.5; done
        goal_row idle - midtier_cpu_pct_of_a_core '<=' 1
        goal_row delivery - drain_updates_per_s '>=' 600
        goal_row delivery-backlog - drain_updates_per_s '>=' 600
        goal_row delivery-latency - ratio_drain_to_capacity '>=' 0.9
        for b in delivery delivery-backlog delivery-latency; do goal_row "$b" - midtier_cpu_ms_per_update '<=' 2; done
        for b in delivery-backlog delivery-latency; do goal_row "$b" - per_key_order_violations '==' 0; done
        # judged at 0.6x capacity or above (a lower BENCH_E2E_RATE is a look, not the issue's test)
        if awk -v r="$E2E_RATE" -v c="$CAPACITY" 'BEGIN { exit !(r >= 0.6 * c) }'; then
            goal_row end-to-end "$E2E_RATE/s" accepted_to_applied_p99_ms '<=' 150
        fi
    fi
} > "$OUT/results.md"
cat "$OUT/results.md"
