"""A durable office: one append-only log in SQLite or PostgreSQL, many clerks at once.

The office's state is one ordered log of everything that changes it: register events and
application actions in one sequence (an action carries the register changes it applied), so
the register and the applications are never torn apart. :func:`open_office` opens (or creates)
an office on a store and returns an :class:`~adminduk.workflows.Office` that writes every
operation through it: each returns only once it is committed, and a register change and the
action that caused it are one transaction.

- Embedded: ``open_office("office.db", code="18.08")`` (SQLite, standard library).
- Server: ``open_office("postgresql://...", code="18.08")`` (the ``adminduk[postgres]`` extra).

The store trusts nothing it reads. Rows are numbered with no gaps and chained by SHA-256 (an
HMAC under the office ``key``, when given), the store records where its last write ended, and
snapshots (:meth:`Store.snapshot`) are data bound to their position: a log that was truncated,
reordered or edited, a damaged file, stale index rows or a snapshot moved elsewhere are refused
(:class:`~adminduk.errors.StoreCorrupt`, with the position). :meth:`Store.verify` checks
everything against the log; :meth:`Store.head_digest` is what to write down to detect a
rollback. docs/store.md has the threat model.

>>> import pathlib, tempfile, datetime
>>> from adminduk.samples import family_event
>>> path = pathlib.Path(tempfile.mkdtemp()) / "office.db"
>>> with open_office(path, code="18.08") as office:
...     _ = office.apply(family_event())
>>> with open_office(path, code="18.08", read_only=True) as again:
...     len(again.registry), again.recorder.head()
(3, 1)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

from adminduk.errors import StoreConflict, StoreCorrupt, StoreError
from adminduk.register import Registry
from adminduk.store._base import SCHEMA, Store
from adminduk.store._files import OFFICE_SCHEMA, export_office, import_office, write_atomically
from adminduk.store._keys import KEY_BYTES, read_key, write_key
from adminduk.store._log import HeadDigest
from adminduk.store._snapshot import SNAPSHOT_SCHEMA, SNAPSHOT_VERSION
from adminduk.store.sqlite import LOCK_TIMEOUT, SQLiteStore
from adminduk.workflows import Change, Office

__all__ = [
    "KEY_BYTES",
    "LOCK_TIMEOUT",
    "OFFICE_SCHEMA",
    "SCHEMA",
    "SNAPSHOT_SCHEMA",
    "SNAPSHOT_VERSION",
    "HeadDigest",
    "SQLiteStore",
    "Store",
    "export_office",
    "import_office",
    "open_office",
    "open_store",
    "read_key",
    "retry",
    "write_atomically",
    "write_key",
]


def open_store(
    target: str | os.PathLike[str],
    *,
    key: bytes | None = None,
    read_only: bool = False,
    lock_timeout: float = LOCK_TIMEOUT,
) -> Store:
    """The store ``target`` names: a PostgreSQL URL (``postgresql://``) or a SQLite file path."""
    text = os.fspath(target)
    if text.startswith(("postgresql://", "postgres://")) or (" " in text and "=" in text):
        from adminduk.store.postgres import PostgresStore  # noqa: PLC0415 - optional extra

        return PostgresStore(text, key=key, read_only=read_only, lock_timeout=lock_timeout)
    return SQLiteStore(text, key=key, read_only=read_only, lock_timeout=lock_timeout)


def open_office(
    target: str | os.PathLike[str] | Store,
    *,
    code: str,
    registry: Registry | None = None,
    name: str = "",
    use_snapshot: bool = True,
    key: bytes | None = None,
    read_only: bool = False,
    lock_timeout: float = LOCK_TIMEOUT,
    head: HeadDigest | None = None,
    **options: Any,
) -> Office:
    """Open (or create) office ``code`` on the store ``target`` and return it, recording.

    ``registry`` imports an existing register into a new, empty store (its journal becomes the
    log's first rows, in batched transactions). ``use_snapshot=False`` rebuilds from the log
    alone. ``key`` is the office key (bytes; ``adminduk store key FILE`` makes one): a new store is
    sealed with it, an existing one must have been. ``read_only`` refuses every write;
    ``lock_timeout`` bounds a writer's wait for another (seconds). ``head``, a
    :class:`HeadDigest` written down earlier, must still be in the log (a rollback to an older
    copy is refused). ``options`` go to :class:`~adminduk.workflows.Office` (staff, service
    levels, workflows, numbering). The store is ``office.recorder``; ``office.close()``, or a
    ``with`` block, closes it. A refused open leaves nothing open and nothing written.
    """
    store = (
        target
        if isinstance(target, Store)
        else open_store(target, key=key, read_only=read_only, lock_timeout=lock_timeout)
    )
    area = code if registry is None else registry.area
    try:
        store._create(code, area, name)
        office = Office(code, Registry(area=area), name=name, **options)
        store.load(office, use_snapshot=use_snapshot)
        if head is not None:
            _check_written_head(store, head)
        if registry is not None:
            if store.head():
                raise StoreError("the store already holds an office: import into an empty one")
            store.import_changes([Change.of_event(event) for event in registry.journal])
            office.restore(Registry.replay(registry.journal, area=registry.area), ())
        office.attach(store)
    except BaseException:
        store.close()
        raise
    return office


def _check_written_head(store: Store, head: HeadDigest) -> None:
    """The log still holds ``head`` (a cheap check at opening; ``verify(head=)`` is the full)."""
    if not isinstance(head, HeadDigest):
        raise StoreError(f"head is a HeadDigest, not {type(head).__name__}")
    last = store.head_digest()
    if head.position > last.position:
        raise StoreCorrupt(
            f"the log ends at {last.position}, before the head written down ({head.position}):"
            " it was cut or restored from an older copy",
            position=last.position + 1,
        )
    if store.rows_digest(head.position) != head.digest:
        raise StoreCorrupt(
            f"log row {head.position} is not the row written down: the log was rewritten",
            position=head.position,
        )


_R = TypeVar("_R")


def retry(operation: Callable[[], _R], *, attempts: int = 5) -> _R:
    """Run ``operation`` (a whole action), again on fresh state if another writer won the race.

    An office's operations already catch up with the store under its write lock, so a conflict
    only comes from writers that append without it; the store has then re-read the office, and
    the operation runs again from the start. Other errors, and the last conflict, propagate.

    >>> calls = []
    >>> retry(lambda: calls.append(1) or len(calls))
    1
    """
    for attempt in range(attempts):
        try:
            return operation()
        except StoreConflict:
            if attempt == attempts - 1:
                raise
    raise StoreConflict("no attempt was made")  # pragma: no cover - attempts >= 1
