#!/usr/bin/env python3
"""Lists functions, initialisers and closures-as-properties in Sources/ longer than a limit.

    python3 scripts/function-lengths.py [--limit 80] [PATH...]

A function's length is counted from the line of its `func`/`init`/`subscript`/`var ... {`
declaration to the line of its closing brace, both included (doc comments not counted).
Exit status 1 when any is over the limit (the house rule of docs/architecture.md: no
function outside tests over 80 lines); `make check-format` runs it.
"""
import re
import sys
from pathlib import Path

DECL = re.compile(r'^\s*(?:@\w+(?:\([^)]*\))?\s+)*(?:(?:public|private|fileprivate|internal|package|open|static|class|final|override|mutating|nonmutating|convenience|required|nonisolated|@inlinable|@discardableResult)\s+)*(func\s+[^\s(<]+|init[?!]?\s*[(<]|subscript\s*[(<]|deinit\b)')


def strip(line, state):
    """The line without string literals and comments; state carries block comments and multi-line strings."""
    out = []
    i = 0
    while i < len(line):
        if state['block']:
            j = line.find('*/', i)
            if j < 0:
                return ''.join(out)
            state['block'] = False
            i = j + 2
            continue
        if state['multi']:
            j = line.find('"""', i)
            if j < 0:
                return ''.join(out)
            state['multi'] = False
            i = j + 3
            continue
        if line.startswith('//', i):
            break
        if line.startswith('/*', i):
            state['block'] = True
            i += 2
            continue
        if line.startswith('"""', i):
            state['multi'] = True
            i += 3
            continue
        c = line[i]
        if c == '"':
            j = i + 1
            depth = 0
            while j < len(line):
                if line[j] == '\\' and j + 1 < len(line) and line[j + 1] == '(':
                    depth += 1
                    j += 2
                    continue
                if depth and line[j] == ')':
                    depth -= 1
                elif line[j] == '\\':
                    j += 1
                elif line[j] == '"' and not depth:
                    break
                j += 1
            i = j + 1
            out.append('""')
            continue
        out.append(c)
        i += 1
    return ''.join(out)


def functions(path):
    lines = Path(path).read_text().splitlines()
    state = {'block': False, 'multi': False}
    code = [strip(l, state) for l in lines]
    found = []
    for n, line in enumerate(code):
        m = DECL.match(line)
        if not m:
            continue
        # find the opening brace of the body (the declaration may span lines), then its match
        depth = 0
        opened = False
        paren = 0
        for k in range(n, len(code)):
            for ch in code[k]:
                if ch in '([':
                    paren += 1
                elif ch in ')]':
                    paren -= 1
                elif ch == '{':
                    depth += 1
                    opened = True
                elif ch == '}':
                    depth -= 1
                    if opened and depth == 0:
                        break
            else:
                if not opened and k > n and code[k].strip() == '' and paren <= 0:
                    break  # a protocol requirement: no body
                continue
            if opened and depth == 0:
                name = m.group(1).split('(')[0].strip()
                found.append((k - n + 1, n + 1, name))
                break
    return found


def main():
    args = sys.argv[1:]
    limit = 80
    if args[:1] == ['--limit']:
        limit = int(args[1])
        args = args[2:]
    roots = [Path(a) for a in args] or [Path('Sources')]
    over = []
    for root in roots:
        files = [root] if root.is_file() else sorted(root.rglob('*.swift'))
        for f in files:
            for length, line, name in functions(f):
                if length > limit:
                    over.append((length, f'{f}:{line}', name))
    for length, where, name in sorted(over, reverse=True):
        print(f'{length:5d}  {where}  {name}')
    if over:
        print(f'{len(over)} function(s) over {limit} lines', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
