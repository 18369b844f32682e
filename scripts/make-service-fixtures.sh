#!/usr/bin/env bash
# make-service-fixtures.sh -- regenerate the social-services fixtures (docs/services.md).
#
# A developer tool: the tests only read the files it writes.
#
#   scripts/make-service-fixtures.sh            regenerate and solve (about a minute)
#   scripts/make-service-fixtures.sh --check    only check that the scenario files are
#                                               what the generator writes now
#
# Uses Benchmarks/tools/gen_scenario.py (which learnt --with-services and
# --infeasible service; ../shared's copy may not have them yet) and
# Benchmarks/tools/iars_reference.py (a copy of ../shared/tools/iars_reference.py).
#
# Writes (relative to the repository root):
#   Tests/IARSCoreTests/Fixtures/services/generated/*.yaml   one per line of FIXTURES
#   Tests/IARSCoreTests/Fixtures/services/generated/expected.json
#   Tests/IARSCoreTests/Fixtures/services/hand/expected.json  the reference's values
#       for the hand-written files in services/hand/ (written by hand, not generated)
#
# Environment: PYTHON (default python3; needs PyYAML, numpy, scipy >= 1.9).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-python3}
gen="$root/Benchmarks/tools/gen_scenario.py"
ref="$root/Benchmarks/tools/iars_reference.py"
fixtures="$root/Tests/IARSCoreTests/Fixtures/services"

# file name | gen_scenario.py arguments (besides --out); every one has services
FIXTURES='
v-g01-s01-m06-seed1-initial.yaml|--seed 1 --groups 1 --shelters 1 --months 6 --routes-per-country 1 --with-initial --with-services --name v-g01-s01-m06-seed1-initial
v-g02-s02-m06-seed2.yaml|--seed 2 --groups 2 --shelters 2 --months 6 --with-services --name v-g02-s02-m06-seed2
v-g03-s02-m12-seed3-initial.yaml|--seed 3 --groups 3 --shelters 2 --months 12 --with-initial --with-services --name v-g03-s02-m12-seed3-initial
v-g03-s03-m06-seed4-budget.yaml|--seed 4 --groups 3 --shelters 3 --months 6 --with-budget --with-services --name v-g03-s03-m06-seed4-budget
v-g04-s02-m06-seed5-lp.yaml|--seed 5 --groups 4 --shelters 2 --months 6 --lp --with-services --name v-g04-s02-m06-seed5-lp
v-g04-s03-m08-seed6-initial-depcost.yaml|--seed 6 --groups 4 --shelters 3 --months 8 --with-initial --departure-cost --with-services --name v-g04-s03-m08-seed6-initial-depcost
v-g05-s02-m12-seed7-r1.yaml|--seed 7 --groups 5 --shelters 2 --months 12 --routes-per-country 1 --with-services --name v-g05-s02-m12-seed7-r1
v-g05-s03-m06-seed8-budget-initial.yaml|--seed 8 --groups 5 --shelters 3 --months 6 --with-budget --with-initial --with-services --name v-g05-s03-m06-seed8-budget-initial
v-g06-s02-m06-seed9.json|--seed 9 --groups 6 --shelters 2 --months 6 --json --with-services --name v-g06-s02-m06-seed9
v-g06-s04-m06-seed10-lp-initial.yaml|--seed 10 --groups 6 --shelters 4 --months 6 --lp --with-initial --with-services --name v-g06-s04-m06-seed10-lp-initial
v-g07-s03-m09-seed11-r3.yaml|--seed 11 --groups 7 --shelters 3 --months 9 --routes-per-country 3 --with-services --name v-g07-s03-m09-seed11-r3
v-g08-s03-m06-seed12-initial.yaml|--seed 12 --groups 8 --shelters 3 --months 6 --with-initial --with-services --name v-g08-s03-m06-seed12-initial
v-g08-s02-m12-seed13-budget.yaml|--seed 13 --groups 8 --shelters 2 --months 12 --with-budget --with-services --name v-g08-s02-m12-seed13-budget
v-g09-s04-m06-seed14-nopartner.yaml|--seed 14 --groups 9 --shelters 4 --months 6 --no-partner-country --with-services --name v-g09-s04-m06-seed14-nopartner
v-g10-s03-m06-seed15-r1-initial.yaml|--seed 15 --groups 10 --shelters 3 --months 6 --routes-per-country 1 --with-initial --with-services --name v-g10-s03-m06-seed15-r1-initial
v-g04-s02-m06-seed16-infeasible-service.yaml|--seed 16 --groups 4 --shelters 2 --months 6 --with-initial --infeasible service --name v-g04-s02-m06-seed16-infeasible-service
v-g03-s03-m06-seed17-infeasible-service.yaml|--seed 17 --groups 3 --shelters 3 --months 6 --infeasible service --name v-g03-s03-m06-seed17-infeasible-service
'

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
  diff -r -x expected.json "$tmp" "$fixtures/generated" && echo "service fixtures are up to date"
  exit $?
fi

# solve OUT FILE...: the reference's status, objective and first reason for each file, into OUT
solve() {
  local out=$1 f
  shift
  for f in "$@"; do
    "$python" "$ref" plan "$f" > "$f.ref" || [ $? -eq 1 ]   # 1 = infeasible: still a result
  done
  "$python" - "$out" "$@" <<'PY'
import json, os, sys
out = {}
for f in sys.argv[2:]:
    with open(f + ".ref") as h:
        d = json.load(h)
    os.remove(f + ".ref")
    if d["status"] not in ("optimal", "infeasible"):
        sys.exit(f"{f}: reference status {d['status']}: pick another seed")
    out[os.path.basename(f)] = {"status": d["status"], "objective": d.get("objective"),
                                "reasons": d.get("reasons", [])}
    print(f"  {os.path.basename(f):55s} {d['status']:10s} {d.get('seconds', 0):7.3f} s  {d.get('objective')}",
          file=sys.stderr)
with open(sys.argv[1], "w") as h:
    json.dump(out, h, indent=2, sort_keys=True)
    h.write("\n")
PY
}

rm -f "$fixtures"/generated/*.yaml "$fixtures"/generated/*.json
generate "$fixtures/generated"
files=()
while IFS='|' read -r file _; do [ -n "$file" ] && files+=("$fixtures/generated/$file"); done <<< "$FIXTURES"
echo "solving the generated service fixtures" >&2
solve "$fixtures/generated/expected.json" "${files[@]}"
echo "solving the hand-written ones" >&2
solve "$fixtures/hand/expected.json" "$fixtures"/hand/*.yaml
echo "done; reference $(sha256sum "$ref" | cut -c1-12)" >&2
