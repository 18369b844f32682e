#!/usr/bin/env bash
# Sweep timings with and without warm starts (docs/variants.md, "Warm starts").
#
#   Benchmarks/sweep-warm-cold.sh              # the cases below
#   REPEAT=3 Benchmarks/sweep-warm-cold.sh     # best of 3 runs per case and mode
#   BUILD_PATH=.build-bench Benchmarks/sweep-warm-cold.sh
#
# Each case is `iars sweep` over scenarios/albania-2001.yaml, once with warm
# starts (each point starts from its neighbour's plan, the default) and once
# with --no-warm. The times are the solver's, summed over the points
# (`seconds.total` of the JSON with --timings: building, solving and reading
# back each point; not reading the file). The script also checks that both
# modes give the same objective values at every point. Times depend on what
# else the machine is doing: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_PATH=${BUILD_PATH:-.build}
REPEAT=${REPEAT:-1}
FILE=scenarios/albania-2001.yaml

swift build -c release --product iars --build-path "$BUILD_PATH" >&2
BIN="$BUILD_PATH/release/iars"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/iars-sweep-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# name | --vary arguments
CASES='
budget 18000..24000 step 500|--vary budget.total=18000:24000:500
budget x vlora beds (5 x 4)|--vary budget.total=19000:23000:1000 --vary shelters.vlora.beds=4:10:2
ua-women arrivals x1..x3|--vary groups.ua-women.arrivals*=1:3:0.25
tirana beds 8..16|--vary shelters.tirana.beds=8:16:1
'

# run MODE ARGS...: prints the best total seconds of REPEAT runs; keeps the objectives
run() {
    local mode=$1; shift
    local best=""
    for _ in $(seq "$REPEAT"); do
        # shellcheck disable=SC2068
        "$BIN" sweep "$FILE" $@ "--$mode" --format json --timings > "$WORK/$mode.json" || [ $? -eq 1 ]
        t=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"]["total"])' "$WORK/$mode.json")
        best=$(python3 -c 'import sys; a=sys.argv[1]; b=float(sys.argv[2]); print(b if a=="" else min(float(a), b))' "$best" "$t")
    done
    echo "$best"
}

printf '%-32s %6s %9s %9s %8s\n' "case" "points" "warm s" "cold s" "speed-up"
while IFS='|' read -r name args; do
    [ -n "$name" ] || continue
    warm=$(run warm "$args")
    cold=$(run no-warm "$args")
    python3 - "$WORK/warm.json" "$WORK/no-warm.json" "$name" "$warm" "$cold" <<'PY'
import json, sys
w, c = (json.load(open(p)) for p in sys.argv[1:3])
name, warm, cold = sys.argv[3], float(sys.argv[4]), float(sys.argv[5])
ow = [p["objective"] for p in w["points"]]
oc = [p["objective"] for p in c["points"]]
if ow != oc:
    sys.exit(f"{name}: warm and cold objective values differ")
print(f"{name:32s} {len(ow):6d} {warm:9.2f} {cold:9.2f} {cold / warm if warm > 0 else float('nan'):7.2f}x")
PY
done <<< "$CASES"
