"""NIK validation and parsing: adminduk against python-stdnum, lokal-id and nik-lookup.

All libraries run in the same process on the same synthetic NIKs. Figures are microseconds per
NIK (median over repeats) and ratios to the fastest peer. The agreement table shows how many of a
set of deliberately broken numbers each library accepts, by kind of defect.

Run: ``make bench`` (installs the peers from the ``bench`` extra), or ``--smoke`` for tiny sizes.
"""

from __future__ import annotations

import collections
import datetime
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _harness import Figure, Report, arguments, compare, median_seconds, publish

from adminduk import Sex, regions
from adminduk.identifiers import nik

ON = datetime.date(2026, 11, 27)
TARGET_US = 3.0  # issue: under 3 microseconds per nik.validate with the region check
TARGET_RATIO = 2.0  # issue: at least twice as fast as the fastest peer


def synthetic_niks(count: int, seed: int) -> list[str]:
    """Valid synthetic NIKs: known districts, birth dates 1930-2025, both sexes, any serial."""
    rng = random.Random(seed)
    codes = sorted(regions.known_district_codes())
    first, days = (
        datetime.date(1930, 1, 1),
        (datetime.date(2025, 12, 31) - datetime.date(1930, 1, 1)).days,
    )
    return [
        nik.compose(
            region_code=rng.choice(codes),
            birth_date=first + datetime.timedelta(days=rng.randrange(days + 1)),
            sex=rng.choice((Sex.MALE, Sex.FEMALE)),
            serial=rng.randrange(1, 10000),
        )
        for _ in range(count)
    ]


def broken(valid: list[str], seed: int) -> dict[str, list[str]]:
    """The valid NIKs with one defect each, by kind of defect."""
    rng = random.Random(seed)
    sample = rng.sample(valid, min(len(valid), 2000))
    known = regions.known_district_codes()
    unknown = [
        f"{p:02d}{r:02d}99"
        for p in range(11, 96)
        for r in range(1, 30)
        if f"{p:02d}{r:02d}99" not in known
    ]
    return {
        "serial 0000": [n[:12] + "0000" for n in sample],
        "29 Feb, no leap year": [
            n[:6] + rng.choice(("2902", "6902")) + rng.choice(("01", "10", "23", "97")) + n[12:]
            for n in sample
        ],
        "31 Apr / 30 Feb": [
            n[:6] + rng.choice(("3104", "7104", "3002", "7002")) + n[10:] for n in sample
        ],
        "day 32-40": [n[:6] + f"{rng.randrange(32, 41):02d}" + n[8:] for n in sample],
        "unknown district": [rng.choice(unknown) + n[6:] for n in sample],
        "district part 00": [n[:4] + "00" + n[6:] for n in sample],
    }


def peers() -> dict[str, Callable[[str], bool]]:
    """is-valid functions of the peers that are installed."""
    found: dict[str, Callable[[str], bool]] = {}
    try:
        from stdnum.id import nik as stdnum_nik

        found["python-stdnum"] = stdnum_nik.is_valid
    except ImportError:
        pass
    try:
        from lokal.nik import is_valid_nik

        found["lokal-id"] = is_valid_nik
    except ImportError:
        pass
    try:
        import nik_lookup

        found["nik-lookup"] = nik_lookup.is_valid
    except ImportError:
        pass
    return found


def birth_date_readers() -> dict[str, Callable[[str], str]]:
    """How each installed library reads the birth date (as text), with 27 Nov 2026 as today."""
    readers: dict[str, Callable[[str], str]] = {
        "adminduk": lambda n: nik.parse(n, on=ON).birth_date.isoformat()
    }
    try:
        from stdnum.id import nik as stdnum_nik

        readers["python-stdnum"] = lambda n: stdnum_nik.get_birth_date(n).isoformat()
    except ImportError:
        pass
    try:
        from lokal.nik import parse_nik

        readers["lokal-id"] = lambda n: str(parse_nik(n, reference_date=ON).birth_date)
    except ImportError:
        pass
    try:
        import nik_lookup

        readers["nik-lookup"] = lambda n: "year " + str(nik_lookup.parse(n).tahun_lahir)
    except ImportError:
        pass
    return readers


def _quietly(read: Callable[[str], str]) -> Callable[[str], str | None]:
    """``read``, answering ``None`` where the library refuses the number (so timing goes on)."""

    def call(number: str) -> str | None:
        try:
            return read(number)
        except Exception:
            return None

    return call


def refusals_by_province(check: Callable[[str], bool], numbers: list[str]) -> str:
    """The provinces of the valid numbers a library refuses, most frequent first."""
    refused = collections.Counter(n[:2] for n in numbers if not check(n))
    return ", ".join(f"{code}: {count:,}" for code, count in refused.most_common(6)) or "none"


def parse_ratio(numbers: list[str], *, smoke: bool) -> Figure:
    """The parse aim, on bare calls alternated in one process (the readers wrap each call)."""

    # The aim is on bare calls, alternated in one process (the readers above wrap each call).
    # Results are discarded, so neither side pays for the garbage collector scanning results
    # kept in a list (which weighs on a peer whose results are tracked objects).
    def adminduk_parse() -> None:
        for n in numbers:
            nik.parse(n, on=ON)

    bare: dict[str, Callable[[], object]] = {"adminduk": adminduk_parse}
    try:
        from lokal.nik import parse_nik
    except ImportError:  # pragma: no cover - the bench extra installs it
        pass
    else:

        def lokal_parse() -> None:
            for n in numbers:
                parse_nik(n, reference_date=ON)

        bare["lokal-id"] = lokal_parse
    if "lokal-id" not in bare:  # pragma: no cover
        return Figure("parse speed-up over lokal-id", 0.0, "x", note="lokal-id not installed")
    rounds = compare(bare, rounds=3 if smoke else 9)
    median, _, _ = rounds.ratio("lokal-id", "adminduk")
    return Figure(
        "parse speed-up over lokal-id, bare calls (CPU time, per-round ratio)",
        median,
        "x",
        f">= {TARGET_RATIO}x",
        median >= TARGET_RATIO,
        rounds.describe("lokal-id", "adminduk")
        + f"; adminduk {rounds.median_cpu('adminduk') / len(numbers) * 1e6:.2f} us/NIK, "
        "one pass: each part checked and decoded by one table lookup",
    )


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    count, repeats = (1_000, 1) if args.smoke else (100_000, 7)
    numbers = synthetic_niks(count, seed=20261127)
    report = Report(f"NIK validation ({count:,} synthetic NIKs, median of {repeats})")

    def per_nik(function: Callable[[str], object]) -> float:
        return (
            median_seconds(lambda: [function(n) for n in numbers], repeats=repeats) / count * 1e6
        )

    validate_us = per_nik(nik.validate)
    report.add(
        Figure(
            "adminduk nik.validate (region check)",
            validate_us,
            "us/NIK",
            f"< {TARGET_US} us",
            validate_us < TARGET_US,
        )
    )
    report.add(Figure("adminduk nik.is_valid", per_nik(nik.is_valid), "us/NIK"))
    report.add(Figure("adminduk nik.parse", per_nik(lambda n: nik.parse(n, on=ON)), "us/NIK"))
    readers = birth_date_readers()
    parse_us = {name: per_nik(_quietly(reader)) for name, reader in readers.items()}
    for name, micros in parse_us.items():
        if name != "adminduk":
            report.add(
                Figure(
                    f"{name} birth date read (parse)",
                    micros,
                    "us/NIK",
                    note=f"adminduk's parse-and-read is {micros / parse_us['adminduk']:.1f}x faster",
                )
            )

    report.add(parse_ratio(numbers, smoke=args.smoke))
    peer_functions = peers()
    peer_us = {name: per_nik(function) for name, function in peer_functions.items()}
    for name, micros in peer_us.items():
        report.add(
            Figure(
                f"{name} is_valid",
                micros,
                "us/NIK",
                note=f"adminduk validate is {micros / validate_us:.1f}x faster",
            )
        )
    if peer_us:
        fastest = min(peer_us, key=peer_us.__getitem__)
        ratio = peer_us[fastest] / validate_us
        report.add(
            Figure(
                f"speed-up over the fastest peer ({fastest})",
                ratio,
                "x",
                f">= {TARGET_RATIO}x",
                ratio >= TARGET_RATIO,
            )
        )

    agreement = ["", "### Acceptance of valid and broken NIKs", ""]
    names = ["adminduk", *peer_functions]
    checks: dict[str, Callable[[str], bool]] = {"adminduk": nik.is_valid, **peer_functions}
    agreement.append("| numbers | count | " + " | ".join(names) + " |")
    agreement.append("|---|---|" + "---|" * len(names))
    for kind, group in {"valid synthetic": numbers, **broken(numbers, seed=7)}.items():
        accepted = [sum(bool(checks[name](n)) for n in group) for name in names]
        agreement.append(
            f"| {kind} | {len(group):,} | " + " | ".join(f"{a:,}" for a in accepted) + " |"
        )

    agreement += ["", "### Valid numbers refused, by province code (why the peers differ)", ""]
    for name in names:
        agreement.append(f"- {name}: {refusals_by_province(checks[name], numbers)}")
    agreement += [
        "",
        "### The century: how each library reads a birth date (today = 2026-11-27)",
        "",
    ]
    readers = birth_date_readers()
    agreement.append("| born | " + " | ".join(readers) + " |")
    agreement.append("|---|" + "---|" * len(readers))
    for born in (datetime.date(2015, 1, 1), datetime.date(1930, 6, 20), ON):
        number = nik.compose(region_code="18.08.01", birth_date=born, sex=Sex.MALE, serial=1)
        agreement.append(
            f"| {born} | " + " | ".join(read(number) for read in readers.values()) + " |"
        )

    publish(
        args,
        ["adminduk", "python-stdnum", "lokal-id", "nik-lookup"],
        [*report.lines(), *agreement],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
