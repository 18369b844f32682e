#!/usr/bin/env bash
# Installs what iars needs to build: GLPK's C library and headers (Debian's libglpk-dev).
# Does nothing when they are already there. Exits non-zero with a clear message when
# it cannot install them (no apt-get, no root and no sudo, no network).
set -euo pipefail

have_glpk() {
  [ -f /usr/include/glpk.h ] && { ldconfig -p 2>/dev/null | grep -q 'libglpk\.so' || ls /usr/lib/*/libglpk.so >/dev/null 2>&1; }
}

if ! command -v swift >/dev/null 2>&1; then
  echo "iars: 'swift' is not on PATH. Install Swift 6.1 or later (https://www.swift.org/install) and run again." >&2
  exit 1
fi

if have_glpk; then
  exit 0
fi

echo "iars: GLPK (libglpk-dev) is missing; installing it with apt-get..." >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "iars: cannot install GLPK: this is not a Debian/Ubuntu system (no apt-get)." >&2
  echo "      Install GLPK 5.0 headers and library with your package manager (e.g. 'brew install glpk', 'dnf install glpk-devel')." >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "iars: cannot install GLPK: not root and no sudo. Ask an administrator to run: apt-get install libglpk-dev" >&2
    exit 1
  fi
fi
if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libglpk-dev; } >/tmp/iars-apt.log 2>&1; then
  echo "iars: 'apt-get install libglpk-dev' failed (see /tmp/iars-apt.log). Check the network or the apt sources, then run again." >&2
  tail -5 /tmp/iars-apt.log >&2 || true
  exit 1
fi
have_glpk || { echo "iars: libglpk-dev installed but glpk.h or libglpk.so is still missing." >&2; exit 1; }
echo "iars: GLPK installed." >&2
