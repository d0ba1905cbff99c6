#!/usr/bin/env bash
# The demo: the back-end simulator (its own program and database) and midtier beside it, on their development
# defaults (midtier on 8080, its health and metrics on 8090, the simulator on 8081). Run from the project folder
# after `mvn -B -q package -DskipTests`; Ctrl-C stops both.
#   MIDTIER_JAVA_OPTS   more JVM options of midtier, after its own (scripts/midtier-java-opts; a later option wins)
#   SIMULATOR_*         the simulator's settings (SIMULATOR_PORT, SIMULATOR_LATENCY_MS, ...)
set -euo pipefail
cd "$(dirname "$0")/.."

MIDTIER_JAR=target/midtier.jar
SIMULATOR_JAR=simulator/target/midtier-simulator.jar
for jar in "$MIDTIER_JAR" "$SIMULATOR_JAR"; do
    [ -f "$jar" ] || { echo "run-demo: $jar is missing: run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
done
SIMULATOR_PORT="${SIMULATOR_PORT:-8081}"
export SIMULATOR_PORT
mkdir -p data
java -Xmx64m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -jar "$SIMULATOR_JAR" > data/simulator.log 2>&1 &
simulator=$!
trap 'kill "$simulator" 2>/dev/null || true; wait "$simulator" 2>/dev/null || true' EXIT
until curl -sf "http://127.0.0.1:$SIMULATOR_PORT/simulator/stats" > /dev/null; do
    kill -0 "$simulator" 2>/dev/null || { echo "run-demo: the simulator did not start:" >&2; tail -20 data/simulator.log >&2; exit 1; }
    sleep 0.1
done
echo "run-demo: simulator on 127.0.0.1:$SIMULATOR_PORT (log: data/simulator.log); starting midtier"
# midtier's back-end is the simulator; the order answers come back through midtier's embedded broker
export MIDTIER_BACKEND_URL="${MIDTIER_BACKEND_URL:-http://127.0.0.1:$SIMULATOR_PORT}"
# through scripts/midtier-java: midtier's JVM options and the jar's class archive (the first run after a build
# records it in target/midtier-cds when midtier stops; later runs start faster from it)
scripts/midtier-java "$MIDTIER_JAR" &
midtier=$!
trap 'kill "$midtier" 2>/dev/null || true; wait "$midtier" 2>/dev/null || true; kill "$simulator" 2>/dev/null || true; wait "$simulator" 2>/dev/null || true' EXIT INT TERM
wait "$midtier"
