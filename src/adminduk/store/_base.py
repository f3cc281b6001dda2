"""What every store does, whatever database holds it: the log, snapshots, indexes, opening.

A backend (:mod:`~adminduk.store.sqlite`, :mod:`~adminduk.store.postgres`) supplies a
connection, its SQL placeholders, its write lock and the names of its tables; everything else
is here, so both keep the same contract (one test suite runs over both). Nothing read from the
database is trusted: every column's type, the chain, the recorded head, the indexes and the
snapshot are checked, and any damage is a :class:`~adminduk.errors.StoreCorrupt` naming the
first bad position.
"""

from __future__ import annotations

import abc
import contextlib
import hmac
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from adminduk.errors import (
    AdmindukError,
    InvalidComponent,
    InvalidFormat,
    StoreConflict,
    StoreCorrupt,
    StoreError,
)
from adminduk.register import Registry
from adminduk.store._attachments import Attachments, files_named
from adminduk.store._indexes import application_row, index_people
from adminduk.store._layout import SCHEMA, DuplicateKey, open_layout, require_key
from adminduk.store._log import (
    GENESIS,
    HeadDigest,
    Row,
    chain,
    checked_row,
    decode,
    encode,
    seal,
)
from adminduk.store._questions import Questions
from adminduk.store._snapshot import read_snapshot, write_snapshot
from adminduk.store._verify import check_applications, check_head, verify_store
from adminduk.workflows import Change, Office
from adminduk.workflows.changes import Append

__all__ = ["SCHEMA", "DuplicateKey", "Store"]

#: Rows read at a time (memory stays bounded on a long log).
_PAGE = 2_000


class Store(Questions, Attachments, abc.ABC):
    """An office's state as one ordered, append-only log, with snapshots and indexes.

    Open one with :func:`adminduk.store.open_office` (or a backend's constructor); it is the
    :class:`~adminduk.workflows.Recorder` of the office it returns. ``key`` (bytes, at least 16)
    chains the log and seals snapshots with HMAC-SHA256 under it; ``read_only`` refuses every
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
        self._office: Office | None = None
        self._pending: tuple[int, str] | None = None

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

    def _prepare(self) -> None:
        """Set the connection up, once the database is known to be an office store."""

    def _refuse_new(self) -> None:
        """Refuse to create a store here (a backend may: an existing empty file, say)."""

    # --- set-up ------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the store; its office's later operations are refused (``StoreError``)."""
        with self._lock:
            if not self.closed:
                self.closed = True
                self._close()

    def _usable(self, *, write: bool) -> None:
        if self.closed:
            raise StoreError("the store is closed")
        if write and self.read_only:
            raise StoreError("the store was opened read-only: nothing is written")

    def _create(self, code: str, area: str | None, name: str) -> None:
        """Open the store of office ``code``, making its tables if the database has none.

        A database holding tables of the store's names without adminduk's ``meta``, or a
        ``meta`` of another layout or office, is refused without writing anything.
        """
        self._usable(write=False)
        open_layout(self, code, area, name)

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

    def append(self, changes: Sequence[Change], *, expected: int) -> int:
        """Append ``changes`` after position ``expected``, inside an open transaction.

        :class:`~adminduk.errors.StoreConflict` if the log has moved past ``expected`` (another
        writer won): nothing is appended. Returns the new last position.
        """
        self._usable(write=True)
        if self.head_in_transaction() != expected:
            raise StoreConflict(
                f"the log is past position {expected}: another writer appended first"
            )
        missing = self.missing_files(files_named(changes))
        if missing:
            raise StoreError(
                f"a form names {len(missing)} file(s) the store does not hold (first "
                f"{missing[0][:12]}...): put each with put_attachment before filing"
            )
        seq, digest = expected, self.digest if expected == self.seq else self._digest_at(expected)
        rows: list[tuple[int, str, str | None, str, str]] = []
        people: list[tuple[str, int, str | None]] = []
        indexed: dict[str, tuple[Any, ...]] = {}
        office = self._office
        for change in changes:
            kind, application, body = encode(change)
            seq += 1
            digest = chain(digest, seq, kind, application, body, key=self._key)
            rows.append((seq, kind, application, body, digest))
            people.extend(index_people(office, change, seq))
            found = application_row(office, change, seq)
            if found is not None:
                indexed[found[0]] = found
        try:
            self._execute_many(
                self._sql(
                    "INSERT INTO log (seq, kind, application, body, digest) VALUES (?, ?, ?, ?, ?)"
                ),
                rows,
            )
        except DuplicateKey:
            raise StoreConflict(
                f"a position after {expected} was taken by another writer"
            ) from None
        try:
            self._execute_many(
                self._sql("INSERT INTO people (nik, seq, application) VALUES (?, ?, ?)"), people
            )
        except DuplicateKey:
            raise StoreCorrupt(
                f"the people index already holds rows after position {expected}, which the log "
                "does not have",
                position=expected + 1,
            ) from None
        for found in indexed.values():
            self._write_application(found)
        self._execute(
            self._sql("UPDATE meta SET value = ? WHERE key = 'head'"), (f"{seq}:{digest}",)
        )
        self._pending = (seq, digest)
        return seq

    def _write_application(self, row: tuple[Any, ...]) -> None:
        self._execute(self._sql("DELETE FROM applications WHERE id = ?"), (row[0],))
        self._execute(
            self._sql(
                "INSERT INTO applications (id, document, status, channel, district, due, seq) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)"
            ),
            row,
        )

    def head_in_transaction(self) -> int:
        """The last position, read inside the caller's transaction."""
        return self._last()[0]

    # --- snapshots -----------------------------------------------------------------------

    def snapshot(self, office: Office) -> int:
        """Write the office's state at the current position (atomically); return the position."""
        with self._lock, office.lock:
            self._usable(write=True)
            data = write_snapshot(office, self.seq, self.digest)
            checksum = seal(data, self._key)
            self._begin()
            try:
                self._execute(self._sql("DELETE FROM snapshots WHERE seq = ?"), (self.seq,))
                self._execute(
                    self._sql(
                        "INSERT INTO snapshots (seq, digest, checksum, state) VALUES (?, ?, ?, ?)"
                    ),
                    (self.seq, self.digest, checksum, data),
                )
                self._execute(self._sql("DELETE FROM snapshots WHERE seq < ?"), (self.seq,))
                self._commit()
            except BaseException:
                self._rollback()
                raise
            return self.seq

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

    def _read_snapshot(self, office: Office) -> tuple[int, str] | None:
        """The snapshot's state restored into ``office``: its position and digest, or ``None``."""
        found = self._latest_snapshot()
        if found is None:
            return None
        seq, digest, checksum, data = found
        if not hmac.compare_digest(seal(data, self._key), checksum):
            raise StoreCorrupt(f"the snapshot at position {seq} is torn or edited", position=seq)
        if seq > self._last()[0] or self._digest_at(seq) != digest:
            raise StoreCorrupt(
                f"the snapshot at position {seq} does not match the log", position=seq
            )
        try:
            read = read_snapshot(
                data, office=office.code, position=seq, digest=digest, sealed=self._key is not None
            )
        except AdmindukError as exc:
            raise StoreCorrupt(
                f"the snapshot at position {seq} cannot be read: {exc}", position=seq
            ) from None
        if read is None:
            return None  # another release's shape: the log rebuilds the office
        office.restore(*read)
        return seq, digest

    # --- opening and writing through an office -------------------------------------------

    def load(self, office: Office, *, use_snapshot: bool = True) -> None:
        """Bring ``office`` to the store's state: its snapshot (if any), then the log after it.

        The log's end must be where the store recorded its last write, no index may hold rows
        past it, and the applications index must agree with the applications.
        """
        with self._lock, office.lock, self._reading():
            check_head(self)
            self.seq, self.digest = 0, GENESIS
            found = self._read_snapshot(office) if use_snapshot else None
            if found is None:
                office.restore(Registry(area=office.registry.area), ())
            else:
                self.seq, self.digest = found
            self._office = office
            self._read_into(office)
            check_applications(self, office)

    @contextlib.contextmanager
    def _reading(self) -> Iterator[None]:
        """One consistent state of the database for the reads inside (other writers go on)."""
        self._usable(write=False)
        self._begin_read()
        try:
            yield
        except StoreCorrupt as exc:
            if exc.position is not None:
                raise
            raise StoreCorrupt(str(exc), position=self._first_unreadable(1)) from None
        finally:
            self._rollback()

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

    def _read_into(self, office: Office) -> None:
        for row in self.rows(self.seq):
            change = decode(row)
            try:
                office.catch_up((change,))
            except AdmindukError as exc:
                raise StoreCorrupt(
                    f"log row {row.seq} does not apply: {exc}", position=row.seq
                ) from None
            self.seq, self.digest = row.seq, row.digest

    @contextlib.contextmanager
    def transaction(self, office: Office) -> Iterator[Append]:
        """The :class:`~adminduk.workflows.Recorder` side: lock, catch up, append, commit."""
        with self._lock:
            self._usable(write=True)
            self._office = office
            self._begin()
            appended = False
            try:
                if self.head_in_transaction() != self.seq:
                    self._read_into(office)  # what other writers appended, first

                def append(changes: Sequence[Change]) -> None:
                    nonlocal appended
                    appended = True
                    self.append(changes, expected=self.seq)

                yield append
                self._commit()
            except BaseException:
                self._pending = None
                self._rollback()
                if appended:  # the office is ahead of what is durable: read it back, in place
                    self.load(office)
                raise
            if self._pending is not None:
                self.seq, self.digest = self._pending
                self._pending = None

    def import_changes(self, changes: Iterable[Change], *, batch: int = 10_000) -> int:
        """Append many changes in batched transactions (an import); return the new position."""
        office = self._office
        pending = list(changes)
        with self._lock:
            self._usable(write=True)
            for start in range(0, len(pending), batch):
                self._begin()
                try:
                    self.append(pending[start : start + batch], expected=self.seq)
                    self._commit()
                except BaseException:
                    self._pending = None
                    self._rollback()
                    raise
                assert self._pending is not None
                self.seq, self.digest = self._pending
                self._pending = None
            if office is not None:
                office.attach(self)
            return self.seq

    def verify(self, *, head: HeadDigest | None = None) -> int:
        """Check everything the store holds against its log; return the log's last position.

        The whole chain from row 1 (every column's type), the recorded head, every row applied
        to a fresh office (each action allowed by its workflow, each event by the register's
        rules), the snapshot equal to that office at its position, and both indexes equal to
        what the log says, and every attached file kept equal to its digest. ``head`` (a
        :class:`HeadDigest` written down earlier) must still be
        in the log. The first damage found raises :class:`~adminduk.errors.StoreCorrupt`.
        """
        with self._lock, self._reading():
            return verify_store(self, head)
