#!/usr/bin/env bash
# Installs headless Chromium from Debian's packages (apt-get install chromium) for
# scripts/check-html.sh, when no chromium is on PATH. Not needed to build or test iars:
# the browser test is skipped without it. Exits non-zero with a clear message when it
# cannot install it (no apt-get, not root and no sudo, no network).
set -euo pipefail
for b in chromium chromium-browser google-chrome; do
  command -v "$b" >/dev/null 2>&1 && exit 0
done
echo "iars: chromium is missing; installing it with apt-get (a few minutes)..." >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "iars: cannot install chromium: no apt-get. Install Chromium with your package manager and run again." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "iars: cannot install chromium: not root and no sudo. Ask an administrator to run: apt-get install chromium" >&2
    exit 1
  fi
fi
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium; } >/tmp/iars-apt-chromium.log 2>&1; then
  echo "iars: 'apt-get install chromium' failed (see /tmp/iars-apt-chromium.log)." >&2
  tail -5 /tmp/iars-apt-chromium.log >&2 || true
  exit 1
fi
command -v chromium >/dev/null 2>&1 || { echo "iars: chromium installed but not on PATH." >&2; exit 1; }
echo "iars: chromium installed." >&2
