"""Regenerate adminduk's packaged region data from the Kemendagri code lists.

Usage: python scripts/build_region_data.py SOURCE_DIR TARGET_DIR

SOURCE_DIR holds the CSV files described in ``shared/data/wilayah/README.md`` (from the public
repository cahyadsn/wilayah, MIT licence, Copyright (c) 2017-2025 Cahya DSN). TARGET_DIR receives:

- ``regions.tsv.gz``: every province, regency and district code of every list (2016, 2018, 2020,
  2022, 2023, 2025) as ``code<TAB>name<TAB>mask``, where bit *i* of ``mask`` says that list *i*
  (in the order of the ``# lists:`` header) carries this code under this name;
- ``villages.tsv.gz``: the villages of the 2025 list as ``code<TAB>name``;
- ``population-2025.tsv``: ``code<TAB>name<TAB>male<TAB>female<TAB>total`` for Indonesia (code
  ``0``), each province and each regency/city.

The output is byte-for-byte reproducible (gzip timestamps are fixed), so the test suite can check
that the packaged files match their source.
"""

from __future__ import annotations

import csv
import gzip
import io
import sys
from pathlib import Path

LISTS = (2016, 2018, 2020, 2022, 2023, 2025)
HEADER = (
    "# Kemendagri region codes, derived from cahyadsn/wilayah "
    "(commit b7ad440a1322e7be3189a16a8cac35f7d4c3d7f7, 2026-08-08), MIT licence, "
    "Copyright (c) 2017-2025 Cahya DSN. Regenerate with scripts/build_region_data.py.\n"
)


def _read(path: Path) -> list[tuple[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    if rows[0][:2] != ["code", "name"]:
        raise SystemExit(f"{path}: expected a code,name header, got {rows[0]}")
    return [(code.strip(), " ".join(name.split())) for code, name, *_ in rows[1:]]


def _write_gz(path: Path, text: str) -> None:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, mtime=0, compresslevel=9) as gz:
        gz.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())


def build(source: Path, target: Path) -> None:
    """Write the three packaged files from the CSV files in ``source``."""
    masks: dict[tuple[str, str], int] = {}
    villages: list[tuple[str, str]] = []
    for bit, year in enumerate(LISTS):
        name = "wilayah-2025.csv" if year == 2025 else f"districts-{year}.csv"
        for code, region_name in _read(source / name):
            if code.count(".") == 3:
                villages.append((code, region_name))
                continue
            masks[code, region_name] = masks.get((code, region_name), 0) | (1 << bit)

    def sort_key(item: tuple[str, str]) -> tuple[tuple[int, ...], str]:
        return tuple(int(part) for part in item[0].split(".")), item[1]

    lines = [HEADER, "# lists: " + " ".join(map(str, LISTS)) + "\n"]
    lines += [
        f"{code}\t{name}\t{masks[code, name]}\n" for code, name in sorted(masks, key=sort_key)
    ]
    _write_gz(target / "regions.tsv.gz", "".join(lines))

    village_lines = [HEADER] + [f"{c}\t{n}\n" for c, n in sorted(villages, key=sort_key)]
    _write_gz(target / "villages.tsv.gz", "".join(village_lines))

    with (source / "population-2025.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    population = [HEADER.replace("region codes", "population 2025")]
    for row in rows:
        male, female, total = int(row["male"]), int(row["female"]), int(row["total"])
        population.append(f"{row['code']}\t{row['name']}\t{male}\t{female}\t{total}\n")
    (target / "population-2025.tsv").write_text("".join(population), encoding="utf-8")


def main(argv: list[str]) -> int:
    """Command-line entry point."""
    if len(argv) != 3:
        print(__doc__.splitlines()[2], file=sys.stderr)
        return 2
    build(Path(argv[1]), Path(argv[2]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
