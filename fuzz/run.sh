#!/usr/bin/env bash
# Runs every libFuzzer target (or those named) for FUZZ_SECONDS each (default 60).
# New inputs go to .build-fuzz/corpus/<target>; the seeds in fuzz/corpus/<target> are only read.
# Crashes are written to .build-fuzz/artifacts/<target>/ and make the run fail.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${FUZZ_BUILD:-$ROOT/.build-fuzz}
SECONDS_EACH=${FUZZ_SECONDS:-60}
"$ROOT/fuzz/build.sh" "$@" 2>&1 | grep -v 'ld.gold: warning: Cannot export local symbol' || exit 1
targets=("$@")
[[ ${#targets[@]} -gt 0 ]] || mapfile -t targets < <(ls "$ROOT/fuzz/targets" | sed -n 's/\.swift$//p')
status=0
# Inputs that once crashed a target (fuzz/regressions/<target>-*) must pass first.
for t in "${targets[@]}"; do
  for f in "$ROOT"/fuzz/regressions/"$t"-*; do
    [[ -e $f ]] || continue
    if ! SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$OUT/$t" "$f" >"$OUT/$t.regression.log" 2>&1; then
      echo "regression: $t crashes on $f (see $OUT/$t.regression.log)"; status=1
    fi
  done
done
printf '%-12s %12s %8s %8s  %s\n' target executions exec/s corpus result
for t in "${targets[@]}"; do
  mkdir -p "$OUT/corpus/$t" "$OUT/artifacts/$t"
  log=$OUT/$t.log
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 "$OUT/$t" -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$OUT/artifacts/$t/" \
    "$OUT/corpus/$t" "$ROOT/fuzz/corpus/$t" >"$log" 2>&1
  rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  corpus=$(ls "$OUT/corpus/$t" | wc -l)
  if [[ $rc -eq 0 ]]; then result=ok; else result="FAILED (rc $rc, see $log)"; status=1; fi
  printf '%-12s %12s %8s %8s  %s\n' "$t" "${execs:-?}" "${rate:-?}" "$corpus" "$result"
done
exit $status
