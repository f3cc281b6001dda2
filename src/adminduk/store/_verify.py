"""A store's whole check: the log replayed into a fresh office, and everything else held to it.

:meth:`Store.verify <adminduk.store.Store.verify>` calls :func:`verify_store`. Opening a store
checks what it can cheaply (the head, stale index rows, the rows after the snapshot); this reads
everything: the chain from row 1, every change applied with the workflows' and the register's
checks, the snapshot against the office at its position, and both index tables against the rows
the log gives (:mod:`adminduk.store._indexes`).
"""

from __future__ import annotations

from typing import Any

from adminduk.applications import Application
from adminduk.errors import AdmindukError, StoreCorrupt
from adminduk.register import Registry
from adminduk.store._attachments import Attachments, files_named
from adminduk.store._indexes import INDEX_TABLES, application_row, index_people
from adminduk.store._log import HeadDigest, decode, sealed
from adminduk.store._snapshot import read_snapshot
from adminduk.workflows import Office

__all__ = ["check_applications", "check_head", "verify_store"]


def verify_store(store: Attachments, head: HeadDigest | None) -> int:
    """Check ``store`` from its first row (see :meth:`Store.verify`); return its last position."""
    if head is not None and not isinstance(head, HeadDigest):
        raise StoreCorrupt("verify(head=...) takes a HeadDigest")  # pragma: no cover
    check_head(store)
    meta = store._meta()
    office = Office(meta.get("office", ""), Registry(area=meta.get("area") or None))
    snapshot = store._latest_snapshot()
    if snapshot is not None and snapshot[0] == 0:
        _compare_snapshot(store, office, snapshot)
    people: list[tuple[Any, ...]] = []
    applications: dict[str, tuple[Any, ...]] = {}
    last = 0
    for row in store.rows(0):
        change = decode(row)
        try:
            office.catch_up((change,))
        except AdmindukError as exc:
            raise StoreCorrupt(
                f"log row {row.seq} does not apply: {exc}", position=row.seq
            ) from None
        missing = store.missing_files(files_named((change,)))
        if missing:
            raise StoreCorrupt(
                f"log row {row.seq} names a file the store does not hold ({missing[0][:12]}...)",
                position=row.seq,
            )
        people.extend(index_people(office, change, row.seq))
        found = application_row(office, change, row.seq)
        if found is not None:
            applications[found[0]] = found
        last = row.seq
        if snapshot is not None and snapshot[0] == row.seq:
            _compare_snapshot(store, office, snapshot)
    if snapshot is not None and snapshot[0] > last:
        raise StoreCorrupt(
            f"the snapshot at position {snapshot[0]} is past the log's end ({last})",
            position=snapshot[0],
        )
    _compare_rows(
        "people",
        store._execute("SELECT nik, seq, application FROM people ORDER BY seq, nik"),
        people,
        seq_column=1,
    )
    _compare_rows(
        "applications",
        store._execute(
            "SELECT id, document, status, channel, district, due, seq FROM applications "
            "ORDER BY seq, id"
        ),
        sorted(applications.values(), key=lambda row: (row[6], row[0])),
        seq_column=6,
    )
    store.check_files()  # every file kept is the file its digest names
    if head is not None:
        _check_written_head(store, head, last)
    return last


def _recorded_head(store: Attachments) -> tuple[int, str]:
    """The head the store recorded with its last write (``meta.head``)."""
    text = store._meta().get("head", "")
    position, _, digest = text.partition(":")
    if not (position.isascii() and position.isdigit()) or len(digest) != 64:
        raise StoreCorrupt("the store's recorded head is damaged")
    return int(position), digest


def check_head(store: Attachments) -> None:
    """The log ends where the store recorded its last write, and no index row is past it."""
    recorded, digest = _recorded_head(store)
    last, last_digest = store._last()
    if last < recorded:
        raise StoreCorrupt(
            f"the log ends at position {last}, but the store wrote up to {recorded}: rows "
            "were cut from its end",
            position=last + 1,
        )
    if last > recorded:
        raise StoreCorrupt(
            f"the log holds rows after position {recorded}, the last the store wrote",
            position=recorded + 1,
        )
    if last_digest != digest:
        raise StoreCorrupt(f"log row {last} is not the row the store wrote there", position=last)
    for table in INDEX_TABLES:
        found = store._execute(f"SELECT MAX(seq) FROM {table}")[0][0]
        if found is not None and (type(found) is not int or found > last):
            raise StoreCorrupt(
                f"the {table} index holds rows for position {str(found)[:20]}, past the "
                f"log's end ({last})",
                position=last + 1,
            )


def _summary(application: Application) -> tuple[str, str, str, str | None]:
    due = application.due
    return (
        application.form.document,
        application.status.value,
        application.form.channel.value,
        None if due is None else due.isoformat(),
    )


def check_applications(store: Attachments, office: Office) -> None:
    """The applications index says what the applications say (status, document, due)."""
    rows = store._execute("SELECT id, document, status, channel, due, seq FROM applications")
    if len(rows) != len(office.applications):
        raise StoreCorrupt(
            f"the applications index holds {len(rows)} rows for "
            f"{len(office.applications)} applications"
        )
    for ident, document, status, channel, due, seq in rows:
        application = office.applications.get(ident) if type(ident) is str else None
        if application is None or (document, status, channel, due) != _summary(application):
            raise StoreCorrupt(
                f"the applications index row for {str(ident)[:40]!r} does not match the log",
                position=seq if type(seq) is int else None,
            )


def _compare_snapshot(
    store: Attachments, office: Office, snapshot: tuple[int, str, str, bytes]
) -> None:
    seq, digest, checksum, data = snapshot
    if not sealed(data, store._key, checksum):
        raise StoreCorrupt(f"the snapshot at position {seq} is torn or edited", position=seq)
    if digest != (office_digest := store._digest_at(seq)):
        raise StoreCorrupt(f"the snapshot at position {seq} does not match the log", position=seq)
    try:
        read = read_snapshot(data, office=office.code, position=seq, digest=office_digest)
    except AdmindukError as exc:
        raise StoreCorrupt(
            f"the snapshot at position {seq} cannot be read: {exc}", position=seq
        ) from None
    if read is None:
        return  # another release's shape: never read, so nothing to hold against the log
    registry, applications = read
    if registry != office.registry or {a.id: a for a in applications} != dict(office.applications):
        raise StoreCorrupt(
            f"the snapshot at position {seq} is not the office the log gives there",
            position=seq,
        )


def _compare_rows(
    table: str, found: list[tuple[Any, ...]], expected: list[tuple[Any, ...]], *, seq_column: int
) -> None:
    """The index table holds exactly the expected rows; else the position of the first wrong."""
    for have, want in zip(found, expected, strict=False):
        if tuple(have) != tuple(want):
            position = min(_seq(have, seq_column), want[seq_column])
            raise StoreCorrupt(
                f"the {table} index differs from the log at position {position}",
                position=position,
            )
    if len(found) != len(expected):
        extra = found[len(expected) :] or expected[len(found) :]
        position = _seq(extra[0], seq_column)
        raise StoreCorrupt(
            f"the {table} index holds {len(found)} rows; the log gives {len(expected)}",
            position=position,
        )


def _seq(row: tuple[Any, ...], column: int) -> int:
    value = row[column]
    return value if type(value) is int else 0


def _check_written_head(store: Attachments, head: HeadDigest, last: int) -> None:
    if head.position > last:
        raise StoreCorrupt(
            f"the log ends at {last}, before the head written down ({head.position}): it was "
            "cut or restored from an older copy",
            position=last + 1,
        )
    if store._digest_at(head.position) != head.digest:
        raise StoreCorrupt(
            f"log row {head.position} is not the row written down: the log was rewritten",
            position=head.position,
        )
