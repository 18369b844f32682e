#!/usr/bin/env bash
# Builds and runs the whole test suite under the address sanitizer, with leak
# checking (LeakSanitizer is part of ASan on Linux x86_64), in its own scratch
# folder (.build-asan). The CLI tests run the ASan build of `iars`, and GLPK's
# allocations go through ASan's malloc, so its objects are leak-checked too.
# docs/hardening.md says what is and is not covered.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
SCRATCH=${ASAN_SCRATCH:-.build-asan}
# Suppressions for leaks that are not ours (none needed so far; see the file).
export LSAN_OPTIONS="suppressions=$(pwd)/scripts/lsan-suppressions.txt:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export ASAN_OPTIONS="detect_leaks=${ASAN_DETECT_LEAKS:-1}:abort_on_error=0:halt_on_error=1:strict_string_checks=1:detect_stack_use_after_return=1${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export SWIFT_BACKTRACE=enable=no
swift build --build-tests --sanitize=address --scratch-path "$SCRATCH" 2>&1 | grep -v "warning: Cannot export local symbol" || true
swift build --build-tests --sanitize=address --scratch-path "$SCRATCH" >/dev/null 2>&1 || {
  echo "check-asan: the ASan build failed" >&2; exit 1; }
swift test --skip-build --sanitize=address --scratch-path "$SCRATCH" "$@"
