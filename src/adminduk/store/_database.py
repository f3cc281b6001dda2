"""The database under a store: what a backend supplies, and the log and meta read back checked.

:class:`Database` is the floor every part of a :class:`~adminduk.store.Store` stands on: the
backend's connection primitives (abstract here; :mod:`~adminduk.store.sqlite` and
:mod:`~adminduk.store.postgres` supply them) and the reads of the store's own tables that every
other part needs: the meta table, the log's rows (types, gaps and the chain checked), its last
position and the latest snapshot row. Nothing here knows an office.
"""

from __future__ import annotations

import abc
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from adminduk.errors import InvalidComponent, InvalidFormat, StoreCorrupt, StoreError
from adminduk.store._keys import require_key
from adminduk.store._log import GENESIS, HeadDigest, Row, chain, checked_row

__all__ = ["Database"]

#: Rows read at a time (memory stays bounded on a long log).
_PAGE = 2_000


class Database(abc.ABC):
    """A store's database: a backend's primitives and its tables read back, checked.

    ``key`` (bytes, at least 16) chains the log under HMAC-SHA256; ``read_only`` refuses every
    write before anything changes.
    """

    #: The SQL type of a snapshot's bytes, and the placeholder for a parameter.
    blob_type = "BLOB"
    mark = "?"

    def __init__(self, *, key: bytes | None = None, read_only: bool = False) -> None:
        self._lock = threading.RLock()
        self._key = require_key(key)
        self.read_only = read_only
        self.closed = False
        self.seq = 0  # the last position this process has read or written
        self.digest = GENESIS

    # --- what a backend supplies ---------------------------------------------------------

    @abc.abstractmethod
    def _begin(self) -> None:
        """Start a transaction holding the store's write lock."""

    @abc.abstractmethod
    def _begin_read(self) -> None:
        """Start a transaction that reads one consistent state (no lock on writers)."""

    @abc.abstractmethod
    def _commit(self) -> None:
        """Make the transaction durable."""

    @abc.abstractmethod
    def _rollback(self) -> None:
        """Undo the transaction."""

    @abc.abstractmethod
    def _execute(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement; return its rows (none for a write)."""

    @abc.abstractmethod
    def _table_names(self) -> set[str]:
        """The names of the tables in the database (the store's own and any others)."""

    @abc.abstractmethod
    def _close(self) -> None:
        """Close the connection."""

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each of ``rows`` (a backend may batch them)."""
        for row in rows:
            self._execute(sql, row)

    def _fetch_blob(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows holding bytes (a backend may read them in binary form)."""
        return self._execute(sql, parameters)

    def _prepare(self) -> None:  # noqa: B027 - a backend may set nothing up
        """Set the connection up, once the database is known to be an office store."""

    def _refuse_new(self) -> None:  # noqa: B027 - a backend may refuse nothing
        """Refuse to create a store here (a backend may: an existing empty file, say)."""

    # --- set-up ------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the store; its office's later operations are refused (``StoreError``)."""
        with self._lock:
            if not self.closed:
                self.closed = True
                self._close()

    def _sql(self, sql: str) -> str:
        """``sql`` with the backend's placeholder for each ``?``."""
        return sql.replace("?", self.mark)

    def _usable(self, *, write: bool) -> None:
        if self.closed:
            raise StoreError("the store is closed")
        if write and self.read_only:
            raise StoreError("the store was opened read-only: nothing is written")

    def _transaction_of(self, work: Callable[[], object]) -> None:
        self._begin()
        try:
            work()
            self._commit()
        except BaseException:
            self._rollback()
            raise

    def _meta(self) -> dict[str, str]:
        rows = self._execute("SELECT key, value FROM meta")
        if not all(type(key) is str and type(value) is str for key, value in rows):
            raise StoreCorrupt("the store's meta table holds values of the wrong type")
        return dict(rows)

    def meta(self) -> dict[str, str]:
        """The store's office code, area, name, layout, head and key check."""
        with self._lock:
            self._usable(write=False)
            return self._meta()

    # --- the log -------------------------------------------------------------------------

    def rows(self, after: int = 0) -> Iterator[Row]:
        """The log's rows after position ``after``, in order, checked: types, no gap, the chain."""
        if type(after) is not int:
            raise InvalidFormat(f"after is a position (an int), not {type(after).__name__}")
        if after < 0:
            raise InvalidComponent(f"after is a position from 0, not {after}")
        self._usable(write=False)
        previous = self.digest if after == self.seq else self._digest_at(after)
        expected = after + 1
        while True:
            page = self._page(expected)
            for values in page:
                row = checked_row(values, expected)
                if chain(
                    previous, row.seq, row.kind, row.application, row.body, key=self._key
                ) != (row.digest):
                    raise StoreCorrupt(
                        f"log row {row.seq} was changed after it was written", position=row.seq
                    )
                yield row
                previous, expected = row.digest, expected + 1
            if len(page) < _PAGE:
                return

    def _page(self, start: int) -> list[tuple[Any, ...]]:
        """Up to a page of log rows from position ``start``; damage names its first bad row."""
        query = self._sql(
            "SELECT seq, kind, application, body, digest FROM log WHERE seq >= ? "
            f"ORDER BY seq LIMIT {_PAGE}"
        )
        try:
            return self._execute(query, (start,))
        except StoreCorrupt as exc:
            if exc.position is not None:
                raise
            raise StoreCorrupt(str(exc), position=self._first_unreadable(start) or start) from None

    def _digest_at(self, seq: int) -> str:
        if seq == 0:
            return GENESIS
        found = self._execute(self._sql("SELECT digest FROM log WHERE seq = ?"), (seq,))
        if not found:
            if seq > self._last()[0]:
                raise InvalidComponent(f"position {seq} is past the end of the log")
            raise StoreCorrupt(f"log row {seq} is missing", position=seq)
        digest = found[0][0]
        if type(digest) is not str:
            raise StoreCorrupt(f"log row {seq} has a digest of the wrong type", position=seq)
        return digest

    def _last(self) -> tuple[int, str]:
        """The log's last position and digest, as the rows say (checked for type)."""
        found = self._execute("SELECT seq, digest FROM log ORDER BY seq DESC LIMIT 1")
        if not found:
            return 0, GENESIS
        seq, digest = found[0]
        if type(seq) is not int or type(digest) is not str:
            raise StoreCorrupt("the log's last row holds values of the wrong type")
        return seq, digest

    def head(self) -> int:
        """The last position in the log (0 for an empty one)."""
        with self._lock:
            self._usable(write=False)
            return self._last()[0]

    def rows_digest(self, position: int) -> str:
        """The digest of log row ``position`` (``StoreCorrupt`` if the row is missing)."""
        if type(position) is not int or position < 0:
            raise InvalidFormat("a position is a whole number from 0")
        with self._lock:
            self._usable(write=False)
            return self._digest_at(position)

    def head_digest(self) -> HeadDigest:
        """The log's last position and digest: write it down elsewhere to detect a rollback."""
        with self._lock:
            self._usable(write=False)
            return HeadDigest(*self._last())

    def _latest_snapshot(self) -> tuple[int, str, str, bytes] | None:
        found = self._fetch_blob(
            "SELECT seq, digest, checksum, state FROM snapshots ORDER BY seq DESC LIMIT 1"
        )
        if not found:
            return None
        seq, digest, checksum, state = found[0]
        if type(seq) is not int:
            raise StoreCorrupt("the snapshot's position is not a number")
        if type(digest) is not str or type(checksum) is not str:
            raise StoreCorrupt(f"the snapshot at position {seq} is damaged", position=seq)
        if not isinstance(state, bytes | bytearray | memoryview):
            raise StoreCorrupt(
                f"the snapshot at position {seq} holds {type(state).__name__}, not bytes",
                position=seq,
            )
        return seq, digest, checksum, bytes(state)

    def _first_unreadable(self, start: int) -> int | None:
        """The first log row from ``start`` that cannot be read (a damaged file), if any."""
        query = self._sql("SELECT seq, kind, application, body, digest FROM log WHERE seq = ?")
        position = start
        try:
            while self._execute(query, (position,)):
                position += 1
        except StoreCorrupt:
            return position
        except StoreError:  # pragma: no cover - the connection itself is gone
            return None
        return None
