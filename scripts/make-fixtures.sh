#!/usr/bin/env bash
# make-fixtures.sh -- regenerate the planner's test fixtures from ../shared.
#
# A developer tool: the tests only read the files it writes, never ../shared.
#
#   scripts/make-fixtures.sh            regenerate everything (about 2 minutes)
#   scripts/make-fixtures.sh --check    regenerate the scenario files into a
#                                       temporary directory and compare them
#                                       with the checked-in ones (no solving)
#
# What it writes (paths relative to the repository root):
#   Tests/IARSCoreTests/Fixtures/generated/*.yaml|*.json
#       scenarios from ../shared/tools/gen_scenario.py, one per line of the
#       FIXTURES table below (file name | generator arguments). The name says
#       groups, shelters, months, seed and the options: rN = routes per
#       country when not 2, budget = --with-budget, initial = --with-initial,
#       lp = --lp, depcost = --departure-cost, nopartner = --no-partner-country,
#       infeasible-beds|budget = --infeasible ..., .json = --json.
#   Tests/IARSCoreTests/Fixtures/generated/expected.json
#       file name -> {"status": ..., "objective": {"unmet", "waiting", "cost"}}
#       (objective null when infeasible), from ../shared/tools/iars_reference.py.
#   Tests/IARSCoreTests/Fixtures/shipped-expected.json
#       the same for the shipped scenarios (SHIPPED below).
#   Tests/IARSCoreTests/Fixtures/variants-expected.json
#       the same for each variant of scenarios/albania-2001.yaml, applied by
#       scripts/variant-reference.py (independently of iars).
#
# Seeds were chosen so that the test suite stays fast: the reference solves
# each fixture in under ~2.5 s, and the glpsol peer (../shared/peers) in
# under ~3.5 s; the script warns when a reference solve takes over 5 s.
# After changing the table, update Tests/IARSCoreTests/Fixtures/README.md.
#
# Environment: IARS_SHARED (default: ../shared next to the repository),
# PYTHON (default: python3; needs PyYAML, numpy, scipy >= 1.9).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
shared=${IARS_SHARED:-"$root/../shared"}
python=${PYTHON:-python3}
gen="$shared/tools/gen_scenario.py"
ref="$shared/tools/iars_reference.py"
fixtures="$root/Tests/IARSCoreTests/Fixtures"
slow=5   # seconds: warn above this reference solve time

for f in "$gen" "$ref"; do
  [ -f "$f" ] || { echo "make-fixtures.sh: $f not found (set IARS_SHARED)" >&2; exit 2; }
done

# file name | gen_scenario.py arguments (besides --out)
FIXTURES='
g01-s01-m01-seed1-r1.yaml|--seed 1 --groups 1 --shelters 1 --months 1 --routes-per-country 1 --name g01-s01-m01-seed1-r1
g01-s01-m03-seed1-r1-budget.yaml|--seed 1 --groups 1 --shelters 1 --months 3 --routes-per-country 1 --with-budget --name g01-s01-m03-seed1-r1-budget
g01-s02-m06-seed1-initial.yaml|--seed 1 --groups 1 --shelters 2 --months 6 --routes-per-country 2 --with-initial --name g01-s02-m06-seed1-initial
g01-s03-m24-seed1-r3-depcost.yaml|--seed 1 --groups 1 --shelters 3 --months 24 --routes-per-country 3 --departure-cost --name g01-s03-m24-seed1-r3-depcost
g02-s01-m12-seed1-r1.yaml|--seed 1 --groups 2 --shelters 1 --months 12 --routes-per-country 1 --name g02-s01-m12-seed1-r1
g02-s02-m06-seed1-r1-lp.yaml|--seed 1 --groups 2 --shelters 2 --months 6 --routes-per-country 1 --lp --name g02-s02-m06-seed1-r1-lp
g02-s03-m04-seed1-r3-depcost.yaml|--seed 1 --groups 2 --shelters 3 --months 4 --routes-per-country 3 --departure-cost --name g02-s03-m04-seed1-r3-depcost
g02-s02-m24-seed1-initial-budget.yaml|--seed 1 --groups 2 --shelters 2 --months 24 --routes-per-country 2 --with-initial --with-budget --name g02-s02-m24-seed1-initial-budget
g03-s01-m12-seed1-budget-initial.yaml|--seed 1 --groups 3 --shelters 1 --months 12 --routes-per-country 2 --with-budget --with-initial --name g03-s01-m12-seed1-budget-initial
g03-s02-m02-seed1-r1.json|--seed 1 --groups 3 --shelters 2 --months 2 --routes-per-country 1 --json --name g03-s02-m02-seed1-r1
g03-s03-m12-seed1-nopartner.yaml|--seed 1 --groups 3 --shelters 3 --months 12 --routes-per-country 2 --no-partner-country --name g03-s03-m12-seed1-nopartner
g03-s05-m24-seed11-r1.yaml|--seed 11 --groups 3 --shelters 5 --months 24 --routes-per-country 1 --name g03-s05-m24-seed11-r1
g04-s02-m06-seed1-budget.yaml|--seed 1 --groups 4 --shelters 2 --months 6 --routes-per-country 2 --with-budget --name g04-s02-m06-seed1-budget
g04-s02-m12-seed1-r1-initial-depcost.yaml|--seed 1 --groups 4 --shelters 2 --months 12 --routes-per-country 1 --with-initial --departure-cost --name g04-s02-m12-seed1-r1-initial-depcost
g04-s03-m09-seed1-r3-lp-budget.yaml|--seed 1 --groups 4 --shelters 3 --months 9 --routes-per-country 3 --lp --with-budget --name g04-s03-m09-seed1-r3-lp-budget
g05-s01-m06-seed1-r1-initial.json|--seed 1 --groups 5 --shelters 1 --months 6 --routes-per-country 1 --json --with-initial --name g05-s01-m06-seed1-r1-initial
g05-s03-m12-seed1-budget.yaml|--seed 1 --groups 5 --shelters 3 --months 12 --routes-per-country 2 --with-budget --name g05-s03-m12-seed1-budget
g05-s03-m12-seed1.yaml|--seed 1 --groups 5 --shelters 3 --months 12 --routes-per-country 2 --name g05-s03-m12-seed1
g05-s04-m18-seed1-r1-lp.yaml|--seed 1 --groups 5 --shelters 4 --months 18 --routes-per-country 1 --lp --name g05-s04-m18-seed1-r1-lp
g06-s02-m12-seed1-depcost-budget.yaml|--seed 1 --groups 6 --shelters 2 --months 12 --routes-per-country 2 --departure-cost --with-budget --name g06-s02-m12-seed1-depcost-budget
g06-s03-m08-seed1-r3-initial-nopartner.yaml|--seed 1 --groups 6 --shelters 3 --months 8 --routes-per-country 3 --with-initial --no-partner-country --name g06-s03-m08-seed1-r3-initial-nopartner
g06-s05-m06-seed1.json|--seed 1 --groups 6 --shelters 5 --months 6 --routes-per-country 2 --json --name g06-s05-m06-seed1
g06-s01-m24-seed1-budget.json|--seed 1 --groups 6 --shelters 1 --months 24 --routes-per-country 2 --with-budget --json --name g06-s01-m24-seed1-budget
g07-s02-m24-seed1-r1-lp-initial.yaml|--seed 1 --groups 7 --shelters 2 --months 24 --routes-per-country 1 --lp --with-initial --name g07-s02-m24-seed1-r1-lp-initial
g07-s04-m10-seed1-budget-initial.yaml|--seed 1 --groups 7 --shelters 4 --months 10 --routes-per-country 2 --with-budget --with-initial --name g07-s04-m10-seed1-budget-initial
g08-s03-m12-seed1.yaml|--seed 1 --groups 8 --shelters 3 --months 12 --routes-per-country 2 --name g08-s03-m12-seed1
g08-s05-m04-seed1-r3-depcost.yaml|--seed 1 --groups 8 --shelters 5 --months 4 --routes-per-country 3 --departure-cost --name g08-s05-m04-seed1-r3-depcost
g08-s02-m06-seed1-r1-budget.json|--seed 1 --groups 8 --shelters 2 --months 6 --routes-per-country 1 --with-budget --json --name g08-s02-m06-seed1-r1-budget
g09-s03-m06-seed1-lp-depcost-budget.yaml|--seed 1 --groups 9 --shelters 3 --months 6 --routes-per-country 2 --lp --departure-cost --with-budget --name g09-s03-m06-seed1-lp-depcost-budget
g09-s04-m12-seed8-r1-initial.yaml|--seed 8 --groups 9 --shelters 4 --months 12 --routes-per-country 1 --with-initial --name g09-s04-m12-seed8-r1-initial
g10-s02-m06-seed1-nopartner-budget.yaml|--seed 1 --groups 10 --shelters 2 --months 6 --routes-per-country 2 --no-partner-country --with-budget --name g10-s02-m06-seed1-nopartner-budget
g10-s05-m03-seed1-initial.json|--seed 1 --groups 10 --shelters 5 --months 3 --routes-per-country 2 --json --with-initial --name g10-s05-m03-seed1-initial
g10-s03-m12-seed1-r3-lp.yaml|--seed 1 --groups 10 --shelters 3 --months 12 --routes-per-country 3 --lp --name g10-s03-m12-seed1-r3-lp
g11-s04-m06-seed1-r1-depcost-initial-budget.yaml|--seed 1 --groups 11 --shelters 4 --months 6 --routes-per-country 1 --departure-cost --with-initial --with-budget --name g11-s04-m06-seed1-r1-depcost-initial-budget
g12-s05-m06-seed7.yaml|--seed 7 --groups 12 --shelters 5 --months 6 --routes-per-country 2 --name g12-s05-m06-seed7
g12-s03-m24-seed1-r1-lp-budget.yaml|--seed 1 --groups 12 --shelters 3 --months 24 --routes-per-country 1 --lp --with-budget --name g12-s03-m24-seed1-r1-lp-budget
g12-s02-m01-seed1-r3.yaml|--seed 1 --groups 12 --shelters 2 --months 1 --routes-per-country 3 --name g12-s02-m01-seed1-r3
g03-s02-m06-seed1-r1-initial-infeasible-beds.yaml|--seed 1 --groups 3 --shelters 2 --months 6 --routes-per-country 1 --with-initial --infeasible beds --name g03-s02-m06-seed1-r1-initial-infeasible-beds
g04-s02-m06-seed1-infeasible-budget.yaml|--seed 1 --groups 4 --shelters 2 --months 6 --routes-per-country 2 --infeasible budget --name g04-s02-m06-seed1-infeasible-budget
g05-s03-m03-seed1-infeasible-beds.json|--seed 1 --groups 5 --shelters 3 --months 3 --routes-per-country 2 --json --infeasible beds --name g05-s03-m03-seed1-infeasible-beds
'

SHIPPED='albania-2001.yaml albania-2001-tight-budget.yaml balkans-regional.yaml'

# generate DIR: writes every fixture scenario into DIR
generate() {
  local dir=$1 file args
  mkdir -p "$dir"
  while IFS='|' read -r file args; do
    [ -n "$file" ] || continue
    # shellcheck disable=SC2086  # args is a list of words
    "$python" "$gen" $args --out "$dir/$file"
  done <<< "$FIXTURES"
}

if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  generate "$tmp"
  if diff -r -x expected.json -x .gitkeep "$tmp" "$fixtures/generated"; then
    echo "fixture scenarios are up to date"
  else
    echo "fixture scenarios differ from what the generator writes now" >&2
    exit 1
  fi
  exit 0
elif [ -n "${1:-}" ]; then
  echo "usage: scripts/make-fixtures.sh [--check]" >&2
  exit 2
fi

# solve FILE...: runs the reference on each file, prints one JSON line per file
solve() {
  local f out
  for f in "$@"; do
    out=$("$python" "$ref" plan "$f") || [ $? -eq 1 ]   # 1 = infeasible: still a result
    "$python" -c '
import json, sys
d = json.loads(sys.argv[2])
print(json.dumps({"file": sys.argv[1], "status": d["status"], "objective": d.get("objective"),
                  "seconds": d.get("seconds")}))' "$(basename "$f")" "$out"
  done
}

# collect OUT: reads solve lines on stdin, writes OUT (sorted by file name)
collect() {
  "$python" -c '
import json, sys
slow = float(sys.argv[2])
rows = sorted((json.loads(l) for l in sys.stdin if l.strip()), key=lambda r: r["file"])
out = {}
for r in rows:
    name, status, objective, seconds = r["file"], r["status"], r["objective"], r["seconds"] or 0.0
    if status not in ("optimal", "infeasible"):
        sys.exit(f"{name}: reference status {status}: pick another seed")
    if seconds > slow:
        print(f"warning: {name}: the reference took {seconds} s (over {slow:g} s)", file=sys.stderr)
    out[name] = {"status": status, "objective": objective}
    print(f"  {name:55s} {status:10s} {seconds:8.3f} s  {objective}", file=sys.stderr)
with open(sys.argv[1], "w") as f:
    json.dump(out, f, indent=2)
    f.write("\n")' "$1" "$slow"
}

echo "generating fixtures into $fixtures/generated" >&2
rm -f "$fixtures"/generated/*.yaml "$fixtures"/generated/*.json
generate "$fixtures/generated"

echo "solving them with the reference" >&2
files=()
while IFS='|' read -r file _; do [ -n "$file" ] && files+=("$fixtures/generated/$file"); done <<< "$FIXTURES"
solve "${files[@]}" | collect "$fixtures/generated/expected.json"

echo "solving the shipped scenarios" >&2
# The reference knows nothing of `variants:` (an iars extension, docs/variants.md)
# and refuses unknown keys: solve copies without that top-level block (YAML files:
# from a line `variants:` at column 0 to the next top-level key or the end).
stripped=$(mktemp -d)
trap 'rm -rf "$stripped"' EXIT
shipped=()
for s in $SHIPPED; do
  awk '/^variants:/ {skip = 1; next} skip && /^[^ #\t-]/ {skip = 0} !skip' "$root/scenarios/$s" > "$stripped/$s"
  shipped+=("$stripped/$s")
done
solve "${shipped[@]}" | collect "$fixtures/shipped-expected.json"

echo "solving the variants of albania-2001.yaml (applied by scripts/variant-reference.py)" >&2
"$python" "$root/scripts/variant-reference.py" "$root/scenarios/albania-2001.yaml" "$ref" \
  > "$fixtures/variants-expected.json"

echo "done: $(( $(echo "$FIXTURES" | grep -c '|') )) fixtures; reference $(sha256sum "$ref" | cut -c1-12)" >&2
