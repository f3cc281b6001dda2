"""The server store: PostgreSQL through psycopg 3 (the ``adminduk[postgres]`` extra).

Writers hold a transaction-scoped advisory lock for each operation, so many processes and
machines may write one office; every operation is one transaction and returns once committed.
A writer waits at most ``lock_timeout`` seconds for the lock (PostgreSQL's ``lock_timeout``;
:class:`~adminduk.errors.StoreBusy` after that). A database holding tables of the store's names
that are not an adminduk store is refused untouched; other tables are left alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from adminduk.errors import StoreBusy, StoreCorrupt, StoreError
from adminduk.store._base import DuplicateKey, Store

__all__ = ["PostgresStore"]

#: The advisory lock every writer of an office's store takes (one per database).
_WRITE_LOCK = 7_212_808
#: How long a writer waits for another's write lock, by default (seconds).
LOCK_TIMEOUT = 10.0


class PostgresStore(Store):
    """A store in the PostgreSQL database ``conninfo`` names (a URL or ``key=value`` string).

    ``lock_timeout`` bounds the wait for another writer (seconds); ``read_only`` opens every
    transaction read-only; ``key`` is the office key (see :class:`Store`).
    """

    blob_type = "BYTEA"
    mark = "%s"

    def __init__(
        self,
        conninfo: str,
        *,
        lock_timeout: float = LOCK_TIMEOUT,
        key: bytes | None = None,
        read_only: bool = False,
    ) -> None:
        super().__init__(key=key, read_only=read_only)
        try:
            import psycopg  # noqa: PLC0415 - the optional extra
        except ImportError:  # pragma: no cover - the extra is installed in the test runs
            raise StoreError(
                "the PostgreSQL store needs psycopg: pip install 'adminduk[postgres]'"
            ) from None
        if isinstance(lock_timeout, bool) or not isinstance(lock_timeout, int | float):
            raise StoreError("lock_timeout is a number of seconds")
        self._psycopg = psycopg
        try:
            self._connection = psycopg.connect(conninfo, autocommit=True)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to the PostgreSQL store: {exc}") from None
        try:
            milliseconds = max(1, int(lock_timeout * 1000))
            self._connection.execute(f"SET lock_timeout = {milliseconds}")
            if read_only:
                self._connection.execute("SET default_transaction_read_only = on")
        except psycopg.Error as exc:
            self._connection.close()
            raise self._refusal(exc) from None

    def __repr__(self) -> str:
        return f"PostgresStore(at position {self.seq})"

    def _refusal(self, error: Exception) -> StoreError:
        if isinstance(error, UnicodeError):
            return StoreError("a value holds text that cannot be stored (not Unicode)")
        errors = self._psycopg.errors
        if isinstance(error, errors.UniqueViolation):
            return DuplicateKey(f"PostgreSQL refused a row: {error}")
        if isinstance(error, errors.LockNotAvailable | errors.QueryCanceled):
            return StoreBusy(f"the store is busy: another writer held its lock too long ({error})")
        if isinstance(error, errors.DataCorrupted | errors.IndexCorrupted):
            return StoreCorrupt(f"PostgreSQL reports damage: {error}")
        if isinstance(error, errors.ReadOnlySqlTransaction):
            return StoreError(f"the store was opened read-only ({error})")
        return StoreError(f"PostgreSQL refused the store's request: {error}")

    def _table_names(self) -> set[str]:
        rows = self._execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        )
        return {str(name) for (name,) in rows}

    def _begin(self) -> None:
        self._execute("BEGIN")
        self._execute("SELECT pg_advisory_xact_lock(%s)", (_WRITE_LOCK,))

    def _begin_read(self) -> None:
        self._execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def _commit(self) -> None:
        self._execute("COMMIT")

    def _rollback(self) -> None:
        try:
            self._connection.execute("ROLLBACK")
        except self._psycopg.Error as exc:  # pragma: no cover - a rollback PostgreSQL refuses
            raise self._refusal(exc) from None

    def _execute(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        try:
            cursor = self._connection.execute(sql, tuple(parameters))
            return list(cursor.fetchall()) if cursor.description is not None else []
        except (self._psycopg.Error, UnicodeError) as exc:
            raise self._refusal(exc) from None

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            with self._connection.cursor() as cursor:
                cursor.executemany(sql, [tuple(row) for row in rows])
        except (self._psycopg.Error, UnicodeError) as exc:
            raise self._refusal(exc) from None

    def _fetch_blob(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        # Binary results: a snapshot's bytes arrive as they are, not as hex text to decode.
        try:
            with self._connection.cursor(binary=True) as cursor:
                cursor.execute(sql, parameters)
                return list(cursor.fetchall())
        except self._psycopg.Error as exc:
            raise self._refusal(exc) from None

    def _close(self) -> None:
        self._connection.close()
