#!/usr/bin/env bash
# Benchmark (a): one room, 32 clients typing as fast as their acks allow, on a fresh server.
#
# Starts a standalone room server from SERVER_JAR with a fresh data directory, runs
# `tandem-bench.jar load-one-room` RUNS times in a row against it (the first run is cold), prints
# `uptime` around each run, then stops the server. Before/after comparisons: run it alternately
# with the two jars, back to back.
#
#   bench/load-one-room.sh [runs=3] [seconds=20] [extra load-one-room args...]
#   SERVER_JAR=/path/to/tandem-room-server.jar BENCH_JAR=/path/to/tandem-bench.jar bench/load-one-room.sh
#   JFR=/tmp/x bench/load-one-room.sh      # also records JFR (settings=profile) of server and generator
#   SERVER_JVM="-XX:+UseZGC -Xlog:gc:file=/tmp/gc.log" SERVER_ARGS="--snapshot-every 5000" bench/load-one-room.sh
#                                          # extra JVM options / server flags for the server
#
# Needs the built jars (./mvnw -B -q -pl room-server,bench -am package -DskipTests) and JAVA_HOME at a JDK 25.
set -euo pipefail
runs=${1:-3}
seconds=${2:-20}
shift 2 2>/dev/null || shift $# 
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
root=$(cd "$(dirname "$0")/.." && pwd)
server_jar=${SERVER_JAR:-$root/room-server/target/tandem-room-server.jar}
bench_jar=${BENCH_JAR:-$root/bench/target/tandem-bench.jar}
port=${PORT:-17073}
work=$(mktemp -d /tmp/tandem-one-room.XXXXXX)
server_jfr=() ; gen_jfr=()
if [[ -n ${JFR:-} ]]; then
  mkdir -p "$JFR"
  server_jfr=("-XX:StartFlightRecording=settings=profile,filename=$JFR/server.jfr,dumponexit=true")
fi
read -ra server_jvm <<<"${SERVER_JVM:-}"
read -ra server_args <<<"${SERVER_ARGS:-}"
"$java" "${server_jfr[@]}" "${server_jvm[@]}" --enable-native-access=ALL-UNNAMED -jar "$server_jar" \
  --port "$port" --bind 127.0.0.1 --data "$work/data" --max-frames-per-second 100000 "${server_args[@]}" >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
  kill -0 $server 2>/dev/null || { echo "server did not start:"; cat "$work/server.log"; exit 1; }
  sleep 0.3
done
echo "server $server_jar (pid $server), generator $bench_jar"
batches() { # ops and storage transactions committed so far, from the server's /metrics
  curl -s "http://127.0.0.1:$port/metrics" | awk '/^tandem_commit_batch_size_sum/ {s += $NF}
    /^tandem_commit_batch_size_count/ {c += $NF} END {printf "%d %d\n", s, c}'
}
for ((r = 1; r <= runs; r++)); do
  [[ -n ${JFR:-} ]] && gen_jfr=("-XX:StartFlightRecording=settings=profile,filename=$JFR/generator$r.jfr,dumponexit=true")
  echo "run $r: $(uptime)"
  read -r ops0 tx0 < <(batches)
  "$java" "${gen_jfr[@]}" -jar "$bench_jar" load-one-room --server "ws://127.0.0.1:$port" \
    --clients 32 --seconds "$seconds" --server-pid $server "$@" | grep -E '^RESULT|^load-one-room'
  read -r ops1 tx1 < <(batches)
  # The whole run, warm-up and connection set-up included.
  awk -v o=$((ops1 - ops0)) -v t=$((tx1 - tx0)) 'BEGIN {if (t > 0) printf "storage: %.1f ops per transaction (%d transactions in the run)\n", o / t, t}'
done
echo "after: $(uptime)"
