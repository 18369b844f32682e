#!/usr/bin/env bash
# Fuzzes the scenario, schedule and caseload readers with libFuzzer and the
# address sanitizer (docs/hardening.md). Usage: scripts/fuzz.sh [TARGET...]
#   FUZZ_SECONDS=60   time per reader (libFuzzer's -max_total_time)
# Seeds: Fuzz/corpus/TARGET (small, in git). Inputs libFuzzer finds go to
# .build-fuzz/corpus/TARGET (kept between runs); a crash is written to
# .build-fuzz/crashes/ and the script exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
SECONDS_EACH=${FUZZ_SECONDS:-60}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(scenario schedule caseload)

scripts/install-deps.sh
# The fuzz package builds the main package's sources with the fuzzer's
# coverage instrumentation and ASan; its own scratch folder keeps it apart.
(cd Fuzz && swift build -Xswiftc -sanitize=fuzzer,address 2>&1 \
  | grep -v "warning: Cannot export local symbol" || true)
BIN=$(cd Fuzz && swift build -Xswiftc -sanitize=fuzzer,address --show-bin-path)/iars-fuzz
[ -x "$BIN" ] || { echo "fuzz: build failed" >&2; exit 1; }

status=0
for t in "${TARGETS[@]}"; do
  mkdir -p ".build-fuzz/corpus/$t" .build-fuzz/crashes
  echo "== fuzzing the $t reader for ${SECONDS_EACH}s"
  # stdin from /dev/null: a schedule may name /dev/stdin as its caseload.
  if ! IARS_FUZZ_TARGET=$t IARS_FUZZ_ROOT=$ROOT SWIFT_BACKTRACE=enable=no \
      ASAN_OPTIONS=detect_leaks=${FUZZ_DETECT_LEAKS:-1} \
      "$BIN" -max_total_time="$SECONDS_EACH" -timeout=20 -rss_limit_mb=3072 -max_len=32768 \
      -print_final_stats=1 \
      -artifact_prefix=".build-fuzz/crashes/$t-" ".build-fuzz/corpus/$t" "Fuzz/corpus/$t" \
      </dev/null >".build-fuzz/$t.log" 2>&1; then
    echo "fuzz: the $t reader failed; see .build-fuzz/$t.log and .build-fuzz/crashes/" >&2
    grep -E "ERROR|SUMMARY|Fatal|crash-|timeout-|oom-" ".build-fuzz/$t.log" | head -5 >&2 || true
    status=1
  fi
  grep -E "^(stat::number_of_executed_units|stat::peak_rss_mb)|Done [0-9]+ runs" ".build-fuzz/$t.log" || true
  echo "   corpus: $(ls ".build-fuzz/corpus/$t" | wc -l) inputs"
done
exit $status
