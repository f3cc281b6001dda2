"""The embedded store: one SQLite file (standard library ``sqlite3``, WAL, ``synchronous=FULL``).

Writers take SQLite's write lock (``BEGIN IMMEDIATE``) for each operation, so several processes
may share one file; every operation is one transaction and returns once it is on disk. A writer
waits at most ``lock_timeout`` seconds for the lock (:class:`~adminduk.errors.StoreBusy` after
that). A damaged file is a :class:`~adminduk.errors.StoreCorrupt`; an existing file that holds
no office store (an empty file, another application's database) is refused untouched.
"""

from __future__ import annotations

import os
import pathlib
import sqlite3
from collections.abc import Sequence
from typing import Any

from adminduk.errors import StoreBusy, StoreCorrupt, StoreError
from adminduk.store._base import DuplicateKey, Store

__all__ = ["SQLiteStore"]

#: How long a writer waits for another's write lock, by default (seconds).
LOCK_TIMEOUT = 10.0


def _refusal(error: sqlite3.Error) -> StoreError:
    """The typed error for what SQLite refused."""
    text = str(error)
    if isinstance(error, sqlite3.IntegrityError):
        return DuplicateKey(f"SQLite refused a row: {text}")
    lowered = text.lower()
    if "malformed" in lowered or "not a database" in lowered or "corrupt" in lowered:
        return StoreCorrupt(f"the SQLite file is damaged ({text})")
    if "locked" in lowered or "busy" in lowered:
        return StoreBusy(f"the store is busy: another writer held its lock too long ({text})")
    if "readonly" in lowered or "read-only" in lowered:
        return StoreError(f"the SQLite file cannot be written ({text})")
    return StoreError(f"SQLite refused the store's request: {text}")


class SQLiteStore(Store):
    """A store in the SQLite file at ``path`` (created if it does not exist).

    ``lock_timeout`` bounds the wait for another writer (seconds); ``read_only`` opens the file
    without the right to write (``mode=ro``); ``key`` is the office key (see :class:`Store`).
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        lock_timeout: float = LOCK_TIMEOUT,
        key: bytes | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(key=key, read_only=read_only)
        self.path = os.fspath(path)
        if isinstance(lock_timeout, bool) or not isinstance(lock_timeout, int | float):
            raise StoreError("lock_timeout is a number of seconds")
        file = pathlib.Path(self.path)
        self._existed = file.exists()
        connection = None
        try:
            if read_only:
                uri = f"{file.resolve().as_uri()}?mode=ro"
                connection = sqlite3.connect(
                    uri,
                    uri=True,
                    isolation_level=None,
                    check_same_thread=False,
                    timeout=lock_timeout,
                )
            else:
                connection = sqlite3.connect(
                    self.path,
                    isolation_level=None,
                    check_same_thread=False,
                    timeout=lock_timeout,
                )
            connection.execute("PRAGMA synchronous=FULL")
        except (sqlite3.Error, UnicodeDecodeError) as exc:
            if connection is not None:
                connection.close()
            if isinstance(exc, UnicodeDecodeError):  # its schema's text is not UTF-8
                raise StoreCorrupt("the SQLite file holds text that is not UTF-8") from None
            raise _refusal(exc) from None
        self._connection = connection

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r}, at position {self.seq})"

    def _refuse_new(self) -> None:
        if self._existed:
            raise StoreError(
                f"{self.path!r} exists but holds no office store (an empty or foreign file): "
                "refused untouched; give a new path to start an office"
            )

    def _prepare(self) -> None:
        # Only once the file is known to be an office store (or a new one): WAL is written into
        # the file's header, and a foreign file is left as it was found.
        if not self.read_only:
            self._run("PRAGMA journal_mode=WAL")

    def _table_names(self) -> set[str]:
        rows = self._run("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {str(name) for (name,) in rows}

    def _begin(self) -> None:
        self._run("BEGIN IMMEDIATE")

    def _begin_read(self) -> None:
        self._run("BEGIN")  # deferred: the first read fixes what the transaction sees (WAL)

    def _commit(self) -> None:
        self._run("COMMIT")

    def _rollback(self) -> None:
        if self._connection.in_transaction:
            try:
                self._connection.execute("ROLLBACK")
            except sqlite3.Error as exc:  # pragma: no cover - a rollback SQLite refuses
                raise _refusal(exc) from None

    def _execute(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._run(sql, parameters)

    def _run(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._connection.execute(sql, tuple(parameters)).fetchall()
        except sqlite3.Error as exc:
            raise _refusal(exc) from None
        except UnicodeDecodeError:  # a text value whose bytes are not UTF-8: damaged
            raise StoreCorrupt("the SQLite file holds text that is not UTF-8") from None
        except UnicodeEncodeError:  # text with lone surrogates has no UTF-8 form
            raise StoreError("a value holds text that cannot be stored (not Unicode)") from None

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self._connection.executemany(sql, [tuple(row) for row in rows])
        except sqlite3.Error as exc:
            raise _refusal(exc) from None
        except UnicodeEncodeError:  # text with lone surrogates has no UTF-8 form
            raise StoreError("a value holds text that cannot be stored (not Unicode)") from None

    def _close(self) -> None:
        self._connection.close()
