#!/usr/bin/env bash
# make-batch-fixtures.sh -- regenerate the fixtures of the `iars batch` tests
# (Tests/IARSBatchTests/Fixtures) from ../shared (the project's tools).
#
# A developer tool: the tests only read the files it writes, never ../shared.
#
#   scripts/make-batch-fixtures.sh
#
# batch50/ holds 50 small scenarios (tests must stay fast):
#   b01..b44  valid, from gen_scenario.py --seed N with 1-3 groups, 1-2 shelters,
#             2-4 months (every 5th written as JSON)
#   b45..b47  valid but infeasible (--with-initial --infeasible beds|budget)
#   b48..b50  invalid: a generated scenario with one mistake put in by sed
#             (negative beds; a misspelt key; month 13 in start)
# batch50-expected.json: file name -> {status, objective} from the reference
#   solver (iars_reference.py plan), objective null when infeasible or invalid.
# slow8/: 8 LP-relaxation scenarios (6 groups, 3 shelters, 12 months, --lp) of
#   a few tenths of a second each, deterministic, for the SIGKILL and SIGINT
#   tests (a batch that lasts long enough to be interrupted mid-run).
# schedule/: one small return schedule (gen_scenario.py --schedule) and its
#   scenario, to check that batch tells schedules from scenarios by content.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${IARS_SHARED:-../shared}"
[ -d "$SHARED/tools" ] || SHARED=/work/shared
GEN="$SHARED/tools/gen_scenario.py"
REF="$SHARED/tools/iars_reference.py"
OUT=Tests/IARSBatchTests/Fixtures
rm -rf "$OUT/batch50" "$OUT/schedule" "$OUT/slow8"
mkdir -p "$OUT/batch50" "$OUT/schedule" "$OUT/slow8"

for n in $(seq 1 50); do
  name=$(printf 'b%02d' "$n")
  groups=$(( 1 + n % 3 )); shelters=$(( 1 + n % 2 )); months=$(( 2 + n % 3 ))
  args="--seed $n --groups $groups --shelters $shelters --months $months --name $name"
  ext=yaml
  if [ "$n" -le 44 ] && [ $(( n % 5 )) -eq 0 ]; then args="$args --json"; ext=json; fi
  if [ "$n" -ge 45 ] && [ "$n" -le 47 ]; then
    kind=beds; [ "$n" -eq 46 ] && kind=budget
    args="$args --with-initial --with-budget --infeasible $kind"
  fi
  python3 "$GEN" $args --out "$OUT/batch50/$name.$ext"
done
# the invalid three
sed -i '0,/beds: [0-9]*/s//beds: -3/' "$OUT/batch50/b48.yaml"
sed -i '0,/^shelters:/s//shelterz:/' "$OUT/batch50/b49.yaml"
sed -i 's/^start: .*/start: 2001-13/' "$OUT/batch50/b50.yaml"

python3 - "$OUT" "$REF" <<'PY'
import json, os, subprocess, sys
out, ref = sys.argv[1], sys.argv[2]
expected = {}
for f in sorted(os.listdir(os.path.join(out, "batch50"))):
    n = int(f[1:3])
    if n >= 48:
        expected[f] = {"status": "invalid", "objective": None}
        continue
    r = subprocess.run([sys.executable, ref, "plan", os.path.join(out, "batch50", f)], capture_output=True, text=True)
    d = json.loads(r.stdout)
    expected[f] = {"status": d["status"], "objective": d.get("objective") if d["status"] == "optimal" else None}
with open(os.path.join(out, "batch50-expected.json"), "w") as fh:
    json.dump(expected, fh, indent=1, sort_keys=True)
    fh.write("\n")
PY

python3 "$GEN" --seed 7 --groups 2 --shelters 1 --months 2 --schedule --cases 8 --weeks 3 \
  --max-departures 3 --name sched --out-dir "$OUT/schedule"
for s in 1 2 3 4 5 6 7 8; do
  python3 "$GEN" --seed $((200 + s)) --groups 6 --shelters 3 --months 12 --lp --name "slow$s" \
    --out "$OUT/slow8/slow$s.yaml"
done
echo "make-batch-fixtures.sh: wrote $OUT"
