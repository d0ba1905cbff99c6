#!/usr/bin/env bash
# Scale-out figure (issue 19, docs/scale-out.md): hits and PUTs per second with 1, 2 and 3 midtier instances on
# this machine, and midtier CPU per request per instance. The deployment mode of several instances: one
# standalone Artemis broker (from the distribution, with docker/artemis/broker.properties, as docker-compose runs
# it) and one PostgreSQL database shared by every instance; each instance has its own node id, ports and data
# directory (no class archive: the instances would record the same one). Load: one wrk per instance (a load balancer's even spread), the connections split between them.
# Then, with the instances stopped, what the shared components carry alone: PostgreSQL's two-phase commits
# (pgbench) and the broker's transacted persistent messages (artemis perf client), the ceilings the paper estimate
# for N machines starts from. Prints the tables and writes target/bench-scale/results.md. Stops everything it started.
#
#   bench/scale.sh                          # 1, 2 and 3 instances, 10 s per row, 16 connections in all
#   BENCH_SECONDS=5 BENCH_INSTANCES="1 2" bench/scale.sh
#
# On one 2-core machine the instances share the cores with PostgreSQL, the broker and the load generator, so the
# totals show what one machine's CPU allows; CPU per request per instance is the figure that carries over to N
# machines (docs/scale-out.md has the arithmetic).
set -euo pipefail
cd "$(dirname "$0")/.."

RUN_SECONDS="${BENCH_SECONDS:-10}"
INSTANCES="${BENCH_INSTANCES:-1 2 3}"
CONNECTIONS="${BENCH_CONNECTIONS:-16}"
BASE_PORT="${BENCH_SCALE_BASE_PORT:-28000}"
SIMULATOR_PORT=$((BASE_PORT + 81))
BROKER_PORT=$((BASE_PORT + 616))
DB="${BENCH_DB:-midtier_scale}"
SIM_DB="${BENCH_SIMULATOR_DB:-midtier_scale_sim}"
AUTH="${BENCH_AUTH:-Basic $(printf 'admin:admin-dev' | base64)}"
ARTEMIS_VERSION=2.40.0
ARTEMIS_HOME="target/artemis/apache-artemis-$ARTEMIS_VERSION"

OUT=target/bench-scale
LEGACY="http://127.0.0.1:$SIMULATOR_PORT"
export PGHOST=127.0.0.1 PGUSER=postgres
PIDS=()

progress() { printf '[scale %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
fail() { progress "FAILED: $*"; exit 1; }
http_port() { echo $((BASE_PORT + 10 * $1)); }
management_port() { echo $((BASE_PORT + 10 * $1 + 1)); }
ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
stop_all() {
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
    PIDS=()
}
trap stop_all EXIT

command -v wrk >/dev/null || fail "wrk is missing: apt-get install wrk"
command -v pgbench >/dev/null || fail "pgbench is missing: it comes with PostgreSQL (postgresql-contrib on some systems)"
progress "building the jars and unpacking the Artemis distribution"
mvn -B -q package -DskipTests >&2
if [ ! -x "$ARTEMIS_HOME/bin/artemis" ]; then
    mvn -B -q -f product.pom.xml org.apache.maven.plugins:maven-dependency-plugin:3.8.1:unpack \
        -Dartifact="org.apache.activemq:apache-artemis:$ARTEMIS_VERSION:tar.gz:bin" -DoutputDirectory=target/artemis >&2
fi
rm -rf "$OUT" && mkdir -p "$OUT"
PGDATABASE=postgres scripts/dev-postgres.sh >&2
for db in "$DB" "$SIM_DB"; do
    psql -XAtq -d postgres -c "drop database if exists $db with (force)" -c "create database $db" >/dev/null
done

# ---- the back-end simulator and the shared broker ----
SIMULATOR_PORT="$SIMULATOR_PORT" SIMULATOR_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$SIM_DB" \
    java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar simulator/target/midtier-simulator.jar \
    > "$OUT/simulator.log" 2>&1 &
PIDS+=($!)
"$ARTEMIS_HOME/bin/artemis" create "$PWD/$OUT/broker" --silent --force --user midtier --password midtier-dev \
    --require-login --no-web --host 127.0.0.1 --default-port "$BROKER_PORT" --name midtier-scale \
    --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor --java-memory 512M \
    > "$OUT/broker-create.log" 2>&1 || fail "artemis create, see $OUT/broker-create.log"
cp docker/artemis/broker.properties "$OUT/broker/etc/broker.properties"
"$OUT/broker/bin/artemis" run > "$OUT/broker.log" 2>&1 &
PIDS+=($!)
until curl -sf -o /dev/null "$LEGACY/simulator/stats"; do sleep 0.2; done
until (exec 3<>"/dev/tcp/127.0.0.1/$BROKER_PORT") 2>/dev/null; do sleep 0.2; done

cat bench/lua/get-accounts.lua bench/lua/report.lua > "$OUT/get.lua"
cat bench/lua/put-accounts.lua bench/lua/report.lua > "$OUT/put.lua"
echo "instances,workload,total_rps,p99_ms_worst,cpu_ms_per_request_per_instance,non_2xx" > "$OUT/results.csv"

start_instance() { # index
    local i=$1
    MIDTIER_HTTP_PORT="$(http_port "$i")" MIDTIER_MANAGEMENT_PORT="$(management_port "$i")" \
    MIDTIER_BACKEND_URL="$LEGACY" MIDTIER_BROKER_URL="tcp://127.0.0.1:$BROKER_PORT" \
    MIDTIER_BROKER_USER=midtier MIDTIER_BROKER_PASSWORD=midtier-dev \
    MIDTIER_DATA_DIR="$OUT/data-$i" MIDTIER_TX_NODE_ID="scale-$i" \
    MIDTIER_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" CAMEL_MAIN_ROUTES_RELOAD_ENABLED=false \
        scripts/midtier-java --cds-dir off target/midtier.jar >> "$OUT/midtier-$i.log" 2>&1 &
    PIDS+=($!)
    APPS[$i]=$!
    until curl -sf -o /dev/null "http://127.0.0.1:$(http_port "$i")/api/accounts/1001"; do
        kill -0 "${APPS[$i]}" 2>/dev/null || fail "instance $i exited, see $OUT/midtier-$i.log"
        sleep 0.1
    done
}

# one wrk per instance at once; prints "total_rps worst_p99 cpu_ms_per_request non_2xx"
measure() { # instances script [seconds]
    local n=$1 script=$2 seconds=${3:-$RUN_SECONDS} per=$(( CONNECTIONS / $1 )) i
    local -a before=() loads=()
    for i in $(seq 1 "$n"); do before[$i]=$(ticks "${APPS[$i]}"); done
    for i in $(seq 1 "$n"); do
        BENCH_AUTH="$AUTH" wrk -t1 -c"$per" -d"${seconds}s" --latency -s "$script" \
            "http://127.0.0.1:$(http_port "$i")" | awk '/^RESULT/ { print $2, $3, $4, $5 }' > "$OUT/wrk-$i" &
        loads+=($!)
    done
    wait "${loads[@]}"
    local total=0 worst=0 cpu=0 errors=0 rps p50 p99 non2xx
    for i in $(seq 1 "$n"); do
        read -r rps p50 p99 non2xx < "$OUT/wrk-$i"
        total=$(awk -v a="$total" -v b="$rps" 'BEGIN { print a + b }')
        worst=$(awk -v a="$worst" -v b="$p99" 'BEGIN { print (b > a) ? b : a }')
        errors=$((errors + non2xx))
        # ticks are 10 ms; CPU per request of each instance, averaged over the instances
        cpu=$(awk -v c="$cpu" -v t="$(( $(ticks "${APPS[$i]}") - before[i] ))" -v r="$rps" -v s="$seconds" \
            'BEGIN { print c + (r > 0 ? t * 10 / (r * s) : 0) }')
    done
    awk -v t="$total" -v w="$worst" -v c="$cpu" -v n="$n" -v e="$errors" \
        'BEGIN { printf "%.0f %.1f %.2f %d\n", t, w, c / n, e }'
}

declare -a APPS=()
started=0
for n in $INSTANCES; do
    while [ "$started" -lt "$n" ]; do
        started=$((started + 1))
        progress "starting instance $started"
        start_instance "$started"
    done
    progress "$n instance(s): warm-up"
    for i in $(seq 1 "$n"); do
        for id in $(seq 1001 1100); do curl -sf -o /dev/null "http://127.0.0.1:$(http_port "$i")/api/accounts/$id"; done
    done
    measure "$n" "$OUT/get.lua" 5 > /dev/null
    measure "$n" "$OUT/put.lua" 3 > /dev/null
    progress "$n instance(s): hits"
    echo "$n,hits,$(measure "$n" "$OUT/get.lua" | tr ' ' ',')" >> "$OUT/results.csv"
    progress "$n instance(s): PUTs"
    echo "$n,puts,$(measure "$n" "$OUT/put.lua" | tr ' ' ',')" >> "$OUT/results.csv"
done

# ---- what the shared components carry on their own (the paper estimate in docs/scale-out.md starts from these) ----
stop_instances() {
    for i in "${!APPS[@]}"; do kill "${APPS[$i]}" 2>/dev/null || true; wait "${APPS[$i]}" 2>/dev/null || true; done
}
progress "ceilings: instances stopped; PostgreSQL two-phase commits"
stop_instances
psql -XAtq -d "$DB" -c "create table if not exists scale_two_phase (id int primary key, note text)" >/dev/null
cat > "$OUT/two-phase.sql" <<'SQL'
\set id random(1, 100000)
BEGIN;
INSERT INTO scale_two_phase (id, note) VALUES (:id, 'x') ON CONFLICT (id) DO UPDATE SET note = excluded.note;
PREPARE TRANSACTION 'scale-:client_id-:id';
COMMIT PREPARED 'scale-:client_id-:id';
SQL
two_phase=$(pgbench -n -d "$DB" -c "$CONNECTIONS" -j 2 -T "$RUN_SECONDS" -f "$OUT/two-phase.sql" 2>/dev/null \
    | awk '/^tps/ { printf "%.0f", $3 }')
progress "ceilings: broker, persistent messages sent and received in transactions of one"
"$OUT/broker/bin/artemis" perf client --url "tcp://127.0.0.1:$BROKER_PORT" --user midtier --password midtier-dev \
    --persistent --tx --commit-interval 1 --message-size 600 --producers "$CONNECTIONS" --consumers "$CONNECTIONS" \
    --warmup 3 --duration "$RUN_SECONDS" queue://scale.perf > "$OUT/broker-perf.log" 2>&1 \
    || fail "artemis perf, see $OUT/broker-perf.log"
broker=$(awk -v s="$RUN_SECONDS" '/total received:/ { printf "%.0f", $4 / s }' "$OUT/broker-perf.log")

{
    echo "Scale-out on $(nproc) cores, $CONNECTIONS connections in all, ${RUN_SECONDS}s per row, $(date -u +%FT%TZ)"
    echo
    echo "| instances | workload | requests/s (all) | worst p99 ms | midtier CPU ms per request (per instance) | non-2xx |"
    echo "|---|---|---|---|---|---|"
    tail -n +2 "$OUT/results.csv" | awk -F, '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }'
    echo
    echo "The shared components alone (no midtier running; $CONNECTIONS clients, ${RUN_SECONDS}s):"
    echo
    echo "| component | what | per second |"
    echo "|---|---|---|"
    echo "| PostgreSQL | two-phase commits (pgbench: an upsert, PREPARE TRANSACTION, COMMIT PREPARED) | $two_phase |"
    echo "| Artemis | persistent 600-byte messages sent and received, a transaction each (artemis perf client) | $broker |"
} > "$OUT/results.md"
cat "$OUT/results.md"
