"""Durable store: actions per second, batched imports, opening an office, against JSON loads.

Side by side in one run, on this machine: durable operations (one commit each) on SQLite and
PostgreSQL; a register imported in batched transactions; an office of 100,000 and 500,000
residents opened from a snapshot and from the log alone, with today's whole-file JSON ``loads``
of the same register as the baseline. PostgreSQL runs on a throwaway cluster on a Unix socket
(as the tests start it); without PostgreSQL its rows say so.
"""

from __future__ import annotations

import contextlib
import datetime
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _harness import Figure, Report, arguments, gc_paused, publish

from adminduk import Registry, serialization
from adminduk.codes import Sex
from adminduk.register.events import Birth
from adminduk.simulation import synthesize_population
from adminduk.store import Store, open_office
from adminduk.workflows import Office
from tests.store.servers import postgres_cluster

ON = datetime.date(2026, 1, 1)


def store_of(office: Office) -> Store:
    recorder = office.recorder
    assert isinstance(recorder, Store)
    return recorder


def actions_per_second(target: str, registry: Registry, count: int) -> float:
    """Durable births, one commit each, on a store holding ``registry``."""
    office = open_office(target, code="18.08", registry=registry)
    mothers = [r for r in registry.residents() if r.sex is Sex.FEMALE and 20 <= r.age(ON) <= 40]
    mothers = [m for m in mothers if registry.family_of(m.nik) is not None][:count]
    started = time.perf_counter()
    for index in range(count):
        mother = mothers[index % len(mothers)]
        office.apply(
            Birth(
                occurred_on=ON,
                recorded_on=ON,
                name=f"Bayi {index}",
                sex=Sex.MALE,
                birth_place="Blambangan Umpu",
                mother=mother.nik,
            )
        )
    took = time.perf_counter() - started
    store_of(office).close()
    return count / took


def opening(target: str, registry: Registry, report: Report, label: str) -> None:
    """Import, then open from the log alone and from a snapshot; JSON loads as the baseline."""
    residents = len(registry)
    started = time.perf_counter()
    office = open_office(target, code="18.08", registry=registry)
    imported = time.perf_counter() - started
    rows = store_of(office).head()
    report.add(
        Figure(
            f"{label}: import a register of {residents:,} residents (batched)",
            rows / imported,
            "rows/s",
            note=f"{rows:,} rows in {imported:.1f} s",
        )
    )
    started = time.perf_counter()
    store_of(office).snapshot(office)
    wrote = time.perf_counter() - started
    store_of(office).close()
    with gc_paused():
        started = time.perf_counter()
        from_log = open_office(target, code="18.08", use_snapshot=False)
        log_seconds = time.perf_counter() - started
    assert from_log.registry == registry
    store_of(from_log).close()
    with gc_paused():
        started = time.perf_counter()
        from_snapshot = open_office(target, code="18.08")
        snapshot_seconds = time.perf_counter() - started
    assert from_snapshot.registry == registry
    store_of(from_snapshot).close()
    text = serialization.dumps(registry)
    with gc_paused():
        started = time.perf_counter()
        serialization.loads(text, Registry)
        json_seconds = time.perf_counter() - started
    aim = 5.0 if residents >= 400_000 else None
    report.add(
        Figure(
            f"{label}: open {residents:,} residents from a snapshot",
            snapshot_seconds,
            "s",
            "< 5 s" if aim else "",
            None if aim is None else snapshot_seconds < aim,
            note=f"JSON loads {json_seconds:.1f} s ({json_seconds / snapshot_seconds:.1f}x); "
            f"snapshot written in {wrote:.1f} s",
        )
    )
    report.add(
        Figure(
            f"{label}: open {residents:,} residents from the log alone",
            log_seconds,
            "s",
            note=f"JSON loads of the same register {json_seconds:.1f} s",
        )
    )


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    sizes = (2_000,) if args.smoke else (100_000, 500_000)
    count = 50 if args.smoke else 2_000
    report = Report("Durable store (SQLite and PostgreSQL)")
    small = synthesize_population("18.08", seed=1, scale=0.01, on=ON)
    registers = {
        size: synthesize_population("18.08", seed=2, scale=size / 495_000, on=ON) for size in sizes
    }
    cluster = contextlib.nullcontext(None) if args.smoke else postgres_cluster()
    with tempfile.TemporaryDirectory() as folder, cluster as server:

        def sqlite_file(name: str) -> str:
            return str(Path(folder) / f"{name}.db")

        backends: dict[str, Callable[[str], str]] = {"SQLite": sqlite_file}
        if server is not None:
            import psycopg

            def database(name: str) -> str:
                with psycopg.connect(server, autocommit=True) as connection:
                    connection.execute(f"CREATE DATABASE {name}")
                return server.replace("dbname=postgres", f"dbname={name}")

            backends["PostgreSQL"] = database
        for label, make in backends.items():
            rate = actions_per_second(make("actions"), small, count)
            report.add(
                Figure(
                    f"{label}: durable operations (one commit each)",
                    rate,
                    "ops/s",
                    ">= 500 ops/s" if label == "SQLite" else "",
                    rate >= 500 if label == "SQLite" else None,
                    note=f"{count:,} births on a register of {len(small):,}",
                )
            )
            for size, registry in registers.items():
                opening(make(f"open_{size}"), registry, report, label)
        if server is None and not args.smoke:
            report.add(Figure("PostgreSQL: not installed here", 0, "", note="rows skipped"))
    publish(args, ["adminduk", "psycopg"], report.lines())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
