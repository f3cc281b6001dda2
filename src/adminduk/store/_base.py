"""What every store does, whatever database holds it: the log, snapshots, indexes, opening.

A backend (:mod:`~adminduk.store.sqlite`, :mod:`~adminduk.store.postgres`) supplies a
connection, its SQL placeholders, its write lock and the names of its tables; everything else
is here, so both keep the same contract (one test suite runs over both). Nothing read from the
database is trusted: every column's type, the chain, the recorded head, the indexes and the
snapshot are checked, and any damage is a :class:`~adminduk.errors.StoreCorrupt` naming the
first bad position.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from adminduk.errors import (
    AdmindukError,
    StoreConflict,
    StoreCorrupt,
    StoreError,
)
from adminduk.register import Registry
from adminduk.store._attachments import Attachments, files_named
from adminduk.store._indexes import application_row, index_people
from adminduk.store._layout import SCHEMA, DuplicateKey, open_layout
from adminduk.store._log import (
    GENESIS,
    HeadDigest,
    chain,
    decode,
    encode,
    seal,
    sealed,
)
from adminduk.store._questions import Questions
from adminduk.store._snapshot import read_snapshot, write_snapshot
from adminduk.store._verify import check_applications, check_head, verify_store
from adminduk.workflows import Change, Office
from adminduk.workflows.changes import Append

__all__ = ["SCHEMA", "DuplicateKey", "Store"]

#: Rows read at a time (memory stays bounded on a long log).
_PAGE = 2_000


class Store(Questions, Attachments):
    """An office's state as one ordered, append-only log, with snapshots and indexes.

    Open one with :func:`adminduk.store.open_office` (or a backend's constructor); it is the
    :class:`~adminduk.workflows.Recorder` of the office it returns. ``key`` (bytes, at least 16)
    chains the log and seals snapshots with HMAC-SHA256 under it; ``read_only`` refuses every
    write before anything changes.
    """

    def __init__(self, *, key: bytes | None = None, read_only: bool = False) -> None:
        super().__init__(key=key, read_only=read_only)
        self._office: Office | None = None
        self._pending: tuple[int, str] | None = None

    def _create(self, code: str, area: str | None, name: str) -> None:
        """Open the store of office ``code``, making its tables if the database has none.

        A database holding tables of the store's names without adminduk's ``meta``, or a
        ``meta`` of another layout or office, is refused without writing anything.
        """
        self._usable(write=False)
        open_layout(self, code, area, name)

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
        return self._append_after(changes, expected)

    def _append_after(self, changes: Sequence[Change], expected: int) -> int:
        """:meth:`append` once the head is known to be ``expected`` in this transaction.

        A writer that slipped in anyway holds the position first: ``StoreConflict``.
        """
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

    def _read_snapshot(self, office: Office) -> tuple[int, str] | None:
        """The snapshot's state restored into ``office``: its position and digest, or ``None``."""
        found = self._latest_snapshot()
        if found is None:
            return None
        seq, digest, checksum, data = found
        if not sealed(data, self._key, checksum):
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
                    if appended:  # one append a transaction: the head was read once, above
                        raise StoreError("a transaction appends once")
                    appended = True
                    self._append_after(changes, self.seq)

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
