"""A snapshot written by one process is read by the next one, not silently dropped for the log.

A snapshot carries the shape of the tables it was written with (``FORMAT``); a reader of
another shape ignores it and the log rebuilds the office (slower, still right). The shape must
therefore not depend on anything a process draws for itself, such as Python's string hashing
(``PYTHONHASHSEED``), which orders the values of a set: otherwise every restart would
throw the snapshot away.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

from adminduk.simulation import synthesize_population
from adminduk.store import open_office
from adminduk.store._columns import FORMAT

_READ = """
import sqlite3, sys
from adminduk.store._snapshot import read_snapshot
connection = sqlite3.connect(sys.argv[1])
((position, digest, data),) = connection.execute("SELECT seq, digest, state FROM snapshots")
read = read_snapshot(data, office="18.08", position=position, digest=digest)
print("none" if read is None else len(read[0]))
"""


def _python(code: str, *arguments: str, hash_seed: str) -> str:
    environment = {**os.environ, "PYTHONHASHSEED": hash_seed}
    done = subprocess.run(
        [sys.executable, "-c", code, *arguments],
        capture_output=True,
        text=True,
        check=True,
        env=environment,
    )
    return done.stdout.strip()


def test_the_snapshot_format_is_the_same_in_every_process() -> None:
    """Three string-hash seeds, three processes: one format, this process's."""
    code = "from adminduk.store._columns import FORMAT; print(FORMAT)"
    assert {_python(code, hash_seed=seed) for seed in ("1", "2", "3")} == {FORMAT}


def test_a_snapshot_written_in_one_process_is_read_in_another(tmp_path: Path) -> None:
    """The snapshot this process writes is read, whole, by processes of other hash seeds."""
    registry = synthesize_population("18.08.15", seed=3, scale=0.02)
    path = tmp_path / "office.db"
    office = open_office(path, code="18.08", registry=registry)
    store = office.recorder
    assert store is not None
    store.snapshot(office)  # type: ignore[attr-defined]
    store.close()
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM snapshots").fetchone() == (1,)
    for seed in ("5", "6"):
        assert _python(_READ, str(path), hash_seed=seed) == str(len(registry))
