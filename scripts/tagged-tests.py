#!/usr/bin/env python3
"""Prints one regular expression, for `swift test --skip` or `--filter`, that matches every
test (or suite) carrying one of the Swift Testing tags named on the command line.

    swift test --skip-build --skip "$(scripts/tagged-tests.py slow timing)"   # make test-fast

Swift 6.3's `swift test` cannot select tests by tag (`--skip tag:slow` comes with the
tag filters of swift-evolution ST-0025, in later toolchains). The tests' own event stream
can list them with their tags, so this script asks it (`swift test --list-tests` with
`--event-stream-output-path`, the tags being an experimental field) and names the tagged
tests by their IDs. It runs in the package this script belongs to, from any folder; the
tests must be built (`swift build --build-tests`).

Exits non-zero, saying why, when the listing fails or finds no tagged test (an event
stream without the tags field would otherwise make `--skip` skip nothing).
"""
import json
import os
import re
import subprocess
import sys
import tempfile


def main() -> int:
    args = sys.argv[1:]
    swift = os.environ.get("SWIFT", "swift")
    if not args or any(a.startswith("-") for a in args):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    wanted = {"." + tag for tag in args}
    with tempfile.TemporaryDirectory(prefix="iars-tags-") as tmp:
        stream = os.path.join(tmp, "list.jsonl")
        env = dict(os.environ, SWT_EXPERIMENTAL_EVENT_STREAM_FIELDS_ENABLED="1")
        run = subprocess.run(
            [swift, "test", "--skip-build", "--list-tests",
             "--event-stream-output-path", stream, "--event-stream-version", "0"],
            cwd=os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."),
            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        if run.returncode != 0 or not os.path.exists(stream):
            sys.stderr.write(run.stderr)
            print("tagged-tests: listing the tests failed (are they built? swift build --build-tests)",
                  file=sys.stderr)
            return 1
        with open(stream, encoding="utf-8") as f:
            records = [json.loads(line) for line in f if line.strip()]
    patterns = []
    for record in records:
        payload = record.get("payload", {})
        if record.get("kind") != "test" or not wanted & set(payload.get("_tags", [])):
            continue
        # "Module.Suite/test(label:)/File.swift:12:6": the source location is not part of
        # the ID that --skip and --filter match
        test_id = re.sub(r"/[^/]+\.swift:\d+:\d+$", "", payload["id"])
        suffix = "(?:/|$)" if payload.get("kind") == "suite" else ""
        patterns.append(re.escape(test_id) + suffix)
    if not patterns:
        print(f"tagged-tests: no test is tagged {', '.join(sorted(wanted))} "
              "(or the event stream no longer carries tags)", file=sys.stderr)
        return 1
    print("^(?:" + "|".join(sorted(set(patterns))) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
