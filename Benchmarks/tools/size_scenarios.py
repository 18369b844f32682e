#!/usr/bin/env python3
"""Small scenarios with `uncertainty:` and `buy:` for `iars size` (its brute-force test and
its benchmark): gen_scenario.py's scenario for each seed, then futures and 2-3 buy options
(two or three of a shelter's beds, a route's departures, a screening provider's slots
and a partner's slots, by seed) sized from the
scenario's own capacities. Deterministic per seed.

    python3 Benchmarks/tools/size_scenarios.py --out-dir DIR [--count 10] [--futures 20] [--arrivals 0.5]
"""
import argparse
import os
import subprocess
import sys

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))


def scaled(x, f):
    """x * f rounded half up, at least 1 where x > 0."""
    return max(1 if x > 0 else 0, int(x * f + 0.5))


def mean(v, months):
    return sum(v) / months if isinstance(v, list) else v


def extra(sc, seed, futures):
    months = sc["months"]
    groups = [g["id"] for g in sc["groups"]]
    sh, route, partner, clinic = sc["shelters"][0], sc["routes"][0], sc["partners"][0], sc["medical"][0]
    beds = max(2, round(0.25 * mean(sh["beds"], months)))
    slots = max(2, round(0.3 * mean(partner["slots"], months)))
    screenings = max(3, round(0.3 * mean(clinic["slots"], months)))
    arrivals = "negative-binomial\n  dispersion: 4" if seed % 2 else "poisson"
    # a block costs about what its capacity costs to run for the horizon, so that money
    # decides between purchases that serve as many
    annex = (f"  - {{ id: annex, shelter: {sh['id']}, beds: {beds}, "
             f"cost: {round(beds * sh['bed_night_cost'] * 30 * months * 0.5)}, max: 2 }}")
    charter = (f"  - {{ id: charter, route: {route['id']}, departures: 1, "
               f"cost: {round(route['seats_per_departure'] * route['cost_per_seat'] * 2)}, max: 2 }}")
    hours = (f"  - {{ id: clinic-hours, medical: {clinic['id']}, slots: {screenings}, "
             f"cost: {round(screenings * clinic['cost_per_screening'] * months * 0.5)}, max: 2 }}")
    plus = (f"  - {{ id: partner-plus, partner: {partner['id']}, slots: {slots}, "
            f"cost: {round(slots * partner['cost_per_case'] * months * 0.3)} }}")
    options = [[annex, charter, hours], [annex, hours, plus], [hours, charter]][seed % 3]
    lines = [
        "uncertainty:",
        f"  arrivals: {arrivals}",
        "  surges:",
        f"    - {{ groups: [{', '.join(groups[:2])}], probability: 0.15, size: [3, 10] }}",
        f"  futures: {futures}",
        f"  seed: {seed}",
        "buy:",
    ] + options
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out-dir", required=True)
    ap.add_argument("--count", type=int, default=10)
    ap.add_argument("--futures", type=int, default=20)
    ap.add_argument("--first-seed", type=int, default=1)
    ap.add_argument("--arrivals", type=float, default=1.0, help="factor on the generated arrivals")
    a = ap.parse_args()
    os.makedirs(a.out_dir, exist_ok=True)
    for seed in range(a.first_seed, a.first_seed + a.count):
        path = os.path.join(a.out_dir, f"size-{seed:02d}.yaml")
        args = [sys.executable, os.path.join(HERE, "gen_scenario.py"), "--seed", str(seed),
                "--groups", str(2 + seed % 2), "--shelters", str(1 + seed % 2), "--months", "6",
                "--out", path]
        if seed % 3 == 0:
            args.append("--with-budget")
        subprocess.run(args, check=True)
        with open(path) as f:
            sc = yaml.safe_load(f)
        # (--arrivals: a share of the generator's arrivals, for programmes a purchase can make whole)
        for g in sc["groups"]:
            v = g["arrivals"]
            g["arrivals"] = [scaled(x, a.arrivals) for x in v] if isinstance(v, list) else scaled(v, a.arrivals)
        sc["description"] = sc["description"] + "; futures and buy options by size_scenarios.py" + (f", arrivals x {a.arrivals}" if a.arrivals != 1 else "")
        with open(path, "w") as f:
            yaml.safe_dump(sc, f, sort_keys=False, default_flow_style=None, width=120)
            f.write(extra(sc, seed, a.futures))


if __name__ == "__main__":
    main()
