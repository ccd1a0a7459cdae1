#!/usr/bin/env bash
# Idle WebSockets on one machine, over several room-server processes.
#
# Why several: one process here may hold at most 20,000 open files (hard limit; root cannot raise
# it on this VM), so 100,000 sockets need at least six server processes (and six generators).
# Each server is a separate standalone server with its own data directory and port; each generator
# (`tandem-bench.jar idle-sockets`) measures its own server's live heap per socket and then holds
# its sockets open, so that all are open at once. This script samples the established loopback
# connections on the servers' ports while they are held and prints the largest total.
#
#   bench/idle-sockets-many.sh [servers=6] [sockets per server=16700] [hold seconds=240]
#
# Needs the built jars (./mvnw -B -q -pl room-server,bench -am package -DskipTests) and JAVA_HOME at a JDK 25.
set -euo pipefail
servers=${1:-6}
per_server=${2:-16700}
hold=${3:-240}
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
root=$(cd "$(dirname "$0")/.." && pwd)
work=${TANDEM_IDLE_WORK:-/tmp/tandem-idle-many}
base_port=17200
rm -rf "$work" && mkdir -p "$work"
server_pids=()
cleanup() { for p in "${server_pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

for ((i = 0; i < servers; i++)); do
  port=$((base_port + i))
  "$java" -Xmx1g --enable-native-access=ALL-UNNAMED -jar "$root/room-server/target/tandem-room-server.jar" \
    --port "$port" --bind 127.0.0.1 --data "$work/data$i" --hibernate-after 2s >"$work/server$i.log" 2>&1 &
  server_pids+=($!)
done
for ((i = 0; i < servers; i++)); do
  until curl -sf "http://127.0.0.1:$((base_port + i))/healthz" >/dev/null; do
    kill -0 "${server_pids[$i]}" 2>/dev/null || { echo "server $i did not start:"; cat "$work/server$i.log"; exit 1; }
    sleep 0.5
  done
done
echo "$servers servers up; uptime: $(uptime)"

gen_pids=()
for ((i = 0; i < servers; i++)); do
  "$java" -Xmx2500m -jar "$root/bench/target/tandem-bench.jar" idle-sockets \
    --server "ws://127.0.0.1:$((base_port + i))" --count "$per_server" --server-pid "${server_pids[$i]}" \
    --sources 4 --source-base $((2 + 4 * i)) --settle 30 --hold "$hold" >"$work/gen$i.log" 2>&1 &
  gen_pids+=($!)
done

# Established server-side sockets on the servers' ports, sampled until every generator has ended.
max=0
ports_re=$(seq -s'|' "$base_port" $((base_port + servers - 1)))
while :; do
  alive=0
  for p in "${gen_pids[@]}"; do kill -0 "$p" 2>/dev/null && alive=1; done
  [[ $alive == 1 ]] || break
  n=$(ss -Htn state established "( sport >= :$base_port and sport <= :$((base_port + servers - 1)) )" | wc -l)
  if ((n > max)); then max=$n; echo "$(date +%T) established server-side sockets: $n (load $(cut -d' ' -f1 /proc/loadavg))"; fi
  sleep 5
done
for p in "${gen_pids[@]}"; do wait "$p" || true; done
echo "largest number of established server-side WebSockets at once: $max"
for ((i = 0; i < servers; i++)); do
  echo "--- server $i (port $((base_port + i)))"
  grep -E "RESULT|joined|before:|after:" "$work/gen$i.log" || tail -5 "$work/gen$i.log"
done
echo "uptime: $(uptime)"
