#!/usr/bin/env bash
# How `iars schedule` scales with the caseload, side by side with the reference
# solver (iars_reference.py, SciPy/HiGHS) on the same generated files.
#
#   Benchmarks/schedule-scaling.sh                  # 500, 5,000 and 20,000 cases
#   SIZES="500 5000" REF_TIMEOUT=120 Benchmarks/schedule-scaling.sh
#   IARS_TOOLS=/path/to/tools Benchmarks/schedule-scaling.sh
#
# Each schedule comes from `gen_scenario.py --schedule` with the same seed and
# shape (30 groups in 10 countries, 3 routes per country, 8 weeks, fixed costs
# per departure: about 150 departures); only the number of cases changes. The
# reference gets REF_TIMEOUT seconds (default 900) per schedule. With
# REF_PER_COUNTRY=1, a schedule the reference cannot finish is checked country
# by country instead (the caseload split by country, one reference run each,
# REF_TIMEOUT seconds each): no rule links two countries and every objective
# is a sum over them (left_behind_days too: its E, the last departure, comes from the
# schedule file, which every country's run shares), so the sums are the whole schedule's optimum. Times are wall
# clock for the whole command (reading, solving, writing JSON), on whatever else
# the machine is doing: run it on a quiet machine.
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=${IARS_TOOLS:-../shared/tools}
SIZES=${SIZES:-"500 5000 20000"}
REF_TIMEOUT=${REF_TIMEOUT:-900}
BUILD_PATH=${BUILD_PATH:-.build}
for f in gen_scenario.py iars_reference.py; do
    [ -f "$TOOLS/$f" ] || { echo "schedule-scaling: $TOOLS/$f not found (set IARS_TOOLS)" >&2; exit 2; }
done

swift build -c release --product iars --build-path "$BUILD_PATH" >&2
BIN="$BUILD_PATH/release/iars"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/iars-schedule-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

now() { date +%s%N; }
secs() { python3 -c "import sys; print(f'{(int(sys.argv[2]) - int(sys.argv[1])) / 1e9:.2f}')" "$1" "$2"; }

rows=()
for n in $SIZES; do
    dir="$WORK/n$n"
    mkdir -p "$dir"
    python3 "$TOOLS/gen_scenario.py" --schedule --seed 11 --groups 30 --shelters 5 --months 3 \
        --routes-per-country 3 --weeks 8 --departure-cost --cases "$n" --out-dir "$dir"
    t0=$(now)
    "$BIN" schedule "$dir/schedule.yaml" --format json -o "$dir/iars.json"
    t1=$(now)
    iars_s=$(secs "$t0" "$t1")
    t0=$(now)
    if timeout "$REF_TIMEOUT" python3 "$TOOLS/iars_reference.py" schedule "$dir/schedule.yaml" > "$dir/ref.json" 2>/dev/null; then
        t1=$(now)
        ref_s=$(secs "$t0" "$t1")
    else
        ref_s="> $REF_TIMEOUT"
        rm -f "$dir/ref.json"
        if [ "${REF_PER_COUNTRY:-0}" = 1 ]; then
            python3 - "$dir" <<'PY'
import csv, os, sys, yaml
d = sys.argv[1]
scenario = yaml.safe_load(open(os.path.join(d, "scenario.yaml")))
country = {g["id"]: g["country"] for g in scenario["groups"]}
rows = list(csv.DictReader(open(os.path.join(d, "cases.csv"))))
by = {}
for r in rows:
    by.setdefault(country[r["group"]], []).append(r)
for c, rs in sorted(by.items()):
    with open(os.path.join(d, f"cases-{c}.csv"), "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        w.writeheader()
        w.writerows(rs)
PY
            t0=$(now)
            ok=1
            for part in "$dir"/cases-*.csv; do
                c=${part##*/cases-}; c=${c%.csv}
                timeout "$REF_TIMEOUT" python3 "$TOOLS/iars_reference.py" schedule "$dir/schedule.yaml" \
                    --cases "$part" > "$dir/ref-$c.json" 2>/dev/null || { ok=0; break; }
            done
            t1=$(now)
            if [ $ok = 1 ]; then
                ref_s="$(secs "$t0" "$t1") by country"
                python3 - "$dir" <<'PY'
import glob, json, os, sys
d = sys.argv[1]
parts = [json.load(open(f)) for f in sorted(glob.glob(os.path.join(d, "ref-*.json")))]
total = {k: sum(p["objective"][k] for p in parts) for k in ("unassigned", "left_behind_days", "waiting_days", "cost")}
status = "optimal" if all(p["status"] == "optimal" for p in parts) else "feasible"
json.dump({"status": status + f", {len(parts)} countries", "objective": total}, open(os.path.join(d, "ref.json"), "w"))
PY
            fi
        fi
    fi
    rows+=("$(python3 - "$n" "$dir" "$iars_s" "$ref_s" <<'PY'
import json, os, sys
n, d, iars_s, ref_s = sys.argv[1:]
mine = json.load(open(os.path.join(d, "iars.json")))
o = mine["objective"]
size = mine["size"]
agree = "(reference timed out)"
if os.path.exists(os.path.join(d, "ref.json")):
    ref = json.load(open(os.path.join(d, "ref.json")))
    r = ref["objective"]
    same = all(abs(o[k] - r[k]) <= 1e-6 for k in ("unassigned", "left_behind_days", "waiting_days", "cost"))
    agree = ("yes" if same else "NO") + f" ({ref['status']})"
objective = f"{o['unassigned']:g} / {o['left_behind_days']} / {o['waiting_days']} / {o['cost']:.2f}"
print(f"{int(n):>7,}  {size['departures']:>10}  {size['classes']:>7}  {mine['status']:>8}  {iars_s:>7}  {ref_s:>18}  {objective:<40}  {agree}")
PY
)")
done
echo
printf '%7s  %10s  %7s  %8s  %7s  %18s  %-40s  %s\n' cases departures classes status "iars s" "reference s" \
    "unassigned / left behind / waiting / cost" "same objective"
for r in "${rows[@]}"; do echo "$r"; done
