"""``make demo``: how soon its first line shows, and how long the whole tour takes.

The demo streams its lines as it produces them; the figures time a child process running
``python -m adminduk demo`` (in smoke mode a tiny regency and three office days).
"""

from __future__ import annotations

import subprocess
import sys
import time

from _harness import Figure, Report, arguments, publish

FIRST_LINE_TARGET_S = 1.0  # issue 18: the first line within 1 s
TOTAL_TARGET_S = 20.0  # issue 18: the whole demo under 20 s


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    extra = ["--scale", "0.01", "--days", "3"] if args.smoke else []
    started = time.perf_counter()
    child = subprocess.Popen(
        [sys.executable, "-m", "adminduk", "demo", *extra], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    first = child.stdout.readline()
    first_s = time.perf_counter() - started
    lines = 1 + sum(1 for _ in child.stdout)
    child.wait()
    total_s = time.perf_counter() - started
    if child.returncode or not first.startswith("adminduk demo"):
        raise SystemExit(f"the demo failed (exit {child.returncode})")
    label = "smoke: scale 0.01, 3 days" if args.smoke else "Way Kanan at full scale, 31 days"
    report = Report(f"make demo ({label})")
    report.add(
        Figure(
            "first line shown after",
            first_s,
            "s",
            f"< {FIRST_LINE_TARGET_S:g} s",
            first_s < FIRST_LINE_TARGET_S,
            note="lines are printed as they are produced",
        )
    )
    report.add(
        Figure(
            "whole demo",
            total_s,
            "s",
            f"< {TOTAL_TARGET_S:g} s",
            total_s < TOTAL_TARGET_S,
            note=f"{lines} lines",
        )
    )
    publish(args, ["adminduk"], report.lines())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
