"""Check a batch of NIKs, as an office does with a day's online files, and say what is wrong.

Usage: python examples/check_nik_batch.py [FILE] [--on YYYY-MM-DD]

FILE holds one NIK per line (default: a built-in synthetic batch). Prints one line per number,
valid ones described and invalid ones with the reason (masked), then a count per kind of error.
"""

from __future__ import annotations

import argparse
import collections
import datetime
from pathlib import Path

from adminduk import Sex, ValidationError, regions
from adminduk.identifiers import nik

# A synthetic batch: composed numbers plus typical typing mistakes.
SYNTHETIC = [
    nik.compose(
        region_code="18.08.01", birth_date=datetime.date(2005, 1, 1), sex=Sex.FEMALE, serial=1
    ),
    nik.compose(
        region_code="18.08.15", birth_date=datetime.date(1987, 8, 17), sex=Sex.MALE, serial=12
    ),
    "1808 0420 0630 0002",  # written with spaces: still fine
    "180801410105001",  # a digit dropped
    "1808013202050001",  # 32 February
    "1808014101050000",  # serial 0000
    "1808994101050001",  # district 18.08.99 is in no code list
    "18080141O1050001",  # the letter O typed for a zero
]


def main() -> int:
    """Check the batch and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument(
        "--on", type=datetime.date.fromisoformat, default=datetime.date(2026, 11, 27)
    )
    args = parser.parse_args()
    numbers = args.file.read_text(encoding="utf-8").splitlines() if args.file else SYNTHETIC
    errors: collections.Counter[str] = collections.Counter()
    for number in numbers:
        try:
            info = nik.parse(number, on=args.on)
        except ValidationError as error:
            errors[type(error).__name__] += 1
            print(f"INVALID  {error}")
            continue
        district = regions.get(info.region_code).name
        print(
            f"valid    {nik.format(number)}  {info.sex.label}, lahir {info.birth_date:%d-%m-%Y}, "
            f"{district}"
        )
    print(f"\n{len(numbers) - sum(errors.values())} valid, {sum(errors.values())} invalid")
    for kind, count in errors.most_common():
        print(f"  {kind}: {count}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
