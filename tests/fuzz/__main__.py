"""``python -m tests.fuzz [--total N]``: every fuzz target at volume, with a table of results."""

from __future__ import annotations

import argparse
import sys

from tests.fuzz.targets import TARGETS

#: Each target's share of the inputs (identifiers are cheap; documents, offices and above all
#: damaged stores, each opened and verified, are not).
SHARES = {
    "identifiers": 0.492,
    "serialization": 0.15,
    "register": 0.1,
    "workflows": 0.1,
    "notices": 0.06,
    "intake": 0.06,
    "profile": 0.028,
    "store": 0.01,
}


def main() -> int:
    """Run each target; print inputs, refusals, findings and time; exit 1 on any finding."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--total", type=int, default=1_000_000, help="inputs over all targets")
    args = parser.parse_args()
    print(f"{'target':<14}{'inputs':>12}{'refused':>12}{'findings':>10}{'seconds':>10}")
    total = found = 0
    for name, run in TARGETS.items():
        tally = run(int(args.total * SHARES[name]))
        total += tally.inputs
        found += len(tally.findings)
        print(
            f"{name:<14}{tally.inputs:>12,}{tally.refused:>12,}{len(tally.findings):>10}"
            f"{tally.seconds:>10.1f}",
            flush=True,
        )
        for finding in tally.findings[:10]:
            print(f"    {finding}")
    print(f"{'total':<14}{total:>12,}{'':>12}{found:>10}")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
