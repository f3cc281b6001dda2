"""The embedded store: one SQLite file (standard library ``sqlite3``, WAL, ``synchronous=FULL``).

Writers take SQLite's write lock (``BEGIN IMMEDIATE``) for each operation, so several processes
may share one file; every operation is one transaction and returns once it is on disk.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Sequence
from typing import Any

from adminduk.errors import StoreError
from adminduk.store._base import Store

__all__ = ["SQLiteStore"]


class SQLiteStore(Store):
    """A store in the SQLite file at ``path`` (created if missing)."""

    def __init__(self, path: str | os.PathLike[str], *, timeout: float = 60.0) -> None:
        super().__init__()
        self.path = os.fspath(path)
        try:
            self._connection = sqlite3.connect(
                self.path, isolation_level=None, check_same_thread=False, timeout=timeout
            )
            self._connection.execute("PRAGMA journal_mode=WAL")
            self._connection.execute("PRAGMA synchronous=FULL")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the SQLite store {self.path!r}: {exc}") from None

    def __repr__(self) -> str:
        return f"SQLiteStore({self.path!r}, at position {self.seq})"

    def _begin(self) -> None:
        self._run("BEGIN IMMEDIATE")

    def _commit(self) -> None:
        self._run("COMMIT")

    def _rollback(self) -> None:
        if self._connection.in_transaction:
            self._connection.execute("ROLLBACK")

    def _execute(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._run(sql, parameters)

    def _run(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._connection.execute(sql, tuple(parameters)).fetchall()
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite refused the store's request: {exc}") from None

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        try:
            self._connection.executemany(sql, [tuple(row) for row in rows])
        except sqlite3.IntegrityError:
            raise
        except sqlite3.Error as exc:
            raise StoreError(f"SQLite refused the store's request: {exc}") from None

    def close(self) -> None:
        """Close the file."""
        with self._lock:
            self._connection.close()
