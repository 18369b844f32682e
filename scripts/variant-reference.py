#!/usr/bin/env python3
"""Reference values for the variants of a scenario file (a developer tool).

Applies each variant of FILE independently of iars (a second, small
implementation of docs/variants.md: remove, add, set, scale with counts
rounded half up), writes each variant as a plain scenario without
`variants:` and solves it with the reference (iars_reference.py), printing

    {"VARIANT": {"status": ..., "objective": {...}}, ...}

The tests compare iars's plans of the variants with these values
(Tests/IARSCoreTests/Fixtures/variants-expected.json):

    python3 scripts/variant-reference.py scenarios/albania-2001.yaml \
        ../shared/tools/iars_reference.py > Tests/IARSCoreTests/Fixtures/variants-expected.json

Needs PyYAML; the file must read the same under YAML 1.1 (no `NO`-style
scalars), which the shipped scenarios do. Only the paths the file uses need
to work here; iars itself checks every path.
"""
import copy
import json
import math
import os
import subprocess
import sys
import tempfile

import yaml

LISTS = ["groups", "shelters", "medical", "routes", "partners", "services"]
COUNTS = {"arrivals", "processing_months", "beds", "slots", "seats_per_departure", "departures", "months",
          "capacity"}
REFERENCES = {"groups": [("shelters", "accepts"), ("services", "needed_by")],
              "shelters": [("medical", "serves"), ("services", "serves")]}


def targets(doc, path):
    parts = path.split(".")
    if parts[0] in LISTS:
        entries = doc.get(parts[0], [])
        chosen = entries if parts[1] == "*" else [e for e in entries if e["id"] == parts[1]]
        assert chosen, path
        return [(e, parts[2]) for e in chosen]
    if len(parts) == 2:
        return [(doc.setdefault(parts[0], {}), parts[1])]
    return [(doc, parts[0])]


def scaled(v, f, count):
    if isinstance(v, list):
        return [scaled(x, f, count) for x in v]
    x = v * f
    return int(math.floor(round(x * 1e9) / 1e9 + 0.5)) if count else x


def apply(base, variant):
    doc = copy.deepcopy(base)
    for section, ids in (variant.get("remove") or {}).items():
        doc[section] = [e for e in doc[section] if e["id"] not in ids]
        for ref in REFERENCES.get(section, []):
            for e in doc.get(ref[0], []):
                if ref[1] in e:
                    e[ref[1]] = [x for x in e[ref[1]] if x not in ids]
    for section, entries in (variant.get("add") or {}).items():
        doc.setdefault(section, []).extend(copy.deepcopy(entries))
    for path, value in (variant.get("set") or {}).items():
        for holder, key in targets(doc, path):
            holder[key] = copy.deepcopy(value)
    for path, f in (variant.get("scale") or {}).items():
        for holder, key in targets(doc, path):
            holder[key] = scaled(holder[key], f, key in COUNTS)
    return doc


def main():
    path, reference = sys.argv[1], sys.argv[2]
    with open(path) as fh:
        base = yaml.safe_load(fh)
    variants = base.pop("variants", [])
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for v in variants:
            f = os.path.join(tmp, v["name"] + ".json")
            with open(f, "w") as fh:
                json.dump(apply(base, v), fh, indent=1)
            r = subprocess.run([sys.executable, reference, "plan", f], capture_output=True, text=True)
            if r.returncode not in (0, 1):
                sys.exit(f"{v['name']}: {r.stderr}")
            d = json.loads(r.stdout)
            out[v["name"]] = {"status": d["status"], "objective": d.get("objective")}
            print(f"  {v['name']:20s} {d['status']:10s} {d.get('objective')}", file=sys.stderr)
    json.dump(out, sys.stdout, indent=2)
    print()


main()
