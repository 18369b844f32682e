#!/usr/bin/env bash
# Opens an iars HTML report in headless Chromium (Debian: apt-get install -y chromium)
# and checks that it renders its charts without errors:
#   1. static: one self-contained file (no <script>, <link>, src=, url(), http(s) other
#      than the SVG namespace), every <svg> has a <title>;
#   2. console: loading the page logs nothing to the console (no errors, no failed loads);
#   3. DOM: (in the same load) a copy of the page with a probe script appended is rendered; every <svg> has a
#      non-zero size on screen and drawn data marks (bars, lines, points) of non-zero size;
#      the number of <svg> rendered equals the number in the file (or --expect-svg N);
#      no legend label comes within 6 px of the next legend entry (measured in the font Chromium uses);
#   4. screenshot: a PNG of the page is not blank (many non-white pixels, several colours);
#   5. print: the page prints to an A4 PDF with at least one page.
#
# Usage: scripts/check-html.sh REPORT.html [--out DIR] [--expect-svg N]
#   DIR keeps screenshot.png, print.pdf, dom.html and console.log (default: a temp folder).
# Exit: 0 all checks pass, 1 a check failed, 2 bad usage, 3 chromium or python3 missing.
set -euo pipefail

usage() { echo "usage: $0 REPORT.html [--out DIR] [--expect-svg N]" >&2; exit 2; }
[ $# -ge 1 ] || usage
report=$1; shift
out=""; expect=""
while [ $# -gt 0 ]; do
  case $1 in
    --out) out=${2:?}; shift 2 ;;
    --expect-svg) expect=${2:?}; shift 2 ;;
    *) usage ;;
  esac
done
[ -f "$report" ] || { echo "check-html: no such file: $report" >&2; exit 2; }

browser=""
for b in chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then browser=$(command -v "$b"); break; fi
done
if [ -z "$browser" ]; then
  echo "check-html: chromium not found; install it with: apt-get install -y chromium" >&2
  exit 3
fi
command -v python3 >/dev/null 2>&1 || { echo "check-html: python3 not found" >&2; exit 3; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
[ -n "$out" ] || out=$work/out
mkdir -p "$out"
abs_report=$(cd "$(dirname "$report")" && pwd)/$(basename "$report")

chrome() {
  # a fresh profile per run: concurrent runs do not share a lock
  local profile; profile=$(mktemp -d "$work/profile.XXXXXX")
  timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
    --disable-extensions --disable-background-networking --disable-sync --hide-scrollbars \
    --user-data-dir="$profile" "$@"
}

# 1 + 3: the probe copy (the report itself has no script; the probe is added here only).
probe=$work/probe.html
python3 - "$abs_report" "$probe" <<'PY'
import sys
src = open(sys.argv[1], encoding="utf-8").read()
script = r"""<script>
(function () {
  var out = {svgs: [], errors: []};
  window.addEventListener('error', function (e) { out.errors.push(String(e.message)); });
  document.querySelectorAll('svg').forEach(function (s) {
    var r = s.getBoundingClientRect();
    var marks = 0, data = 0;
    s.querySelectorAll('rect, polyline, circle, line').forEach(function (el) {
      var b = el.getBBox();
      if (b.width > 0 || b.height > 0) marks++;
    });
    s.querySelectorAll('g.series rect, g.series polyline, g.series circle').forEach(function (el) {
      var b = el.getBBox();
      if (b.width > 0 || b.height > 0) data++;
    });
    var t = s.querySelector('title');
    // legend: a label must end before the next entry's swatch on its row (as the font renders it)
    var overlaps = [], minGap = null;
    var legend = s.querySelector('g.legend');
    if (legend) {
      var kids = Array.prototype.slice.call(legend.children);
      for (var i = 0; i + 1 < kids.length; i++) {
        if (kids[i].tagName !== 'text') continue;
        var tb = kids[i].getBBox(), nb = kids[i + 1].getBBox();
        var sameRow = Math.abs((nb.y + nb.height / 2) - (tb.y + tb.height / 2)) < 8;
        if (!sameRow) continue;
        var gap = nb.x - (tb.x + tb.width);
        if (minGap === null || gap < minGap) minGap = gap;
        if (gap < 6) overlaps.push(kids[i].textContent + ' (' + gap.toFixed(1) + ' px)');
      }
    }
    out.svgs.push({id: s.id, width: r.width, height: r.height, marks: marks, data: data,
                   title: t ? t.textContent : '', overlaps: overlaps, legendGap: minGap,
                   unproven: s.querySelectorAll('.unproven').length});
  });
  var pre = document.createElement('pre');
  pre.id = 'iars-check';
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"""
i = src.rfind("</body>")
if i < 0:
    sys.exit("check-html: no </body> in the report")
open(sys.argv[2], "w", encoding="utf-8").write(src[:i] + script + src[i:])
PY

fail=0
note() { echo "check-html: $*"; }
bad() { echo "check-html: FAIL: $*" >&2; fail=1; }

# 1. static checks
if ! python3 - "$abs_report" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
problems = []
low = src.lower()
for needle in ["<script", "<link", "<iframe", "<img", "<object", "<embed", "@import", "url("]:
    if needle in low:
        problems.append("contains " + needle)
if re.search(r"\ssrc\s*=", low):
    problems.append("contains a src= attribute")
for m in re.finditer(r"https?://[^\s\"'<>)]*", src):
    if m.group(0) != "http://www.w3.org/2000/svg":
        problems.append("refers to " + m.group(0))
svgs = re.findall(r"<svg\b.*?</svg>", src, re.S)
for s in svgs:
    if "<title" not in s:
        problems.append("an <svg> without <title>")
if not src.startswith("<!DOCTYPE html>"):
    problems.append("no <!DOCTYPE html>")
for p in problems:
    print("check-html: FAIL: " + p, file=sys.stderr)
sys.exit(1 if problems else 0)
PY
then bad "static checks"; fi
in_file=$(grep -o '<svg ' "$abs_report" | wc -l)
[ -n "$expect" ] || expect=$in_file
note "$in_file <svg> in $(basename "$report"), expecting $expect rendered"

# 3. rendered DOM with the probe
# 2 + 3: one load of the probe copy; console messages go to stderr with --enable-logging
chrome --enable-logging=stderr --v=0 --virtual-time-budget=3000 --dump-dom "file://$probe" >"$out/dom.html" \
  2>"$out/chromium-stderr.log" || bad "chromium failed to render the report (see $out/chromium-stderr.log)"
grep -E 'CONSOLE|Uncaught|Failed to load|net::ERR' "$out/chromium-stderr.log" >"$out/console.log" || true
if [ -s "$out/console.log" ]; then bad "console messages:"; cat "$out/console.log" >&2; else note "console: no messages"; fi
if ! python3 - "$out/dom.html" "$expect" <<'PY'
import html, json, re, sys
dom = open(sys.argv[1], encoding="utf-8").read()
m = re.search(r'<pre id="iars-check">(.*?)</pre>', dom, re.S)
if not m:
    sys.exit("check-html: FAIL: the probe did not run (no #iars-check in the DOM)")
res = json.loads(html.unescape(m.group(1)))
expect = int(sys.argv[2])
ok = True
if res["errors"]:
    print("check-html: FAIL: script errors: %s" % res["errors"], file=sys.stderr); ok = False
if len(res["svgs"]) != expect:
    print("check-html: FAIL: %d <svg> rendered, expected %d" % (len(res["svgs"]), expect), file=sys.stderr); ok = False
for s in res["svgs"]:
    gap = s.get("legendGap")
    line = "  %-18s %4.0f x %-4.0f marks %3d data %3d legend gap %5s  %s" % (s["id"], s["width"], s["height"], s["marks"], s["data"],
                                                                          "-" if gap is None else "%.1f" % gap, s["title"])
    print("check-html:" + line)
    if s["width"] < 100 or s["height"] < 50:
        print("check-html: FAIL: %s is not visible (%.0f x %.0f)" % (s["id"], s["width"], s["height"]), file=sys.stderr); ok = False
    if s["data"] < 1:
        print("check-html: FAIL: %s draws no data" % s["id"], file=sys.stderr); ok = False
    if not s["title"]:
        print("check-html: FAIL: %s has no title" % s["id"], file=sys.stderr); ok = False
    if s.get("overlaps"):
        print("check-html: FAIL: %s: legend label(s) run into the next entry: %s" % (s["id"], s["overlaps"]), file=sys.stderr); ok = False
    if s.get("unproven"):
        print("check-html:   %s marks %d value(s) not proven optimal (hollow)" % (s["id"], s["unproven"]))
sys.exit(0 if ok else 1)
PY
then bad "rendered charts"; fi

# 4. screenshot, not blank
chrome --window-size=1100,3200 --virtual-time-budget=3000 --screenshot="$out/screenshot.png" "file://$abs_report" \
  >/dev/null 2>"$out/chromium-shot.log" || bad "chromium could not take a screenshot"
if [ -s "$out/screenshot.png" ]; then
  if ! python3 - "$out/screenshot.png" <<'PY'
import struct, sys, zlib
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = {2: 3, 6: 4}.get(ctype)
if depth != 8 or bpp is None:
    sys.exit("check-html: FAIL: unexpected PNG format (depth %d, colour type %d)" % (depth, ctype))
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
colours, dark = set(), 0
full_h = h
h = min(h, 1200)  # the top of the page is enough to tell blank from drawn (and decoding is slow)
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c; pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    prev = line
    if y % 4 == 0:
        for x in range(0, w, 4):
            px = bytes(line[x * bpp:x * bpp + 3])
            colours.add(px)
            if sum(px) < 600: dark += 1
total = ((h + 3) // 4) * ((w + 3) // 4)
share = dark / total
print("check-html: screenshot %dx%d; top %d rows: %d colours, %.1f%% non-white" % (w, full_h, h, len(colours), 100 * share))
sys.exit(0 if len(colours) >= 8 and share > 0.01 else 1)
PY
  then bad "the screenshot is blank"; fi
else
  bad "no screenshot"
fi

# 5. print to A4 PDF
chrome --virtual-time-budget=3000 --no-pdf-header-footer --print-to-pdf="$out/print.pdf" "file://$abs_report" \
  >/dev/null 2>"$out/chromium-pdf.log" || bad "chromium could not print"
pages=$(grep -a -c '/Type /Page$\|/Type /Page[^s]' "$out/print.pdf" 2>/dev/null || echo 0)
if [ "${pages:-0}" -ge 1 ]; then note "print: $pages A4 page(s)"; else bad "the PDF has no page"; fi

if [ $fail -ne 0 ]; then echo "check-html: FAILED ($report)" >&2; exit 1; fi
note "OK: $report renders $expect charts without errors (files in $out)"
