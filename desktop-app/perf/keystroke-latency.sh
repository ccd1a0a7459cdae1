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
#
# LAUNCHED=1: run the probe in a JVM started as ./tandem starts the app (LaunchedKeystrokeProbe):
# the app's jar first on the class path, the app's JVM options and its JDK AOT cache, which
# ./tandem prepares (TANDEM_PREPARE_ONLY=1) from the app's own scripted training session. The
# default runs it in a surefire fork, from class directories, which cannot map the cache.
# LAUNCHED=1 TANDEM_AOT=0: the same launch without the cache (as ./tandem with TANDEM_AOT=0).
set -euo pipefail
out=$(realpath -m "$1"); room=$2; shift 2
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH=$JAVA_HOME/bin:$PATH
cd "$(dirname "$0")/../.."
mkdir -p "$out"
echo "start $(date -u +%FT%TZ) $(uptime)" > "$out/uptime.txt"
rc=0
rm -f desktop-app/target/keystroke-latency.txt desktop-app/target/keystroke-keys.tsv # a failed run copies nothing stale
probe=(-Dtandem.measure=true -Dtandem.keystrokes=1000 -Dtandem.warmup="${WARMUP:-200}" -Dtandem.room="$room")
if [[ ${LAUNCHED:-0} == 1 ]]; then
  # The app's jar and cache (built and trained when stale), then the probe's classes and test
  # dependencies; classes in the app's jar come first, as when the app runs.
  mapfile -t app_opts < <(TANDEM_PREPARE_ONLY=1 ./tandem | grep '^-')
  if [[ ${TANDEM_AOT:-1} != 0 ]] && ! printf '%s\n' "${app_opts[@]}" | grep -q '^-XX:AOTCache='; then
    echo "./tandem prepared no AOT cache (see desktop-app/target/aot-training.log)" >&2
    exit 1
  fi
  ./mvnw -B -o -q -pl desktop-app -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile="$out/test-classpath.txt" > "$out/mvn.log" 2>&1
  cp=$PWD/desktop-app/target/tandem-app.jar:$PWD/desktop-app/target/test-classes:$(cat "$out/test-classpath.txt")
  printf '%s\n' "${app_opts[@]}" > "$out/app-jvm-options.txt"
  (cd desktop-app && "$JAVA_HOME/bin/java" "${app_opts[@]}" -Xlog:gc:file="$out/gc.log" \
    -Dglass.platform=Headless -Dprism.order=sw -Djava.awt.headless=true "${probe[@]}" "$@" \
    -cp "$cp" dev.tandem.app.perf.LaunchedKeystrokeProbe) >> "$out/mvn.log" 2>&1 || rc=$?
else
  ./mvnw -B -o -pl desktop-app -am verify -Dtest=KeystrokeLatencyProbe -Dsurefire.failIfNoSpecifiedTests=false \
    "${probe[@]}" \
    "-Dtest.argLine=--enable-native-access=ALL-UNNAMED -XX:+EnableDynamicAgentLoading -Xlog:gc:file=$out/gc.log $*" \
    > "$out/mvn.log" 2>&1 || rc=$?
fi
echo "end $(date -u +%FT%TZ) $(uptime) rc=$rc" >> "$out/uptime.txt"
cp desktop-app/target/keystroke-latency.txt desktop-app/target/keystroke-keys.tsv desktop-app/target/remote-room.log "$out/" 2>/dev/null || true
cat "$out/uptime.txt" "$out/keystroke-latency.txt" 2>/dev/null
exit $rc
