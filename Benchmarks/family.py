#!/usr/bin/env python3
"""Programme-sized plans with a binding budget: `make bench-family` (or `python3 Benchmarks/family.py`).

The family (issue 19, part 5): 40 plans drawn with Benchmarks/tools/gen_scenario.py
--with-budget for seeds 5001-5040, each seed's parameters from random.Random(seed):

    groups 3-8, shelters 1-4, months 12/18/24, routes per country 1-2,
    --budget-factor 0.30-0.95, --departure-cost on even seeds (half),
    --with-initial on about a third,

plus the coordinator plans written by hand, Benchmarks/scenarios/family/hand-*.yaml
(commented: what a coordinator would write from the docs). The generated files are
written to Benchmarks/scenarios/family/ (the same seed always gives the same file; they
are committed, and rewritten identically).

For each plan it runs the release binary (`make build`)

    iars plan FILE --format json --time-limit LIMIT

and the HiGHS reference, `python3 Benchmarks/tools/iars_reference.py plan FILE` (a copy
of the project's shared reference solver: the bench needs no ../shared), checks that the
three objective values agree (1e-6 relative), and prints a table: plan, size (groups x
shelters x months, integer columns of iars's model), iars wall seconds and status, the
reference's wall seconds and its solve seconds (its own `seconds`: Python and SciPy's
start-up, about 0.5-1 s, left out), and the ratio iars wall / reference solve seconds
(the stricter of the two comparisons), and iars's effort (the JSON's `effort`: work units,
the same on any machine and under any load). Then the median, 90th percentile and maximum
of iars's time, of its effort and of the ratio.

Environment: TIME_LIMIT (iars's safety limit, 120 s), REF_TIMEOUT (600 s), ONLY (a
substring: only plans whose name contains it), REUSE_REFERENCE (1: take the reference's
results from Benchmarks/results/family-reference.json, written by the last full run, for
quick iterations; the table says so), BIN (.build/release/iars), EXTRA (more iars
arguments, e.g. "--cuts none"), OUT (Benchmarks/results/family.md).
The machine is shared and noisy: compare ratios within one run.
"""

import json
import os
import random
import re
import shlex
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "Benchmarks")
FAMILY = os.path.join(BENCH, "scenarios", "family")
GEN = os.path.join(BENCH, "tools", "gen_scenario.py")
REF = os.path.join(BENCH, "tools", "iars_reference.py")
BIN = os.environ.get("BIN", os.path.join(ROOT, ".build/release/iars"))
TIME_LIMIT = float(os.environ.get("TIME_LIMIT", "120"))
REF_TIMEOUT = float(os.environ.get("REF_TIMEOUT", "600"))
ONLY = os.environ.get("ONLY", "")
REUSE = os.environ.get("REUSE_REFERENCE", "0") == "1"
EXTRA = shlex.split(os.environ.get("EXTRA", ""))
OUT = os.environ.get("OUT", os.path.join(BENCH, "results", "family.md"))
REF_CACHE = os.path.join(BENCH, "results", "family-reference.json")
SEEDS = range(5001, 5041)


def parameters(seed):
    """The generator's arguments for one seed (deterministic)."""
    rng = random.Random(seed)
    groups = rng.randint(3, 8)
    shelters = rng.randint(1, 4)
    months = rng.choice([12, 18, 24])
    routes = rng.randint(1, 2)
    factor = round(rng.uniform(0.30, 0.95), 2)
    initial = rng.random() < 1 / 3
    args = ["--seed", str(seed), "--groups", str(groups), "--shelters", str(shelters), "--months", str(months),
            "--routes-per-country", str(routes), "--with-budget", "--budget-factor", f"{factor:.2f}"]
    if seed % 2 == 0:
        args.append("--departure-cost")
    if initial:
        args.append("--with-initial")
    return args


def generate():
    """Writes the 40 generated plans; returns [(name, path)] with the hand-written ones."""
    os.makedirs(FAMILY, exist_ok=True)
    plans = []
    for seed in SEEDS:
        path = os.path.join(FAMILY, f"gen-{seed}.yaml")
        subprocess.run([sys.executable, GEN, *parameters(seed), "--out", path], check=True,
                       stdout=subprocess.DEVNULL)
        plans.append((f"gen-{seed}", path))
    for name in sorted(os.listdir(FAMILY)):
        if name.startswith("hand-") and name.endswith(".yaml"):
            plans.append((name[:-5], os.path.join(FAMILY, name)))
    return plans


def shape(path):
    """groups x shelters x months, read from the file's top-level lists."""
    groups = shelters = 0
    months = "?"
    section = None
    for line in open(path):
        m = re.match(r"^(\w+):\s*(.*)$", line)
        if m:
            section = m.group(1)
            if section == "months":
                months = m.group(2).strip()
            continue
        if re.match(r"^ {0,2}- (\{ *)?id:", line):  # block or flow style (hand-korce-grant)
            if section == "groups":
                groups += 1
            elif section == "shelters":
                shelters += 1
    return f"{groups}x{shelters}x{months}"


def run(cmd, timeout):
    start = time.monotonic()
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, time.monotonic() - start, "", ""
    return p.returncode, time.monotonic() - start, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def iars(path):
    code, wall, out, err = run([BIN, "plan", path, "--format", "json", "--time-limit", str(TIME_LIMIT), *EXTRA],
                               TIME_LIMIT + 60)
    if code is None:
        return {"status": "killed", "wall": wall}
    try:
        doc = json.loads(out)
    except json.JSONDecodeError:
        return {"status": f"exit {code}: {err.strip()[:80]}", "wall": wall}
    return {"status": doc.get("status"), "wall": wall, "objective": doc.get("objective"),
            "integer_columns": (doc.get("model") or {}).get("integer_columns"), "effort": doc.get("effort")}


def reference(path):
    code, wall, out, err = run([sys.executable, REF, "plan", path], REF_TIMEOUT)
    if code is None:
        return {"status": "killed", "wall": wall}
    try:
        doc = json.loads(out)
    except json.JSONDecodeError:
        return {"status": f"exit {code}", "wall": wall}
    return {"status": doc.get("status"), "wall": wall, "seconds": doc.get("seconds"),
            "objective": doc.get("objective"), "size": doc.get("size")}


def agree(a, b):
    if not a or not b:
        return False
    for key in ("unmet", "waiting", "cost"):
        x, y = a.get(key), b.get(key)
        if x is None or y is None or abs(x - y) > 1e-6 * max(1.0, abs(x), abs(y)):
            return False
    return True


def percentile(values, q):
    """The q-quantile by the nearest-rank rule (p90 of 44 values: the 40th smallest)."""
    s = sorted(values)
    k = max(0, min(len(s) - 1, int(-(-q * len(s) // 1)) - 1))
    return s[k]


def main():
    if not os.path.exists(BIN):
        sys.exit(f"family: no binary at {BIN}: run `make build` first")
    plans = [p for p in generate() if ONLY in p[0]]
    cache = {}
    if REUSE and os.path.exists(REF_CACHE):
        cache = json.load(open(REF_CACHE))
    rows = []
    for name, path in plans:
        print(f"family: {name} ...", file=sys.stderr, flush=True)
        mine = iars(path)
        ref = cache.get(name) if REUSE and name in cache else reference(path)
        cache[name] = ref
        ok = agree(mine.get("objective"), ref.get("objective"))
        ratio = mine["wall"] / ref["seconds"] if ref.get("seconds") else None
        rows.append((name, path, mine, ref, ok, ratio))
        print(f"family: {name}: iars {mine['status']} {mine['wall']:.2f} s, effort {mine.get('effort')}, reference {ref['status']} "
              f"{ref.get('seconds') or 0:.2f} s, {'agree' if ok else 'DIFFER'}", file=sys.stderr, flush=True)
    if not REUSE and not ONLY:
        os.makedirs(os.path.dirname(REF_CACHE), exist_ok=True)
        with open(REF_CACHE, "w") as f:
            json.dump(cache, f, indent=1, sort_keys=True)

    lines = ["| plan | size | int cols | iars s | effort | status | HiGHS wall s | HiGHS solve s | ratio | objectives |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for name, path, mine, ref, ok, ratio in rows:
        solve = f"{ref['seconds']:.2f}" if ref.get("seconds") is not None else f"({ref['status']})"
        verdict = "agree" if ok else ("no reference" if ref.get("objective") is None else "DIFFER")
        lines.append(f"| {name} | {shape(path)} | {mine.get('integer_columns') or '-'} | {mine['wall']:.2f} | "
                     f"{mine.get('effort') or '-'} | {mine['status']} | {ref['wall']:.2f} | {solve} | "
                     f"{'-' if ratio is None else f'{ratio:.2f}'} | {verdict} |")
    walls = [r[2]["wall"] for r in rows]
    ratios = [r[5] for r in rows if r[5] is not None]
    proven = sum(1 for r in rows if r[2]["status"] == "optimal")
    agreeing = sum(1 for r in rows if r[4])
    within = sum(1 for r in rows if r[2]["status"] == "optimal" and r[2]["wall"] <= 10 and r[5] is not None and r[5] <= 1)
    lines.append("")
    efforts = [r[2].get("effort") for r in rows if r[2].get("effort") is not None]
    if efforts:
        lines.append(f"- effort (work units): median {statistics.median(efforts):.0f}, p90 {percentile(efforts, 0.9)}, "
                     f"max {max(efforts)}, total {sum(efforts)}")
    if walls:
        lines.append(f"- iars: median {statistics.median(walls):.2f} s, p90 {percentile(walls, 0.9):.2f} s, "
                     f"max {max(walls):.2f} s; {proven} of {len(rows)} optimal, {agreeing} agree with the reference")
    if ratios:
        lines.append(f"- ratio to HiGHS's solve time: median {statistics.median(ratios):.2f}, "
                     f"p90 {percentile(ratios, 0.9):.2f}, max {max(ratios):.2f}; "
                     f"{within} of {len(rows)} optimal in at most 10 s and no slower than HiGHS")
    if REUSE:
        lines.append("- reference times reused from the last full run (REUSE_REFERENCE=1)")
    text = "\n".join(lines)
    print(text)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(text + "\n")
    return 0 if agreeing == len(rows) else 1


if __name__ == "__main__":
    sys.exit(main())
