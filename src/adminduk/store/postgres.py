"""The server store: PostgreSQL through psycopg 3 (the ``adminduk[postgres]`` extra).

Writers hold a transaction-scoped advisory lock for each operation, so many processes and
machines may write one office; every operation is one transaction and returns once committed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adminduk.errors import StoreError
from adminduk.store._base import Store

__all__ = ["PostgresStore"]

#: The advisory lock every writer of an office's store takes (one per database).
_WRITE_LOCK = 7_212_808


class PostgresStore(Store):
    """A store in the PostgreSQL database ``conninfo`` names (a URL or ``key=value`` string)."""

    blob_type = "BYTEA"
    mark = "%s"

    def __init__(self, conninfo: str) -> None:
        super().__init__()
        try:
            import psycopg  # noqa: PLC0415 - the optional extra
        except ImportError:  # pragma: no cover - the extra is installed in the test runs
            raise StoreError(
                "the PostgreSQL store needs psycopg: pip install 'adminduk[postgres]'"
            ) from None
        self._psycopg = psycopg
        try:
            self._connection = psycopg.connect(conninfo, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the PostgreSQL store: {exc}") from None
        self._transaction: Any = None

    def __repr__(self) -> str:
        return f"PostgresStore(at position {self.seq})"

    def _begin(self) -> None:
        self._connection.execute("BEGIN")
        self._connection.execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))

    def _commit(self) -> None:
        self._connection.execute("COMMIT")

    def _rollback(self) -> None:
        self._connection.execute("ROLLBACK")

    def _execute(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            cursor = self._connection.execute(sql, tuple(parameters))
            return list(cursor.fetchall()) if cursor.description is not None else []
        except self._psycopg.errors.UniqueViolation:
            raise
        except self._psycopg.Error as exc:
            raise StoreError(f"PostgreSQL refused the store's request: {exc}") from None

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            with self._connection.cursor() as cursor:
                cursor.executemany(sql, [tuple(row) for row in rows])
        except self._psycopg.errors.UniqueViolation:
            raise
        except self._psycopg.Error as exc:
            raise StoreError(f"PostgreSQL refused the store's request: {exc}") from None

    def _fetch_blob(self, sql: str) -> list[tuple[Any, ...]]:
        # Binary results: a snapshot's bytes arrive as they are, not as hex text to decode.
        try:
            with self._connection.cursor(binary=True) as cursor:
                cursor.execute(sql)
                return list(cursor.fetchall())
        except self._psycopg.Error as exc:
            raise StoreError(f"PostgreSQL refused the store's request: {exc}") from None

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._connection.close()
