#!/usr/bin/env python3
"""`iars size` against the brute force over every purchase, timed (docs/performance.md, "size").

The brute force runs `iars risk FILE --lp --buy K` for every purchase K (blocks 0..max of
each buy option) and keeps the lexicographically best (mean unmet, mean waiting, purchase +
mean cost; with --service-level, among the purchases that serve everyone in at least that
share of the futures). `iars size --in-sample-only` solves the same question in one model.
Both on one thread (--jobs 1), the same futures (--futures N, the file's seed), a release
binary. Prints both answers, whether they agree (1e-6 relative), and the wall times.

    python3 Benchmarks/size_bench.py [FILE] [--futures 100] [--service-level Q] [--iars PATH]
"""
import argparse
import itertools
import json
import subprocess
import time

import yaml


def run(args):
    start = time.monotonic()
    out = subprocess.run(args, capture_output=True, text=True)
    seconds = time.monotonic() - start
    if out.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(args)}: exit {out.returncode}\n{out.stderr}")
    return json.loads(out.stdout), seconds


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1, abs(a), abs(b))


def better(a, b):
    for u, v in zip(a, b):
        if not close(u, v):
            return u < v
    return False


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file", nargs="?", default="scenarios/albania-2001.yaml")
    ap.add_argument("--futures", type=int, default=100)
    ap.add_argument("--service-level", type=float)
    ap.add_argument("--iars", default=".build/release/iars")
    a = ap.parse_args()
    with open(a.file) as f:
        options = yaml.safe_load(f)["buy"]
    common = ["--futures", str(a.futures), "--format", "json"]
    size_args = [a.iars, "size", a.file, "--in-sample-only", "--jobs", "1"] + common
    if a.service_level is not None:
        size_args += ["--service-level", str(a.service_level)]
    size, size_seconds = run(size_args)

    best, best_values, brute_seconds, count = None, None, 0.0, 0
    for blocks in itertools.product(*[range(o.get("max", 1) + 1) for o in options]):
        buy = ",".join(f"{o['id']}={k}" for o, k in zip(options, blocks))
        risk, seconds = run([a.iars, "risk", a.file, "--lp", "--jobs", "1", "--buy", buy] + common)
        brute_seconds += seconds
        count += 1
        if risk["planned"] < a.futures:
            continue
        if a.service_level is not None and risk["served_all"]["share"] < a.service_level - 1e-9:
            continue
        values = [risk["unmet"]["mean"], risk["waiting"]["mean"], risk["purchase_cost"] + risk["cost"]["mean"]]
        if best is None or better(values, best_values):
            best, best_values = blocks, values

    got = size["objective"]
    chosen = tuple(b["blocks"] for b in size["buy"])
    print(f"file {a.file}, {a.futures} futures, service level {a.service_level}, {count} purchases")
    print(f"size:        status {size['status']}, buy {chosen}, objective "
          f"{[got['unmet'], got['waiting'], got['cost']] if got else None}, effort {size['effort']}, "
          f"{size_seconds:.2f} s")
    print(f"brute force: buy {best}, objective {best_values}, {brute_seconds:.2f} s")
    if got and best_values:
        agree = all(close(u, v) for u, v in zip([got["unmet"], got["waiting"], got["cost"]], best_values))
        print(f"agree (1e-6 relative): {agree}")
    print(f"size / brute force: {size_seconds / brute_seconds:.3f}")


if __name__ == "__main__":
    main()
