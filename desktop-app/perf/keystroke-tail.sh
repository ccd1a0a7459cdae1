#!/bin/bash
# Summarises the per-key logs of keystroke-latency.sh runs (docs/benchmarks.md, "Keystroke to render").
#
#   desktop-app/perf/keystroke-tail.sh <out dir>...
#
# For each run: key event -> layout pass that shows it, p50 / p90 / p99 / max, over all measured
# keys, over the first 10 s of the measured period and over the rest; how many keys took more
# than 10 ms and what they had in common (a collection during the key, JIT compilations finishing
# during it, remote commits laid out with it); the FX thread's CPU per key; the app JVM's young
# collections (from the run's report).
set -euo pipefail
pct() { sort -g | awk -v p="$1" '{a[NR]=$1} END{if(NR==0){print "-"; exit} i=int(p/100*NR+0.999999); if(i<1)i=1; print a[i]}'; }
for dir in "$@"; do
  tsv=$dir/keystroke-keys.tsv
  [[ -f $tsv ]] || { echo "$dir: no keystroke-keys.tsv"; continue; }
  load=$(sed -n 's/.*load average: \([0-9.]*\),.*/\1/p' "$dir/uptime.txt" | paste -sd '>' | sed 's/>/ -> /')
  printf '%s (load %s)\n' "$dir" "$load"
  for part in all first10s after10s; do
    case $part in
      all) cond='1' ;;
      first10s) cond='$1 < 10000' ;;
      after10s) cond='$1 >= 10000' ;;
    esac
    vals=$(awk -F'\t' "NR>1 && ($cond) {print \$2}" "$tsv")
    n=$(printf '%s\n' "$vals" | grep -c . || true)
    printf '  %-9s n %4d  shown p50 %6s p90 %6s p99 %6s max %6s ms\n' "$part" "$n" \
      "$(printf '%s\n' "$vals" | pct 50)" "$(printf '%s\n' "$vals" | pct 90)" \
      "$(printf '%s\n' "$vals" | pct 99)" "$(printf '%s\n' "$vals" | pct 100)"
  done
  awk -F'\t' 'NR>1 && $2>10 {n++; if($5>0)g++; if($6>0)j++; if($4>0)r++; if($1<10000)e++}
    NR>1 {all++; if($6>0) ja++}
    END{printf "  keys > 10 ms: %d (%d in the first 10 s); with a GC during the key %d, JIT finishing during it %d (all keys: %.0f %%), remote commits laid out with it %d\n", n, e, g, j, 100*ja/all, r}' "$tsv"
  printf '  FX CPU per key (handling) p50 %s p99 %s ms\n' "$(awk -F'\t' 'NR>1{print $3}' "$tsv" | pct 50)" "$(awk -F'\t' 'NR>1{print $3}' "$tsv" | pct 99)"
  grep -h '^GC in the app JVM' "$dir/keystroke-latency.txt" | sed 's/^/  /' || true
done
