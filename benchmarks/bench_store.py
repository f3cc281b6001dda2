"""Durable store: actions per second, batched imports, opening an office, against JSON loads.

Side by side in one run, on this machine: durable operations (one commit each) on SQLite and
PostgreSQL; a register imported in batched transactions; an office of 100,000 and 500,000
residents opened from a snapshot (plain, and sealed with an office key on SQLite) and from the
log alone, alternated with today's whole-file JSON ``loads`` of the same register as the
baseline, with the garbage collector running (paused figures beside). PostgreSQL runs on a
throwaway cluster on a Unix socket (as the tests start it); without PostgreSQL its rows say so.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from _harness import Figure, Report, arguments, compare, gc_paused, publish

from adminduk import Registry, serialization
from adminduk.codes import Sex
from adminduk.register.events import Birth
from adminduk.simulation import synthesize_population
from adminduk.store import Store, open_office
from adminduk.workflows import Office
from tests.store.servers import postgres_cluster

ON = datetime.date(2026, 1, 1)

#: Open an office in a fresh process, as a restarted server does: CPU seconds of the open, and
#: how many log rows it decoded (none when the snapshot at the head was read).
_OPEN_FRESH = """
import json, sys, time
import adminduk.store._base as base
from adminduk.store import open_office
decoded = 0
decode = base.decode
def counted(row):
    global decoded
    decoded += 1
    return decode(row)
base.decode = counted
key = bytes.fromhex(sys.argv[2]) if sys.argv[2] else None
started = time.process_time()
office = open_office(sys.argv[1], code="18.08", key=key)
seconds = time.process_time() - started
print(json.dumps({"seconds": seconds, "decoded": decoded, "residents": len(office.registry)}))
office.close()
"""


def store_of(office: Office) -> Store:
    recorder = office.recorder
    assert isinstance(recorder, Store)
    return recorder


def actions_per_second(target: str, registry: Registry, count: int) -> float:
    """Durable births, one commit each, on a store holding ``registry``."""
    office = open_office(target, code="18.08", registry=registry)
    events = births(registry, count)
    started = time.perf_counter()
    for event in events:
        office.apply(event)
    took = time.perf_counter() - started
    store_of(office).close()
    return count / took


def births(registry: Registry, count: int) -> list[Birth]:
    """``count`` births on one day to the register's mothers (the day's serials run on)."""
    mothers = [r for r in registry.residents() if r.sex is Sex.FEMALE and 20 <= r.age(ON) <= 40]
    mothers = [m for m in mothers if registry.family_of(m.nik) is not None]
    return [
        Birth(
            occurred_on=ON,
            recorded_on=ON,
            name=f"Bayi {index}",
            sex=Sex.MALE,
            birth_place="Blambangan Umpu",
            mother=mothers[index % len(mothers)].nik,
        )
        for index in range(count)
    ]


def against_bare_sqlite(path: str, registry: Registry, count: int, rounds: int) -> Figure:
    """CPU per durable birth through the office against a bare ``sqlite3`` loop committing a row
    of the same size with the same durability (WAL, ``synchronous=FULL``), alternated."""
    office = open_office(path, code="18.08", registry=registry)
    events = iter(births(registry, count * rounds + 1))
    body = serialization.dumps(next(events))
    bare = sqlite3.connect(path + ".bare", isolation_level=None)
    bare.execute("PRAGMA journal_mode=WAL")
    bare.execute("PRAGMA synchronous=FULL")
    bare.execute("CREATE TABLE log (position INTEGER PRIMARY KEY, kind TEXT, body TEXT)")

    def adminduk() -> None:
        for _ in range(count):
            office.apply(next(events))

    def loop() -> None:
        for _ in range(count):
            bare.execute("BEGIN IMMEDIATE")
            bare.execute("INSERT INTO log (kind, body) VALUES (?, ?)", ("birth", body))
            bare.execute("COMMIT")

    try:
        timed = compare({"adminduk": adminduk, "bare": loop}, rounds=rounds)
    finally:
        bare.close()
        store_of(office).close()
    median, _, _ = timed.ratio("adminduk", "bare")
    per_op = statistics.median(timed.cpu["adminduk"]) / count * 1e3
    bare_op = statistics.median(timed.cpu["bare"]) / count * 1e3
    return Figure(
        "SQLite: durable birth, CPU against a bare sqlite3 loop, collector running",
        median,
        "x",
        "<= 2x",
        median <= 2.0,
        note=f"{timed.describe('adminduk', 'bare')}; adminduk {per_op:.3f} ms CPU per birth, the bare loop {bare_op:.3f} ms; "
        f"{count:,} births a round, all on one day, on a register of {len(registry):,}",
    )


def opening(
    target: str, registry: Registry, report: Report, label: str, key: bytes | None = None
) -> None:
    """Import, then open from a snapshot (collector running, and paused beside) and the log.

    The snapshot's and the log's opens are alternated round by round with JSON ``loads`` of
    the same register (the baseline), in this process, with the cyclic collector running: a
    library does not get to pause its caller's collector.
    """
    residents = len(registry)
    started = time.perf_counter()
    office = open_office(target, code="18.08", registry=registry, key=key)
    imported = time.perf_counter() - started
    rows = store_of(office).head()
    if key is None:
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
    text = serialization.dumps(registry)

    def from_snapshot() -> None:
        opened = open_office(target, code="18.08", key=key)
        assert len(opened.registry) == residents
        opened.close()

    def from_log() -> None:
        open_office(target, code="18.08", use_snapshot=False, key=key).close()

    def json_loads() -> None:
        serialization.loads(text, Registry)

    variants: dict[str, Callable[[], object]] = {"snapshot": from_snapshot, "json": json_loads}
    if key is None:
        variants["log"] = from_log
    rounds = 1 if residents < 10_000 else 3
    running = compare(variants, rounds=rounds)
    with gc_paused():
        paused = compare({"snapshot": from_snapshot}, rounds=rounds)
    snapshot_seconds = running.median_cpu("snapshot")
    aim = 5.0 if residents >= 400_000 else None
    kind = "a sealed snapshot (office key)" if key else "a snapshot"
    report.add(
        Figure(
            f"{label}: open {residents:,} residents from {kind}, collector running",
            snapshot_seconds,
            "s",
            "< 5 s" if aim else "",
            None if aim is None else snapshot_seconds < aim,
            note=f"JSON loads {running.median_cpu('json'):.1f} s "
            f"(loads/snapshot {running.describe('json', 'snapshot')}); collector paused "
            f"{paused.median_cpu('snapshot'):.1f} s; snapshot written in {wrote:.1f} s",
        )
    )
    fresh = [opened_fresh(target, key) for _ in range(rounds)]
    assert all(run["residents"] == residents and run["decoded"] == 0 for run in fresh), fresh
    seconds = sorted(run["seconds"] for run in fresh)
    report.add(
        Figure(
            f"{label}: open {residents:,} residents from {kind} in a fresh process",
            statistics.median(seconds),
            "s",
            note=f"CPU, median of {rounds} processes (spread {seconds[0]:.2f}-{seconds[-1]:.2f}), "
            "as a restarted server opens it; the snapshot read, no log row decoded",
        )
    )
    if key is None:
        report.add(
            Figure(
                f"{label}: open {residents:,} residents from the log alone, collector running",
                running.median_cpu("log"),
                "s",
                note=f"log/JSON loads {running.describe('log', 'json')}",
            )
        )


def opened_fresh(target: str, key: bytes | None) -> dict[str, float]:
    """One open of the store at ``target`` in a new Python process (see ``_OPEN_FRESH``)."""
    done = subprocess.run(
        [sys.executable, "-c", _OPEN_FRESH, target, key.hex() if key else ""],
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, float] = json.loads(done.stdout)
    return found


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
            if label == "SQLite":
                copy = Registry.replay(small.journal, area=small.area)
                report.add(
                    against_bare_sqlite(
                        make("bare"), copy, 100 if args.smoke else 500, 1 if args.smoke else 5
                    )
                )
            for size, registry in registers.items():
                opening(make(f"open_{size}"), registry, report, label)
                if label == "SQLite":
                    opening(make(f"sealed_{size}"), registry, report, label, key=b"k" * 32)
        if server is None and not args.smoke:
            report.add(Figure("PostgreSQL: not installed here", 0, "", note="rows skipped"))
    publish(args, ["adminduk", "psycopg"], report.lines())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
