#!/usr/bin/env bash
# Re-makes the return-schedule fixtures of Tests/IARSCoreTests/Fixtures/schedules:
# one folder per generated schedule (scenario.yaml, schedule.yaml, cases.csv), and
# expected.json with the reference's objective values for each.
#
#   scripts/make-schedule-fixtures.sh            # tools from ../shared/tools
#   IARS_TOOLS=/path/to/tools scripts/make-schedule-fixtures.sh
#
# Needs python3 with PyYAML, NumPy and SciPy (the reference solves with HiGHS).
# The tests read only the files written here, never the tools.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=${IARS_TOOLS:-../shared/tools}
OUT=Tests/IARSCoreTests/Fixtures/schedules
GEN="python3 $TOOLS/gen_scenario.py"
REF="python3 $TOOLS/iars_reference.py"
[ -f "$TOOLS/gen_scenario.py" ] && [ -f "$TOOLS/iars_reference.py" ] || {
    echo "make-schedule-fixtures: no gen_scenario.py / iars_reference.py in $TOOLS (set IARS_TOOLS)" >&2
    exit 2
}

# name | generator arguments (besides --schedule --months 2 --out-dir)
FIXTURES=(
    "s01-tiny|--seed 101 --cases 20"
    "s02-no-escort|--seed 102 --cases 40 --no-escort"
    "s03-three-weeks|--seed 103 --cases 60 --weeks 3"
    "s04-four-departures|--seed 104 --cases 80 --max-departures 4"
    "s05-departure-cost|--seed 205 --cases 100 --departure-cost"
    "s06-eight-groups|--seed 106 --cases 120 --groups 8 --no-escort"
    "s07-eight-weeks|--seed 107 --cases 150 --weeks 8"
    "s08-six-departures-cost|--seed 108 --cases 200 --max-departures 6 --departure-cost"
    "s09-three-routes|--seed 209 --cases 120 --groups 6 --routes-per-country 3"
    "s10-four-weeks|--seed 110 --cases 300 --weeks 4"
    "s11-no-escort-400|--seed 111 --cases 400 --no-escort --weeks 5"
    "s12-one-country|--seed 112 --cases 30 --groups 3 --countries 1"
    "s13-two-departures|--seed 113 --cases 50 --max-departures 2"
    "s14-no-partner-country|--seed 114 --cases 70 --no-partner-country"
    "s15-one-route-cost|--seed 115 --cases 90 --routes-per-country 1 --departure-cost"
    "s16-two-weeks|--seed 116 --cases 110 --weeks 2"
    "s17-four-countries|--seed 117 --cases 130 --groups 9 --countries 4"
    "s18-no-escort-cost|--seed 118 --cases 180 --no-escort --departure-cost"
    "s19-ten-departures|--seed 119 --cases 220 --max-departures 10"
    "s20-six-weeks-cost|--seed 220 --cases 120 --weeks 6 --departure-cost"
    "s21-seven-groups|--seed 221 --cases 160 --groups 7"
    "s22-no-routes|--seed 122 --cases 25 --routes-per-country 0"
    "s23-ten-weeks|--seed 123 --cases 120 --weeks 10"
    "s24-twelve-departures-cost|--seed 124 --cases 380 --max-departures 12 --departure-cost"
)

mkdir -p "$OUT"
entries=()
for f in "${FIXTURES[@]}"; do
    name=${f%%|*}
    args=${f#*|}
    dir="$OUT/$name"
    rm -rf "$dir"
    mkdir -p "$dir"
    # shellcheck disable=SC2086
    $GEN --schedule --months 2 $args --out-dir "$dir"
    json=$($REF schedule "$dir/schedule.yaml")
    entry=$(python3 -c '
import json, sys
d = json.loads(sys.argv[3])
assert d["status"] == "optimal", d["status"]
print(json.dumps({"name": sys.argv[1], "generator": "--schedule --months 2 " + sys.argv[2],
                  "objective": d["objective"], "assigned": len(d["assignments"]),
                  "unassigned": len(d["unassigned"]), "departures": d["departures"]}))
' "$name" "$args" "$json")
    entries+=("$entry")
    python3 -c '
import json, sys
d = json.loads(sys.argv[2])
secs, objective = sum(d["level_seconds"]), d["objective"]
print(f"{sys.argv[1]:30s} reference solve {secs:6.2f} s  {objective}")
' "$name" "$json" >&2
done
printf '%s\n' "${entries[@]}" | python3 -c '
import json, sys
fixtures = [json.loads(line) for line in sys.stdin if line.strip()]
doc = {"made_by": "scripts/make-schedule-fixtures.sh: gen_scenario.py, then iars_reference.py schedule (HiGHS)",
       "fixtures": fixtures}
print(json.dumps(doc, indent=1))
' > "$OUT/expected.json"
echo "wrote ${#FIXTURES[@]} fixtures and $OUT/expected.json" >&2
