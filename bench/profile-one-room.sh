#!/usr/bin/env bash
# Where an op's time goes in benchmark (a): one 20 s load-one-room run (5 s warm-up) on a fresh
# server, with per-thread CPU (user/sys from /proc/<pid>/task/*/stat) and voluntary/involuntary
# context switches of the server and the generator over a WINDOW-second span in the measured part,
# divided by the ops committed in it; and, from the server's /metrics over the same span, ops per
# storage transaction and frames in/out per op. Builds nothing (see load-one-room.sh).
#
#   bench/profile-one-room.sh [extra load-one-room args...]
#   SERVER_JAR=… BENCH_JAR=… PORT=17081 WINDOW=8 bench/profile-one-room.sh --acks frames
#
# Virtual threads run on the ForkJoinPool carriers, so Jetty's read side and the room's mailbox
# share that line; the SQLite writer and Jetty's selectors have threads of their own.
set -euo pipefail
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
root=$(cd "$(dirname "$0")/.." && pwd)
server_jar=${SERVER_JAR:-$root/room-server/target/tandem-room-server.jar}
bench_jar=${BENCH_JAR:-$root/bench/target/tandem-bench.jar}
port=${PORT:-17081}
window=${WINDOW:-8}
work=$(mktemp -d /tmp/tandem-profile.XXXXXX)

threads() { # pid out: tid name user+sys voluntary involuntary user sys (ticks)
  for t in /proc/$1/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    read -r -a s < <(sed 's/^.*) //' "$t/stat" 2>/dev/null) || continue
    v=$(awk '/^voluntary_ctxt/{print $2}' "$t/status" 2>/dev/null)
    nv=$(awk '/^nonvoluntary_ctxt/{print $2}' "$t/status" 2>/dev/null)
    echo "$(basename "$t") ${name// /_} $((s[11] + s[12])) $v $nv ${s[11]} ${s[12]}"
  done >"$2"
}

"$java" --enable-native-access=ALL-UNNAMED -jar "$server_jar" --port "$port" --bind 127.0.0.1 \
  --data "$work/data" --max-frames-per-second 100000 >"$work/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$work"' EXIT
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
  kill -0 $server 2>/dev/null || { echo "server did not start:"; cat "$work/server.log"; exit 1; }
  sleep 0.3
done
echo "start: $(uptime)"
"$java" -jar "$bench_jar" load-one-room --server "ws://127.0.0.1:$port" --clients 32 --seconds 20 \
  --server-pid $server "$@" >"$work/gen.log" 2>&1 &
gen=$!
sleep 12
threads $server "$work/s0"; threads $gen "$work/g0"; curl -s "http://127.0.0.1:$port/metrics" >"$work/m0"
sleep "$window"
threads $server "$work/s1"; threads $gen "$work/g1"; curl -s "http://127.0.0.1:$port/metrics" >"$work/m1"
wait $gen
grep -E '^RESULT|^generator' "$work/gen.log"
python3 - "$work" <<'PY'
import re, sys
w = sys.argv[1]
def metrics(p):
    d = {}
    for line in open(p):
        if line.startswith('#') or not line.strip() or 'room=' in line:
            continue
        k, v = line.rsplit(' ', 1)
        d[k] = float(v)
    return d
m0, m1 = metrics(w + '/m0'), metrics(w + '/m1')
def delta(prefix):
    return sum(v - m0.get(k, 0) for k, v in m1.items() if k.startswith(prefix))
ops = delta('tandem_ops_committed_total')
tx = delta('tandem_commit_batch_size_count')
print(f"window: {ops:.0f} ops, {tx:.0f} storage transactions ({delta('tandem_commit_batch_size_sum') / tx:.1f} ops each), "
      f"frames in {delta('tandem_messages_in_total') / ops:.2f} / out {delta('tandem_messages_out_total') / ops:.2f} per op")
def threads(p):
    return {l.split()[0]: l.split()[1:] for l in open(p)}
for who, a, b in (('server', 's0', 's1'), ('generator', 'g0', 'g1')):
    t0, t1 = threads(f'{w}/{a}'), threads(f'{w}/{b}')
    groups = {}
    for tid, (name, *vals) in t1.items():
        old = [int(x) for x in t0[tid][1:]] if tid in t0 else [0] * 5
        g = groups.setdefault(re.sub(r'-?\d+$', '#', name), [0] * 5)
        for i in range(5):
            g[i] += int(vals[i]) - old[i]
    print(f"== {who} threads, per committed op (CPU ticks are 10 ms: short windows are coarse)")
    total = [0] * 5
    for name, (cpu, vol, invol, user, sys_) in sorted(groups.items(), key=lambda kv: -kv[1][0]):
        if cpu * 1e4 / ops < 0.05 and (vol + invol) / ops < 0.005:
            continue
        total = [x + y for x, y in zip(total, (cpu, vol, invol, user, sys_))]
        print(f"  {name:24s} {cpu * 1e4 / ops:7.1f} µs (user {user * 1e4 / ops:6.1f}, sys {sys_ * 1e4 / ops:6.1f}); "
              f"switches {vol / ops:5.2f} voluntary, {invol / ops:5.2f} involuntary")
    cpu, vol, invol, user, sys_ = total
    print(f"  {'total':24s} {cpu * 1e4 / ops:7.1f} µs (user {user * 1e4 / ops:6.1f}, sys {sys_ * 1e4 / ops:6.1f}); "
          f"switches {vol / ops:5.2f} voluntary, {invol / ops:5.2f} involuntary")
PY
echo "end: $(uptime)"
