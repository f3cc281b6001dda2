"""Analysis: synthesize 500,000 residents, the population table over them, a year of the office.

Run: ``make bench``, or ``--smoke`` for tiny sizes.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from _harness import Figure, Report, arguments, compare, gc_paused, median_seconds, publish

from adminduk import Registry
from adminduk.codes import LifeStatus
from adminduk.simulation import simulate_office, synthesize_population
from adminduk.statistics import ktp_el_coverage, population_table

TABLE_TARGET = 0.5  # issue: population table over 500,000 residents under 0.5 s
YEAR_TARGET = 10.0  # issue: a simulated year of the Way Kanan office under 10 s
YEAR_TARGET_RUNNING = 15.0  # issue 32: the year under 15 s with the collector running
FLAT_TARGET = 1.2  # issue: per-resident time flat within 1.2x from 50k to 495k


def coverage_parts(registry: Registry) -> dict[str, Callable[[], object]]:
    """The coverage loop taken apart, to see which part grows per resident with the register.

    Each is timed small against large like the statistic: walking the families' members,
    then also looking each NIK up in the register, then also reading the four fields the rule
    reads; and the same reads over the residents in the register's own order (no lookup).
    """
    families, residents = list(registry.families()), registry.residents_by_nik
    alive = LifeStatus.ALIVE

    def walk() -> None:
        for family in families:
            for _member in family.members:
                pass

    def lookup() -> None:
        for family in families:
            for member in family.members:
                residents[member.nik]

    def fields() -> int:
        read = 0
        for family in families:
            for member in family.members:
                person = residents[member.nik]
                if person.life_status is alive:
                    read += len((person.birth_date, person.marital_status, person.ktp_el_status))
        return read

    def in_order() -> int:
        read = 0
        for person in residents.values():
            if person.life_status is alive:
                read += len((person.birth_date, person.marital_status, person.ktp_el_status))
        return read

    return {"walk": walk, "lookup": lookup, "fields": fields, "in order": in_order}


def growths(cpu: dict[str, list[float]], name: str, people: int, few: int) -> list[float]:
    """``name``'s CPU per resident, large over small, round by round."""
    return [
        (large / people) / (little / few)
        for little, large in zip(cpu[f"{name}, small"], cpu[f"{name}, large"], strict=True)
    ]


def described(growth: list[float]) -> str:
    return f"{statistics.median(growth):.2f}x [{min(growth):.2f}-{max(growth):.2f}]"


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    scale, days, repeats = (0.01, 20, 1) if args.smoke else (1.0, 365, 3)
    report = Report(f"Analysis (Way Kanan at scale {scale:g}; median of {repeats})")
    start = time.perf_counter()
    with gc_paused():  # as the demo does; adminduk itself leaves the collector alone
        registry = synthesize_population("18.08", seed=1, scale=scale)
    made = time.perf_counter() - start
    people = len(registry.residents())
    report.add(
        Figure(
            f"synthesize_population, {people:,} residents",
            made,
            "s",
            note=f"{made / people * 1e6:.1f} us per resident, every register rule checked; "
            "collector paused by the caller",
        )
    )
    table = median_seconds(lambda: population_table(registry, "18.08"), repeats=repeats)
    report.add(
        Figure(
            f"population_table over {people:,}",
            table,
            "s",
            f"< {TABLE_TARGET}",
            table < TABLE_TARGET,
        )
    )
    coverage = median_seconds(lambda: ktp_el_coverage(registry, "18.08"), repeats=repeats)
    report.add(Figure(f"ktp_el_coverage over {people:,}", coverage, "s"))
    # Flat per resident: a tenth of the regency against the whole, alternated in one process.
    with gc_paused():
        small = synthesize_population("18.08", seed=2, scale=scale / 10)
    few = len(small.residents())
    rounds = compare(
        {
            "coverage, small": lambda: ktp_el_coverage(small, "18.08"),
            "coverage, large": lambda: ktp_el_coverage(registry, "18.08"),
            "table, small": lambda: population_table(small, "18.08"),
            "table, large": lambda: population_table(registry, "18.08"),
        },
        rounds=3 if args.smoke else 7,
    )
    growth = growths(rounds.cpu, "coverage", people, few)
    table_growth = statistics.median(growths(rounds.cpu, "table", people, few))
    report.add(
        Figure(
            f"ktp_el_coverage per resident, {people:,} over {few:,}",
            statistics.median(growth),
            "x",
            f"< {FLAT_TARGET}",
            statistics.median(growth) < FLAT_TARGET,
            note=f"per-round spread {min(growth):.2f}-{max(growth):.2f}; population_table "
            f"{table_growth:.2f}x (CPU time, alternated)",
        )
    )
    # Which part of the loop grows: its pieces, small against large, alternated likewise.
    parts = {
        f"{name}, {size}": run
        for size, register in (("small", small), ("large", registry))
        for name, run in coverage_parts(register).items()
    }
    pieces = compare(parts, rounds=3 if args.smoke else 7)
    shown = "; ".join(
        f"{name} {described(growths(pieces.cpu, name, people, few))}"
        for name in coverage_parts(small)
    )
    small_ns = statistics.median(pieces.cpu["fields, small"]) / few * 1e9
    order_ns = statistics.median(pieces.cpu["in order, small"]) / few * 1e9
    report.add(
        Figure(
            f"the coverage loop's parts per resident, {people:,} over {few:,}",
            statistics.median(growths(pieces.cpu, "fields", people, few)),
            "x",
            note=f"{shown} (CPU time, alternated); the loop {small_ns:.0f} ns per resident "
            f"at {few:,}, the same reads in the register's order {order_ns:.0f} ns",
        )
    )
    # The year as a caller meets it (collector running: issue 32's aim), then paused beside it.
    for paused, target in ((False, YEAR_TARGET_RUNNING), (True, YEAR_TARGET)):
        copy = Registry.replay(registry.journal, area=registry.area)
        start = time.perf_counter()
        with gc_paused(paused):
            run = simulate_office(copy, days=days, seed=1)
        year = time.perf_counter() - start
        filed = sum(day.filed for day in run.days)
        report.add(
            Figure(
                f"simulate_office, {days} days, collector "
                + ("paused by the caller" if paused else "running"),
                year,
                "s",
                f"< {target:.0f}" if days == 365 else "",
                year < target if days == 365 else None,
                note=f"{filed:,} applications, {year / max(filed, 1) * 1e6:.0f} us each (wall)",
            )
        )
        del copy, run
    publish(args, ["adminduk"], report.lines())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
