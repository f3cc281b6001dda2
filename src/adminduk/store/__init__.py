"""A durable office: one append-only log in SQLite or PostgreSQL, many clerks at once.

The office's state is one ordered log of everything that changes it: register events and
application actions in one sequence (an action carries the register changes it applied), so
the register and the applications are never torn apart. :func:`open_office` opens (or creates)
an office on a store and returns an :class:`~adminduk.workflows.Office` that writes every
operation through it: each returns only once it is committed, and a register change and the
action that caused it are one transaction.

- Embedded: ``open_office("office.db", code="18.08")`` (SQLite, standard library).
- Server: ``open_office("postgresql://...", code="18.08")`` (the ``adminduk[postgres]`` extra).

Rows are numbered with no gaps and chained by SHA-256, so a log that was truncated, reordered
or edited is refused (:class:`~adminduk.errors.StoreCorrupt`, with the position). Snapshots
(:meth:`Store.snapshot`) only make opening fast: the log alone rebuilds the same office.

>>> import pathlib, tempfile, datetime
>>> from adminduk.samples import family_event
>>> path = pathlib.Path(tempfile.mkdtemp()) / "office.db"
>>> office = open_office(path, code="18.08")
>>> _ = office.apply(family_event())
>>> office.recorder.close()
>>> again = open_office(path, code="18.08")
>>> len(again.registry), again.recorder.head()
(3, 1)
>>> again.recorder.close()
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any, TypeVar

from adminduk.errors import StoreConflict, StoreError
from adminduk.register import Registry
from adminduk.store._base import SCHEMA, Store
from adminduk.store._files import OFFICE_SCHEMA, export_office, import_office, write_atomically
from adminduk.store.sqlite import SQLiteStore
from adminduk.workflows import Change, Office

__all__ = [
    "OFFICE_SCHEMA",
    "SCHEMA",
    "SQLiteStore",
    "Store",
    "export_office",
    "import_office",
    "open_office",
    "open_store",
    "retry",
    "write_atomically",
]


def open_store(target: str | os.PathLike[str]) -> Store:
    """The store ``target`` names: a PostgreSQL URL (``postgresql://``) or a SQLite file path."""
    text = os.fspath(target)
    if text.startswith(("postgresql://", "postgres://")) or (" " in text and "=" in text):
        from adminduk.store.postgres import PostgresStore  # noqa: PLC0415 - optional extra

        return PostgresStore(text)
    return SQLiteStore(text)


def open_office(
    target: str | os.PathLike[str] | Store,
    *,
    code: str,
    registry: Registry | None = None,
    name: str = "",
    use_snapshot: bool = True,
    **options: Any,
) -> Office:
    """Open (or create) office ``code`` on the store ``target`` and return it, recording.

    ``registry`` imports an existing register into a new, empty store (its journal becomes the
    log's first rows, in batched transactions). ``use_snapshot=False`` rebuilds from the log
    alone. ``options`` go to :class:`~adminduk.workflows.Office` (staff, service levels,
    workflows, numbering). The store is ``office.recorder``: snapshot and close it there.
    """
    store = target if isinstance(target, Store) else open_store(target)
    area = code if registry is None else registry.area
    try:
        store._create(code, area, name)
        office = Office(code, Registry(area=area), name=name, **options)
        store.load(office, use_snapshot=use_snapshot)
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
