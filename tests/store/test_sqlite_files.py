"""The SQLite file itself, damaged or foreign (issue 25): refused, typed, untouched, closed.

SQLite keeps a column's values with whatever type they were given, and a file can be cut,
copied over or belong to another application; none of it may open as an office or raise
anything but an AdmindukError. Each test was seen to fail before the fix.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from adminduk.errors import StoreBusy, StoreCorrupt, StoreError
from adminduk.samples import sample_staff
from adminduk.store import open_office
from adminduk.workflows import Office
from tests.store.contract import ON, birth, busy_office, state, store_of


def _open(path: Path, **options: object) -> Office:
    return open_office(path, code="18.08", staff=sample_staff(), **options)  # type: ignore[arg-type]


def _sql(path: Path, statement: str, *parameters: object) -> None:
    with contextlib.closing(sqlite3.connect(path)) as connection, connection:
        connection.execute(statement, parameters)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _open_files(path: Path) -> list[str]:
    """The file descriptors of this process open on ``path`` (Linux's /proc)."""
    found = []
    for fd in Path("/proc/self/fd").iterdir():
        with contextlib.suppress(OSError):
            if os.readlink(fd) == str(path.resolve()):
                found.append(fd.name)
    return found


@pytest.fixture
def office_file(tmp_path: Path) -> Path:
    """A closed store with a register, a few births and applications, its WAL folded in."""
    path = tmp_path / "office.db"
    office = busy_office(_open(path))
    for day in range(40):
        office.apply(birth(ON.replace(day=1 + day % 28), name=f"Bayi Nomor {day}"))
    store_of(office).close()
    return path


@pytest.mark.parametrize("keep", [0.5, 0.75, "one page short"])
def test_a_file_cut_short_is_store_corrupt(office_file: Path, keep: float | str) -> None:
    """Cut at half, three quarters, or one page short: StoreCorrupt, which a restore catches."""
    size = office_file.stat().st_size
    cut = size - 4096 if keep == "one page short" else int(size * float(keep))
    with office_file.open("r+b") as handle:
        handle.truncate(cut)

    def open_and_verify() -> None:
        with _open(office_file, use_snapshot=False) as office:
            store_of(office).verify()  # if the cut spared what opening reads

    with pytest.raises(StoreCorrupt):
        open_and_verify()


def test_a_body_stored_as_bytes_is_damage_at_its_row(office_file: Path) -> None:
    """SQLite keeps a BLOB where text belongs: the row is refused, not a TypeError."""
    _sql(office_file, "UPDATE log SET body = CAST(body AS BLOB) WHERE seq = 2")
    with pytest.raises(StoreCorrupt, match="wrong type") as damaged:
        _open(office_file)
    assert damaged.value.position == 2


@pytest.mark.parametrize(
    ("column", "value"), [("seq", "x"), ("state", "text"), ("digest", 5), ("checksum", None)]
)
def test_a_snapshot_row_of_the_wrong_types_is_damage(
    office_file: Path, column: str, value: object
) -> None:
    """seq='x' or state='text' in the snapshot row: StoreCorrupt, not ValueError/TypeError."""
    office = _open(office_file)
    store_of(office).snapshot(office)
    store_of(office).close()
    if value is None:
        _sql(office_file, "DROP TABLE snapshots")
        _sql(
            office_file,
            "CREATE TABLE snapshots (seq BIGINT PRIMARY KEY, digest TEXT, checksum TEXT, state BLOB)",
        )
        _sql(office_file, "INSERT INTO snapshots VALUES (1, ?, NULL, x'00')", "0" * 64)
    else:
        _sql(office_file, f"UPDATE snapshots SET {column} = ?", value)
    with pytest.raises(StoreCorrupt):
        _open(office_file)


def test_another_applications_database_is_refused_untouched(tmp_path: Path) -> None:
    """sessions.db of some web framework: no tables added, no WAL switched on, nothing written."""
    path = tmp_path / "sessions.db"
    _sql(path, "CREATE TABLE sessions (id TEXT PRIMARY KEY, data TEXT)")
    _sql(path, "INSERT INTO sessions VALUES ('a', 'b')")
    before = _digest(path)
    with pytest.raises(StoreError, match="holds no office store"):
        _open(path)
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sessions.db"]
    assert [] == _open_files(path)


def test_a_foreign_file_with_a_log_table_is_refused_untouched(tmp_path: Path) -> None:
    """A table named like the store's is not the store: refused before anything is altered."""
    path = tmp_path / "app.db"
    _sql(path, "CREATE TABLE log (line TEXT)")
    before = _digest(path)
    with pytest.raises(StoreError):
        _open(path)
    assert _digest(path) == before
    assert [] == _open_files(path)


@pytest.mark.parametrize("content", [b"", b"%PDF-1.7 not a database at all" * 40])
def test_an_empty_or_non_sqlite_file_is_not_a_new_office(tmp_path: Path, content: bytes) -> None:
    """A 0-byte file (a store cut to nothing?) or a PDF: refused, left as it was, closed."""
    path = tmp_path / "office.db"
    path.write_bytes(content)
    with pytest.raises(StoreError):
        _open(path)
    assert path.read_bytes() == content
    assert [] == _open_files(path)


def test_a_refused_open_leaves_no_file_open(office_file: Path) -> None:
    """Another office's code: refused, and the file is closed behind the refusal."""
    with pytest.raises(StoreError, match=r"holds office 18\.08"):
        open_office(office_file, code="18.07")
    assert [] == _open_files(office_file)


def test_reading_a_missing_file_read_only_creates_nothing(tmp_path: Path) -> None:
    """read_only=True on a path with no store: refused, and no file is made."""
    with pytest.raises(StoreError):
        _open(tmp_path / "absent.db", read_only=True)
    assert [] == list(tmp_path.iterdir())


def test_a_writer_waits_at_most_its_lock_timeout(office_file: Path) -> None:
    """Another process holds the write lock: StoreBusy after lock_timeout, nothing applied."""
    office = _open(office_file, lock_timeout=0.2)
    before = state(office)
    holder = sqlite3.connect(office_file, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    released = threading.Timer(5, holder.rollback)
    released.start()
    try:
        started = time.monotonic()
        with pytest.raises(StoreBusy):
            office.apply(birth(ON, name="Tunggu Sebentar"))
        assert time.monotonic() - started < 3
        assert state(office) == before
    finally:
        released.cancel()
        holder.rollback()
        holder.close()
    store_of(office).close()


def test_a_copy_restored_over_the_store_is_told_by_the_head_written_down(
    office_file: Path, tmp_path: Path
) -> None:
    """A rollback to yesterday's copy passes the chain; the head written down refuses it."""
    backup = tmp_path / "yesterday.db"
    shutil.copyfile(office_file, backup)
    office = _open(office_file)
    office.apply(birth(ON, name="Lahir Hari Ini"))
    written = store_of(office).head_digest()
    store_of(office).close()
    shutil.copyfile(backup, office_file)
    with pytest.raises(StoreCorrupt, match="older copy") as damaged:
        _open(office_file, head=written)
    assert damaged.value.position == written.position
