#!/usr/bin/env bash
# `iars risk` on N futures against N separate `iars plan` runs of the same
# futures written by --write-futures (docs/risk.md; the issue's bar: risk at
# most 0.3x the time of the separate runs).
#
#   Benchmarks/risk-vs-plan.sh                 # albania-2001, 1000 futures
#   FUTURES=200 Benchmarks/risk-vs-plan.sh
#   FILE=some.yaml JOBS=1 Benchmarks/risk-vs-plan.sh
#
# Both are measured in one run of this script, by the wall clock, with the
# release binary `make build` makes (static Swift runtime, as shipped):
#   risk   `iars risk FILE --futures N --jobs J --format json` (J: JOBS, default
#          the machine's cores; the result does not depend on it);
#   plans  `iars plan future-K.yaml --format json`, one process after another.
# The script also checks that every future's status and objective values
# agree. Times depend on what else the machine is doing.
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=${FILE:-scenarios/albania-2001.yaml}
FUTURES=${FUTURES:-1000}
JOBS=${JOBS:-$(nproc)}
BUILD_PATH=${BUILD_PATH:-.build}

swift build -c release --product iars --static-swift-stdlib --build-path "$BUILD_PATH" >&2
BIN="$BUILD_PATH/release/iars"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/iars-risk-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

now() { python3 -c 'import time; print(time.monotonic())'; }

"$BIN" risk "$FILE" --futures "$FUTURES" --write-futures "$WORK/futures"

t0=$(now)
"$BIN" risk "$FILE" --futures "$FUTURES" --jobs "$JOBS" --format json --output "$WORK/risk.json"
t1=$(now)
mkdir -p "$WORK/plans"
for f in "$WORK"/futures/future-*.yaml; do
    "$BIN" plan "$f" --format json > "$WORK/plans/$(basename "$f" .yaml).json" 2>/dev/null || [ $? -eq 1 ]
done
t2=$(now)

python3 - "$WORK" "$t0" "$t1" "$t2" "$FUTURES" "$JOBS" "$(nproc)" <<'PY'
import json, os, sys
work, t0, t1, t2 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
n, jobs, cores = int(sys.argv[5]), int(sys.argv[6]), int(sys.argv[7])
risk = json.load(open(os.path.join(work, "risk.json")))
for fu in risk["futures"]:
    p = json.load(open(os.path.join(work, "plans", "future-%05d.json" % fu["future"])))
    o = p["objective"] or {}
    got = (fu["status"], fu["unmet"], fu["waiting"], fu["cost"])
    want = (p["status"], o.get("unmet"), o.get("waiting"), o.get("cost"))
    if got != want:
        sys.exit(f"future {fu['future']}: risk {got}, plan {want}")
r, s = t1 - t0, t2 - t1
print(f"futures {n}, risk --jobs {jobs} on {cores} cores")
print(f"iars risk:            {r:8.1f} s")
print(f"{n} x iars plan:    {s:8.1f} s")
print(f"ratio risk / plans:   {r / s:8.2f}  (every future's status and objective agree)")
PY
