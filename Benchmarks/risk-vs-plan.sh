#!/usr/bin/env bash
# `iars risk` on N futures against N separate `iars plan` runs of the same
# futures written by --write-futures (docs/risk.md; the issue's bar: risk at
# most 0.3x the time of the separate runs).
#
#   Benchmarks/risk-vs-plan.sh                 # albania-2001, 1000 futures
#   FUTURES=200 Benchmarks/risk-vs-plan.sh
#   FILE=some.yaml JOBS=1 Benchmarks/risk-vs-plan.sh
#
# Both are measured in one run of this script (wall clock and CPU time), with the
# release binary `make build` makes (static Swift runtime, as shipped):
#   risk   `iars risk FILE --futures N --jobs J --format json` (J: JOBS, default
#          the machine's cores; the result does not depend on it);
#   plans  `iars plan future-K.yaml --format json`, one process after another.
# The script also checks that every future's status and objective values
# agree. Times depend on what else the machine is doing.
set -euo pipefail
cd "$(dirname "$0")/.."
FILE=${FILE:-scenarios/albania-2001.yaml}
FUTURES=${FUTURES:-1000}
JOBS=${JOBS:-$(nproc)}
BUILD_PATH=${BUILD_PATH:-.build}

swift build -c release --product iars --static-swift-stdlib --build-path "$BUILD_PATH" >&2
BIN="$BUILD_PATH/release/iars"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/iars-risk-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

"$BIN" risk "$FILE" --futures "$FUTURES" --write-futures "$WORK/futures"

# Both phases timed by one Python process: wall clock, and the CPU time of the children.
python3 - "$BIN" "$FILE" "$WORK" "$FUTURES" "$JOBS" "$(nproc)" <<'PY'
import glob, json, os, resource, subprocess, sys, time
bin_, file, work, n, jobs, cores = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5]), int(sys.argv[6])

def cpu():
    u = resource.getrusage(resource.RUSAGE_CHILDREN)
    return u.ru_utime + u.ru_stime

c0, t0 = cpu(), time.monotonic()
subprocess.run([bin_, "risk", file, "--futures", str(n), "--jobs", str(jobs), "--format", "json",
                "--output", os.path.join(work, "risk.json")], check=True)
c1, t1 = cpu(), time.monotonic()
os.makedirs(os.path.join(work, "plans"), exist_ok=True)
for f in sorted(glob.glob(os.path.join(work, "futures", "future-*.yaml"))):
    out = os.path.join(work, "plans", os.path.basename(f)[:-5] + ".json")
    with open(out, "w") as o:
        r = subprocess.run([bin_, "plan", f, "--format", "json"], stdout=o, stderr=subprocess.DEVNULL)
        if r.returncode not in (0, 1):
            sys.exit(f"{f}: iars plan exited {r.returncode}")
c2, t2 = cpu(), time.monotonic()

risk = json.load(open(os.path.join(work, "risk.json")))
for fu in risk["futures"]:
    p = json.load(open(os.path.join(work, "plans", "future-%05d.json" % fu["future"])))
    o = p["objective"] or {}
    got = (fu["status"], fu["unmet"], fu["waiting"], fu["cost"])
    want = (p["status"], o.get("unmet"), o.get("waiting"), o.get("cost"))
    if got != want:
        sys.exit(f"future {fu['future']}: risk {got}, plan {want}")
load = os.getloadavg()[0]
print(f"futures {n}, iars risk --jobs {jobs}, {cores} cores, load average {load:.1f} at the end")
print(f"{'':22s} {'wall s':>8s} {'cpu s':>8s}")
print(f"{'iars risk':22s} {t1 - t0:8.1f} {c1 - c0:8.1f}")
print(f"{str(n) + ' x iars plan':22s} {t2 - t1:8.1f} {c2 - c1:8.1f}")
print(f"{'ratio risk / plans':22s} {(t1 - t0) / (t2 - t1):8.2f} {(c1 - c0) / (c2 - c1):8.2f}")
print("every future's status and objective values agree")
PY
