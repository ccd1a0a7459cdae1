#!/bin/bash
# One run of KeystrokeLatencyProbe (docs/benchmarks.md, "Keystroke to render in the desktop app").
#
#   desktop-app/perf/keystroke-latency.sh <out dir> <room: host|server|inprocess> [extra app-JVM flags...]
#
# e.g. desktop-app/perf/keystroke-latency.sh /tmp/k/host-default host
#      desktop-app/perf/keystroke-latency.sh /tmp/k/host-xms512 host -Xms512m
#
# Runs from the repository root it lives in; 1,000 measured keystrokes after 200 warm-up (set
# WARMUP=600 in the environment for a longer one, or WARMUP=jit to keep typing until the JIT
# compilers are quiet: the steady state, 2,500-2,900 keys here), 5 remote typists; the app JVM (the surefire
# fork) logs its collections to <out dir>/gc.log. Writes the probe's report, its per-key log
# (keystroke-keys.tsv; summarise with keystroke-tail.sh), the GC log, the remote process's log and
# `uptime` before and after into <out dir>.
set -euo pipefail
out=$(realpath -m "$1"); room=$2; shift 2
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
cd "$(dirname "$0")/../.."
mkdir -p "$out"
echo "start $(date -u +%FT%TZ) $(uptime)" > "$out/uptime.txt"
rc=0
rm -f desktop-app/target/keystroke-latency.txt desktop-app/target/keystroke-keys.tsv # a failed run copies nothing stale
./mvnw -B -o -pl desktop-app -am verify -Dtest=KeystrokeLatencyProbe -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtandem.measure=true -Dtandem.keystrokes=1000 -Dtandem.warmup="${WARMUP:-200}" -Dtandem.room="$room" \
  "-Dtest.argLine=--enable-native-access=ALL-UNNAMED -XX:+EnableDynamicAgentLoading -Xlog:gc:file=$out/gc.log $*" \
  > "$out/mvn.log" 2>&1 || rc=$?
echo "end $(date -u +%FT%TZ) $(uptime) rc=$rc" >> "$out/uptime.txt"
cp desktop-app/target/keystroke-latency.txt desktop-app/target/keystroke-keys.tsv desktop-app/target/remote-room.log "$out/" 2>/dev/null || true
cat "$out/uptime.txt" "$out/keystroke-latency.txt" 2>/dev/null
exit $rc
