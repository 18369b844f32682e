#!/usr/bin/env python3
"""Writes Tests/IARSCoreTests/Fixtures/risk/risk-01.yaml ... risk-10.yaml: ten
random scenarios from Benchmarks/tools/gen_scenario.py, each with an
`uncertainty:` section (Poisson or negative binomial, some surges) and, for
every third, a `buy:` section. The risk tests plan their futures with
`iars risk` and with `iars plan` one by one and compare (docs/risk.md).

    python3 scripts/make-risk-fixtures.py
"""
import os
import random
import subprocess

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "Tests/IARSCoreTests/Fixtures/risk")
CASES = [
    (1, "--groups 2 --shelters 1 --months 4", "poisson", None, []),
    (2, "--groups 3 --shelters 2 --months 6 --with-budget", "poisson", None, [0.3]),
    (3, "--groups 3 --shelters 2 --months 6 --with-initial", "negative-binomial", 2.0, [0.2]),
    (4, "--groups 4 --shelters 2 --months 5 --lp", "poisson", None, [0.25]),
    (5, "--groups 2 --shelters 2 --months 8 --with-budget --departure-cost", "negative-binomial", 0.7, []),
    (6, "--groups 3 --shelters 1 --months 6 --with-initial --with-budget", "poisson", None, [0.15, 0.1]),
    (7, "--groups 4 --shelters 3 --months 4", "negative-binomial", 5.0, [0.4]),
    (8, "--groups 2 --shelters 1 --months 6 --lp --with-budget", "poisson", None, [0.5]),
    (9, "--groups 3 --shelters 2 --months 7 --departure-cost", "poisson", None, []),
    (10, "--groups 3 --shelters 2 --months 6 --with-budget --with-initial", "negative-binomial", 1.5, [0.2]),
]


def main():
    os.makedirs(OUT, exist_ok=True)
    for seed, args, dist, k, surges in CASES:
        out = os.path.join(OUT, f"risk-{seed:02d}.yaml")
        gen = os.path.join(ROOT, "Benchmarks/tools/gen_scenario.py")
        subprocess.run(
            ["python3", gen, "--seed", str(seed), "--name", f"risk-{seed:02d}", "--out", out] + args.split(),
            check=True)
        text = open(out).read()
        sc = yaml.safe_load(text)
        gids = [g["id"] for g in sc["groups"]]
        r = random.Random(seed)
        lines = ["", "uncertainty:", f"  arrivals: {dist}"]
        if k:
            lines.append(f"  dispersion: {k}")
        if surges:
            lines.append("  surges:")
            for p in surges:
                gs = r.sample(gids, r.randint(1, len(gids)))
                lo = r.randint(1, 4)
                hi = lo + r.randint(0, 6)
                lines.append(f"    - {{ groups: [{', '.join(gs)}], probability: {p}, size: [{lo}, {hi}] }}")
        lines.append(f"  futures: {6 + seed % 4}")
        lines.append(f"  seed: {seed * 11}")
        if seed % 3 == 0:
            sh = sc["shelters"][0]["id"]
            lines += ["buy:", f"  - {{ id: annex, shelter: {sh}, beds: 2, cost: 500, max: 2 }}"]
            if sc.get("partners"):
                lines.append(f"  - {{ id: place, partner: {sc['partners'][0]['id']}, slots: 1, cost: 300 }}")
        with open(out, "w") as f:
            f.write(text.rstrip("\n") + "\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
