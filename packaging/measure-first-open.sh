#!/usr/bin/env bash
# The first 10 MB open after launch, with and without the JDK AOT cache, alternating, each run a
# fresh process launched as people launch Tandem: the shaded jar as ./tandem runs it, and the
# jpackage app-image's launcher. Each run is the app's `--measure-open` (dev.tandem.app.ScriptedSession:
# JavaFX Headless platform; the app hosts its first room as a start without a link does, then after
# a 1.5 s pause on the start screen opens a generated 10,000,000-byte text file into a new room),
# once with that first room (FIRST=true) and once with the start screen first (FIRST=false).
# Prints `uptime` before each run. Results: docs/benchmarks.md.
#
# Needs: desktop-app/target/tandem-app.jar and its cache (./tandem makes both), and for the image
# packaging/target/installers/Tandem (./mvnw -B -Pinstallers package -DskipTests).
# Usage: packaging/measure-first-open.sh [RUNS]     (MODES="jar-cache jar-none" to leave out the image)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/jdk.sh
tandem_select_jdk
runs=${1:-3}
jar=desktop-app/target/tandem-app.jar
cache=desktop-app/target/tandem-app.aot
image=packaging/target/installers/Tandem
icache=$image/lib/app/tandem.aot
modes=${MODES:-jar-cache jar-none image-cache image-none}
[[ -f $jar && -f $cache ]] || { echo "run ./tandem once first (builds the jar and its cache)" >&2; exit 1; }
[[ $modes != *image* || -f $icache ]] || { echo "no app-image with a cache in $image" >&2; exit 1; }
[[ $cache -nt $jar ]] || { echo "$cache is older than the jar: run ./tandem once to remake it" >&2; exit 1; }
restore() { if [[ -f $icache.off ]]; then mv "$icache.off" "$icache"; fi; }
trap restore EXIT
for i in $(seq 1 "$runs"); do
  for first in true false; do
    for mode in $modes; do
      case $mode in
        jar-cache) cmd=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xms256m -Djava.locale.providers=SPI,CLDR -XX:AOTCache="$cache" '-Xlog:aot*=off'
                        '-Xlog:cds*=off' -Dtandem.measure.firstRoom=$first -jar "$jar" --measure-open) ;;
        jar-none) cmd=("$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xms256m -Djava.locale.providers=SPI,CLDR -Dtandem.measure.firstRoom=$first
                       -jar "$jar" --measure-open) ;;
        # The launcher's options come from lib/app/Tandem.cfg; "none" hides the cache file, which the
        # launcher then silently does without.
        image-cache|image-none) cmd=(env JAVA_TOOL_OPTIONS=-Dtandem.measure.firstRoom=$first "$image/bin/Tandem" --measure-open) ;;
        *) echo "unknown mode $mode" >&2; exit 2 ;;
      esac
      if [[ $mode == image-none ]]; then mv "$icache" "$icache.off"; fi
      echo "=== run $i, first room $first, $mode; $(uptime)"
      "${cmd[@]}" 2>&1 | grep -E '^ |^measure-open' || true
      restore
    done
  done
done
echo "=== end; $(uptime)"
