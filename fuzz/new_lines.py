#!/usr/bin/env python3
"""Per run of a fuzz target, how much of what it newly covered in ready's own code was new
source: libFuzzer reports each new point (`NEW_PC`, with -print_pcs=1), and one line of source
can hold several (inlined copies, the branches of a match, the paths of a sort through our
comparator), so a run can keep covering points on lines earlier runs already reached. Reads
logs/TARGET.log, which keeps every run after a `== ` header.

usage: fuzz/new_lines.py TARGET...  (from the checkout or from fuzz/)
"""
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(os.path.dirname(HERE), "src") + "/"
# The line is missing where the debug info has none (`in FUNCTION FILE`); such points count by
# function instead.
POINT = re.compile(r"^\s*(\d+)\s+NEW_PC: 0x[0-9a-f]+ in (.*) (\S+?)(?::(\d+):\d+)?$")


def runs(target):
    """(header, [(seconds, file:line)]) for each run in the target's log."""
    found = []
    with open(os.path.join(HERE, "logs", f"{target}.log"), errors="replace") as log:
        for line in log:
            if line.startswith("== "):
                # A run starts with `== TIME TARGET for SECONDS…`; other `== ` lines are notes
                # (a plateau, a run stopped by hand).
                if re.match(r"== \d{4}-\d\d-\d\dT", line):
                    found.append((line[3:].strip(), []))
                continue
            match = POINT.match(line)
            if found and match and match.group(3).startswith(SRC):
                file = match.group(3)[len(SRC):]
                where = f"{file}:{match.group(4)}" if match.group(4) else f"{file} ({match.group(2)})"
                found[-1][1].append((int(match.group(1)), where))
    return found


for target in sys.argv[1:]:
    seen = set()
    for header, points in runs(target):
        end = points[-1][0] if points else 0
        fresh = [(t, w) for t, w in points if w not in seen]
        lines = {w for _, w in fresh}
        last = max((t for t, _ in fresh), default=None)
        print(f"{target}: {header}")
        print(f"  points in src/: {len(points)}; on lines no earlier run of this log reached: "
              f"{len(lines)} lines ({len(fresh)} points), the last at {last if last is not None else '-'} s"
              f" (the run's last point at {end} s)")
        for where in sorted(lines):
            print(f"    {where}")
        seen.update(w for _, w in points)
