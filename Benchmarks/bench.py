#!/usr/bin/env python3
"""The iars benchmark harness: `make bench` (or `python3 Benchmarks/bench.py`).

For each plan size (S 5x3x12, M 15x8x24, L 40x20x36, XL 80x40x60 groups x
shelters x months; files in Benchmarks/scenarios) and each mode (integer, and
the LP relaxation), it runs the release binary:

    iars plan FILE --format json --timings --time-limit LIMIT -o OUT

and reports the wall time split as iars itself measures it (`--timings` prints
`iars: seconds: parse .., build .., levels a/b/c, solver .., extract ..,
output ..` on standard error): parse, build, each lexicographic level, the part
of the levels spent inside GLPK's simplex and branch-and-cut ("solver"), and
output (a large integer plan's time windows, docs/formulation.md, show
before the levels as "first plan S;"); "outside" is everything but the solver
(the first plan's GLPK time counts as solver) as a share of the whole; peak
memory is the child's maximum resident set (wait4). Then it writes each level's
model with `iars export --level K` and times `glpsol` on the exported files
alone (GLPK's solver on exactly iars's model, with the same per-level time
limit): "vs glpsol" is iars's wall time over the sum of those glpsol runs.
Runs under a second (S, M's LP relaxation) are mostly process start-up and
noise, so they are repeated (REPEATS, 15), alternating iars and the three
glpsol runs: the table shows the median iars run (its split too) and the
median glpsol sum.
A run that ends `feasible` under the limit (L and XL: neither iars nor glpsol
proves their cost level optimal in hours) is compared by time to a target
instead: glpsol alone on the exported cost level (unmet and waiting already
kept at iars's values, a head start) is timed until its plan costs no more
than iars's, for up to TARGET_TIMEOUT seconds; "vs glpsol" is iars's wall
time over that, or "< r" (iars's time over TARGET_TIMEOUT) when glpsol gets
no plan that cheap in time.

When the project's shared tools are there (IARS_SHARED, default ../shared), S
and M also run the peer (`peers/plan_glpsol.py`: the natural MathProg model a
GLPK user would write, in glpsol) and the HiGHS reference
(`tools/iars_reference.py`); "vs peer" and "vs HiGHS" are iars's time over
theirs (below 1 means iars is faster). Schedules of 500, 5,000 and 20,000
cases are generated with Benchmarks/tools/gen_scenario.py and timed the same
way.

Environment: SIZES ("S M L XL"), MODES ("integer lp"), TIME_LIMIT (60 s per
plan run and per glpsol level), SCHEDULES ("500 5000 20000", "" for none),
PEERS (1: run the peer and the reference when found), PEER_TIMEOUT (300 s),
TARGET_TIMEOUT (600 s; 0: no time-to-target runs), REPEATS (15; 1: one run each),
BIN (.build/release/iars), OUT (Benchmarks/results/latest.md).
The machine is shared and noisy: compare ratios within one run.
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "Benchmarks")
BIN = os.environ.get("BIN", os.path.join(ROOT, ".build/release/iars"))
SIZES = os.environ.get("SIZES", "S M L XL").split()
MODES = os.environ.get("MODES", "integer lp").split()
TIME_LIMIT = float(os.environ.get("TIME_LIMIT", "60"))
SCHEDULES = os.environ.get("SCHEDULES", "500 5000 20000").split()
PEERS = os.environ.get("PEERS", "1") == "1"
PEER_TIMEOUT = float(os.environ.get("PEER_TIMEOUT", "300"))
TARGET_TIMEOUT = float(os.environ.get("TARGET_TIMEOUT", "600"))
REPEATS = int(os.environ.get("REPEATS", "15"))
SHORT = 1.0  # seconds: plan runs shorter than this are repeated REPEATS times
SHARED = os.environ.get("IARS_SHARED", os.path.join(ROOT, "..", "shared"))
OUT = os.environ.get("OUT", os.path.join(BENCH, "results", "latest.md"))
SHAPES = {"S": "5x3x12", "M": "15x8x24", "L": "40x20x36", "XL": "80x40x60"}
TIMING = re.compile(r"iars: seconds: parse ([\d.]+), build ([\d.]+), levels ([\d./-]+), solver ([\d.]+), "
                    r"extract ([\d.]+), output ([\d.]+), total ([\d.]+)(?:, first plan ([\d.]+))?")


def run(cmd, timeout=None, stdout=subprocess.DEVNULL):
    """Runs cmd; returns (exit status, wall seconds, peak RSS in MiB, stderr text)."""
    err = tempfile.TemporaryFile()
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=stdout, stderr=err)
    try:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    except KeyboardInterrupt:
        proc.kill()
        raise
    wall = time.monotonic() - start
    err.seek(0)
    text = err.read().decode(errors="replace")
    return proc.returncode, wall, usage.ru_maxrss / 1024.0, text


def run_timeout(cmd, timeout):
    """Like run, with a timeout (then status None); returns (status, wall seconds, stdout).

    A timer kills the child at the timeout, and the wait blocks: `subprocess.run(...,
    timeout=)` polls the child with growing sleeps, which adds up to milliseconds to a
    glpsol run of a few (S's levels take 5-8 ms each)."""
    start = time.monotonic()
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    killed = threading.Event()

    def kill():
        killed.set()
        p.kill()

    timer = threading.Timer(timeout, kill)
    timer.start()
    try:
        out, _ = p.communicate()
    finally:
        timer.cancel()
    wall = time.monotonic() - start
    if killed.is_set():
        return None, wall, ""
    return p.returncode, wall, out.decode(errors="replace")


def lp_copy(path, work):
    """The scenario with options.integer: false."""
    text = open(path).read()
    lines = [l for l in text.splitlines() if not l.startswith("options:") and not l.startswith("  integer:")
             and not l.startswith("  time_limit_seconds:")]
    out = os.path.join(work, os.path.basename(path).replace(".yaml", "-lp.yaml"))
    with open(out, "w") as f:
        f.write("\n".join(lines) + "\noptions:\n  integer: false\n")
    return out


def export_levels(scenario, work, tag):
    """Writes the three levels' models; returns their paths, or None."""
    if shutil.which("glpsol") is None:
        return None
    paths = []
    for level in (1, 2, 3):
        lp = os.path.join(work, f"{tag}-level{level}.lp")
        code, _, _, _ = run([BIN, "export", scenario, "--level", str(level), "--time-limit", str(TIME_LIMIT),
                             "-o", lp])
        if code != 0:
            return None
        paths.append(lp)
    return paths


def glpsol_levels(paths, integer):
    """Times glpsol on each exported level; returns (seconds, statuses)."""
    total = 0.0
    statuses = []
    for lp in paths:
        cmd = ["glpsol", "--lp", lp, "--tmlim", str(int(TIME_LIMIT))]
        if not integer:
            cmd.append("--nomip")
        code, wall, out = run_timeout(cmd, TIME_LIMIT + 30)
        total += wall
        if code is None:
            statuses.append("timeout")
        elif "OPTIMAL SOLUTION FOUND" in out or "OPTIMAL LP SOLUTION FOUND" in out:
            statuses.append("optimal")
        elif "TIME LIMIT EXCEEDED" in out:
            statuses.append("time limit")
        else:
            statuses.append("other")
    return total, statuses


LP_LINE = re.compile(r"^\s*\*\s*\d+: obj =\s*([-+\d.eE]+)")
MIP_LINE = re.compile(r"^\s*[+*]\s*\d+: mip =\s*([-+\d.eE]+)")


def glpsol_to_target(scenario, work, tag, integer, target):
    """For a run that ends feasible under its limit: the time glpsol, alone on the exported
    cost level (unmet and waiting kept at iars's values: a head start), takes to reach a
    plan costing no more than iars's. Returns (seconds or None, best cost or None), or None."""
    if shutil.which("glpsol") is None or target is None:
        return None
    lp = os.path.join(work, f"{tag}-target.lp")
    code, _, _, _ = run([BIN, "export", scenario, "--level", "3", "--time-limit", str(TIME_LIMIT), "-o", lp])
    if code != 0:
        return None
    cmd = ["glpsol", "--lp", lp, "--tmlim", str(int(TARGET_TIMEOUT))]
    if not integer:
        cmd.append("--nomip")
    print(f"bench: glpsol to iars's cost {target:,.2f} ({tag}, up to {TARGET_TIMEOUT:.0f} s) ...", file=sys.stderr, flush=True)
    start = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    # glpsol checks --tmlim only between iterations; a silent read or factorization is cut here.
    watchdog = threading.Timer(TARGET_TIMEOUT + 60, proc.kill)
    watchdog.start()
    reached, best = None, None
    try:
        for line in proc.stdout:
            m = (MIP_LINE if integer else LP_LINE).match(line)
            if not m:
                continue
            value = float(m.group(1))
            best = value if best is None else min(best, value)
            if value <= target + 1e-6 * max(1.0, abs(target)):
                reached = time.monotonic() - start
                break
    finally:
        watchdog.cancel()
        proc.kill()
        proc.wait()
    return reached, best


def fmt(v, digits=2):
    return "-" if v is None else f"{v:.{digits}f}"


def secs(v):
    """Seconds: milliseconds shown below one second."""
    return f"{v:.3f}" if v < 1 else f"{v:.2f}"


def ratio(a, b):
    return "-" if a is None or b is None or b <= 0 else f"{a / b:.2f}"


def plan_json(path):
    """The plan's JSON output, or {}."""
    try:
        d = json.load(open(path))
        return d if isinstance(d, dict) else {}
    except (OSError, ValueError):
        return {}


def plan_rows(work):
    rows = []
    for size in SIZES:
        base = os.path.join(BENCH, "scenarios", f"{size}.yaml")
        for mode in MODES:
            integer = mode == "integer"
            scenario = base if integer else lp_copy(base, work)
            out = os.path.join(work, f"{size}-{mode}.json")
            cmd = [BIN, "plan", scenario, "--format", "json", "--timings", "--time-limit", str(TIME_LIMIT), "-o", out]
            print(f"bench: plan {size} {mode} ...", file=sys.stderr, flush=True)
            code, wall, rss, err = run(cmd)
            row = {"size": size, "mode": mode, "wall": wall, "rss": rss, "code": code, "repeats": 1}
            d = plan_json(out)
            lps = export_levels(scenario, work, f"{size}-{mode}") if d.get("status") == "optimal" else None
            glp = [glpsol_levels(lps, integer)] if lps else []
            if wall < SHORT and REPEATS > 1 and d.get("status") == "optimal":
                # Milliseconds: one run is mostly noise. Alternate iars and glpsol, and keep
                # the run with the median wall time (its split too) and glpsol's median.
                runs = [(wall, rss, err)]
                for _ in range(REPEATS - 1):
                    _, w, r, e = run(cmd)
                    runs.append((w, r, e))
                    if lps:
                        glp.append(glpsol_levels(lps, integer))
                runs.sort(key=lambda t: t[0])
                wall, rss, err = runs[len(runs) // 2]
                row.update(wall=wall, rss=max(r for _, r, _ in runs), repeats=len(runs))
            m = TIMING.search(err)
            if m:
                levels = [float(x) for x in m.group(3).split("/") if x not in ("", "-")]
                row.update(parse=float(m.group(1)), build=float(m.group(2)), levels=levels,
                           solver=float(m.group(4)), extract=float(m.group(5)), output=float(m.group(6)),
                           windows=float(m.group(8)) if m.group(8) else None)
            if "status" in d:
                row["status"] = d["status"]
                row["gap"] = d.get("gap")
                row["objective"] = d.get("objective")
            else:
                row["status"] = f"exit {code}"
            if glp:
                glp.sort(key=lambda g: g[0])
                row["glpsol"], row["glpsol_status"] = glp[len(glp) // 2]
            elif row.get("status") == "feasible" and TARGET_TIMEOUT > 0:
                cost = (row.get("objective") or {}).get("cost")
                t = glpsol_to_target(scenario, work, f"{size}-{mode}", integer, cost)
                if t:
                    row["target"], row["target_best"] = t
            if PEERS and size in ("S", "M") and os.path.isdir(SHARED):
                peer = os.path.join(SHARED, "peers", "plan_glpsol.py")
                ref = os.path.join(SHARED, "tools", "iars_reference.py")
                if os.path.exists(peer):
                    print(f"bench: peer {size} {mode} ...", file=sys.stderr, flush=True)
                    c, w, o = run_timeout(["python3", peer, scenario], PEER_TIMEOUT)
                    row["peer"] = w if c == 0 else None
                    row["peer_note"] = "" if c == 0 else f">{PEER_TIMEOUT:.0f}s" if c is None else f"exit {c}"
                    if c == 0:
                        try:
                            row["peer"] = json.loads(o).get("glpsol_seconds", w)
                        except ValueError:
                            pass
                if os.path.exists(ref):
                    print(f"bench: reference {size} {mode} ...", file=sys.stderr, flush=True)
                    c, w, o = run_timeout(["python3", ref, "plan", scenario], PEER_TIMEOUT)
                    row["highs"] = w if c == 0 else None
                    row["highs_note"] = "" if c == 0 else f">{PEER_TIMEOUT:.0f}s" if c is None else f"exit {c}"
            rows.append(row)
    return rows


def schedule_rows(work):
    rows = []
    gen = os.path.join(BENCH, "tools", "gen_scenario.py")
    for n in SCHEDULES:
        d = os.path.join(work, f"cases{n}")
        os.makedirs(d, exist_ok=True)
        subprocess.run(["python3", gen, "--schedule", "--seed", "11", "--groups", "30", "--shelters", "5",
                        "--months", "3", "--routes-per-country", "3", "--weeks", "8", "--departure-cost",
                        "--cases", n, "--out-dir", d], check=True, stdout=subprocess.DEVNULL)
        print(f"bench: schedule {n} cases ...", file=sys.stderr, flush=True)
        out = os.path.join(d, "iars.json")
        code, wall, rss, _ = run([BIN, "schedule", os.path.join(d, "schedule.yaml"), "--format", "json", "-o", out])
        status = "?"
        try:
            status = json.load(open(out))["status"]
        except (OSError, ValueError, KeyError):
            status = f"exit {code}"
        rows.append({"cases": n, "wall": wall, "rss": rss, "status": status})
    return rows


def table(plan, schedules):
    lines = []
    host = platform.node() or "?"
    cpu = "?"
    try:
        for l in open("/proc/cpuinfo"):
            if l.startswith("model name"):
                cpu = l.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    lines.append(f"Machine: {host}, {os.cpu_count()} cores, {cpu}; load average at the end "
                 f"{os.getloadavg()[0]:.1f}. Time limit per run and per glpsol level: {TIME_LIMIT:.0f} s.")
    lines.append("")
    lines.append("| size | mode | status | wall s | parse | build | levels (unmet/waiting/cost) | solver | output "
                 "| outside % | peak MiB | glpsol s (levels) | vs glpsol | peer s | vs peer | HiGHS s | vs HiGHS |")
    lines.append("|---" * 17 + "|")
    for r in plan:
        levels = "/".join(secs(x) for x in r.get("levels", [])) or "-"
        if r.get("windows"):
            levels = f"first plan {secs(r['windows'])}; {levels}"
        outside = None
        if "solver" in r and r["wall"] > 0:
            outside = 100.0 * (r["wall"] - r["solver"]) / r["wall"]
        status = r.get("status", "?")
        if status == "feasible":
            status += f" (gap {100 * r['gap']:.1f}%)" if r.get("gap") is not None else " (gap unknown)"
        glp = r.get("glpsol")
        glp_cell = "-" if glp is None else f"{secs(glp)} ({', '.join(r['glpsol_status'])})"
        wall = secs(r["wall"]) + (f" (median of {r['repeats']})" if r.get("repeats", 1) > 1 else "")
        vs_glpsol = ratio(r["wall"], glp)
        if "target" in r:
            # glpsol on the exported cost level, to a plan as cheap as iars's.
            if r["target"] is not None:
                glp_cell = f"{r['target']:.2f} (to iars's cost)"
                vs_glpsol = ratio(r["wall"], r["target"])
            else:
                best = "no plan" if r["target_best"] is None else f"best {r['target_best']:,.0f}"
                glp_cell = f"> {TARGET_TIMEOUT:.0f} (to iars's cost; {best})"
                vs_glpsol = f"< {r['wall'] / TARGET_TIMEOUT:.2f}"
        peer_cell = fmt(r.get("peer")) if r.get("peer") is not None else (r.get("peer_note") or "-")
        highs_cell = fmt(r.get("highs")) if r.get("highs") is not None else (r.get("highs_note") or "-")
        lines.append(f"| {r['size']} {SHAPES.get(r['size'], '')} | {r['mode']} | {status} | {wall} "
                     f"| {fmt(r.get('parse'), 3)} | {fmt(r.get('build'), 3)} | {levels} | {'-' if r.get('solver') is None else secs(r['solver'])} "
                     f"| {fmt(r.get('output'), 3)} | {fmt(outside, 1)} | {r['rss']:.0f} | {glp_cell} "
                     f"| {vs_glpsol} | {peer_cell} | {ratio(r['wall'], r.get('peer'))} "
                     f"| {highs_cell} | {ratio(r['wall'], r.get('highs'))} |")
    if schedules:
        lines.append("")
        lines.append("| schedule cases | status | wall s | peak MiB |")
        lines.append("|---|---|---|---|")
        for r in schedules:
            lines.append(f"| {r['cases']} | {r['status']} | {r['wall']:.2f} | {r['rss']:.0f} |")
    return "\n".join(lines) + "\n"


def main():
    if not os.access(BIN, os.X_OK):
        sys.exit(f"bench: {BIN} not found; build it first (make bench does: swift build -c release --product iars --static-swift-stdlib)")
    with tempfile.TemporaryDirectory(prefix="iars-bench.") as work:
        plan = plan_rows(work)
        schedules = schedule_rows(work)
    text = table(plan, schedules)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write(text)
    print(text)


if __name__ == "__main__":
    main()
