"""What every store does, whatever database holds it: the log, snapshots, indexes, opening.

A backend (:mod:`~adminduk.store.sqlite`, :mod:`~adminduk.store.postgres`) supplies a
connection, its SQL placeholders and its write lock; everything else is here, so both keep
the same contract (one test suite runs over both).
"""

from __future__ import annotations

import abc
import contextlib
import datetime
import hashlib
import io
import pickle
import threading
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import attrs

from adminduk._fields import positional_builder
from adminduk.applications import Application, Status
from adminduk.errors import AdmindukError, StoreConflict, StoreCorrupt, StoreError
from adminduk.register import Registry
from adminduk.store._log import GENESIS, Row, chain, decode, encode, people_of
from adminduk.workflows import Change, Office
from adminduk.workflows.changes import Append

__all__ = ["SCHEMA", "Store"]

#: The store layout this release writes (``meta.layout``).
SCHEMA = "adminduk-store/1"

_TABLES = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    (
        "CREATE TABLE IF NOT EXISTS log (seq BIGINT PRIMARY KEY, kind TEXT NOT NULL, "
        "application TEXT, body TEXT NOT NULL, digest TEXT NOT NULL)"
    ),
    (
        "CREATE TABLE IF NOT EXISTS snapshots (seq BIGINT PRIMARY KEY, digest TEXT NOT NULL, "
        "checksum TEXT NOT NULL, state {blob} NOT NULL)"
    ),
    (
        "CREATE TABLE IF NOT EXISTS applications (id TEXT PRIMARY KEY, document TEXT NOT NULL, "
        "status TEXT NOT NULL, channel TEXT NOT NULL, district TEXT, due TEXT, "
        "seq BIGINT NOT NULL)"
    ),
    "CREATE INDEX IF NOT EXISTS applications_status ON applications (status, district, channel)",
    (
        "CREATE TABLE IF NOT EXISTS people (nik TEXT NOT NULL, seq BIGINT NOT NULL, "
        "application TEXT, PRIMARY KEY (nik, seq))"
    ),
    "CREATE INDEX IF NOT EXISTS people_application ON people (application)",
)

#: Modules a snapshot may name: adminduk's own types and the standard values they hold.
_SNAPSHOT_MODULES = ("adminduk.", "datetime", "decimal", "collections")
_SNAPSHOT_BUILTINS = frozenset({"set", "frozenset", "tuple", "list", "dict", "object", "getattr"})


def rebuild(cls: type, *values: Any) -> Any:
    """Build an adminduk record from its field values (what a snapshot holds for it)."""
    return positional_builder(cls)(*values)


class _SnapshotPickler(pickle.Pickler):
    """Writes adminduk's attrs records as their field values, so reading them back is fast."""

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        names = _FAST.get(kind)
        if names is None:
            names = _FAST[kind] = _fast_fields(kind)
        if not names:
            return NotImplemented
        return rebuild, (kind, *(getattr(obj, name) for name in names))


_FAST: dict[type, tuple[str, ...]] = {}


def _fast_fields(kind: type) -> tuple[str, ...]:
    """The fields of an adminduk attrs class written as values (empty: pickle it as usual)."""
    if not (attrs.has(kind) and kind.__module__.startswith("adminduk.")):
        return ()
    return tuple(field.name for field in attrs.fields(kind))


class _SnapshotUnpickler(pickle.Unpickler):
    """Reads back a snapshot, refusing any class that is not adminduk's or a plain value."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _SNAPSHOT_BUILTINS:
            return super().find_class(module, name)
        if module == "copyreg" and name in ("_reconstructor", "__newobj__"):
            return super().find_class(module, name)
        if module.startswith(_SNAPSHOT_MODULES) or module == "adminduk":
            return super().find_class(module, name)
        raise StoreCorrupt(f"a snapshot names {module}.{name}, which no office holds")


class Store(abc.ABC):
    """An office's state as one ordered, append-only log, with snapshots and indexes.

    Open one with :func:`adminduk.store.open_office` (or a backend's ``open``); it is the
    :class:`~adminduk.workflows.Recorder` of the office it returns.
    """

    #: The SQL type of a snapshot's bytes, and the placeholder for a parameter.
    blob_type = "BLOB"
    mark = "?"

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self.seq = 0  # the last position this process has read or written
        self.digest = GENESIS

    # --- what a backend supplies ---------------------------------------------------------

    @abc.abstractmethod
    def _begin(self) -> None:
        """Start a transaction holding the store's write lock."""

    @abc.abstractmethod
    def _commit(self) -> None:
        """Make the transaction durable."""

    @abc.abstractmethod
    def _rollback(self) -> None:
        """Undo the transaction."""

    @abc.abstractmethod
    def _execute(self, sql: str, parameters: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Run one statement; return its rows (none for a write)."""

    def _execute_many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each of ``rows`` (a backend may batch them)."""
        for row in rows:
            self._execute(sql, row)

    def _fetch_blob(self, sql: str) -> list[tuple[Any, ...]]:
        """Rows holding bytes (a backend may read them in binary form)."""
        return self._execute(sql)

    @abc.abstractmethod
    def close(self) -> None:
        """Close the connection."""

    def _is_duplicate(self, error: Exception) -> bool:
        """Whether ``error`` is a unique-key violation (a row already at that position)."""
        return "unique" in str(error).lower() or "duplicate" in str(error).lower()

    # --- set-up ------------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql.replace("?", self.mark)

    def _create(self, code: str, area: str | None, name: str) -> None:
        self._begin()
        try:
            for statement in _TABLES:
                self._execute(statement.format(blob=self.blob_type))
            found = dict(self._execute("SELECT key, value FROM meta"))
            wanted = {"layout": SCHEMA, "office": code, "area": area or "", "name": name}
            if not found:
                for key, value in wanted.items():
                    self._execute(
                        self._sql("INSERT INTO meta (key, value) VALUES (?, ?)"), (key, value)
                    )
            elif found.get("layout") != SCHEMA:
                raise StoreError(f"the store's layout is {found.get('layout')!r}, not {SCHEMA}")
            elif found.get("office") != code:
                raise StoreError(f"the store holds office {found.get('office')}, not {code}")
            self._commit()
        except BaseException:
            self._rollback()
            raise

    def meta(self) -> dict[str, str]:
        """The store's office code, area, name and layout."""
        with self._lock:
            return dict(self._execute("SELECT key, value FROM meta"))

    # --- the log -------------------------------------------------------------------------

    def rows(self, after: int = 0) -> Iterator[Row]:
        """The log's rows after position ``after``, in order, checked: no gap, no broken chain."""
        previous = self.digest if after == self.seq else self._digest_at(after)
        rows = self._execute(
            self._sql(
                "SELECT seq, kind, application, body, digest FROM log WHERE seq > ? ORDER BY seq"
            ),
            (after,),
        )
        expected = after + 1
        for seq, kind, application, body, digest in rows:
            if seq != expected:
                raise StoreCorrupt(
                    f"the log jumps from position {expected - 1} to {seq}: rows are missing",
                    position=expected,
                )
            if chain(previous, seq, kind, application, body) != digest:
                raise StoreCorrupt(f"log row {seq} was changed after it was written", position=seq)
            yield Row(seq, kind, application, body, digest)
            previous, expected = digest, expected + 1

    def _digest_at(self, seq: int) -> str:
        if seq == 0:
            return GENESIS
        found = self._execute(self._sql("SELECT digest FROM log WHERE seq = ?"), (seq,))
        if not found:
            raise StoreCorrupt(f"log row {seq} is missing", position=seq)
        return str(found[0][0])

    def head(self) -> int:
        """The last position in the log (0 for an empty one)."""
        with self._lock:
            found = self._execute("SELECT MAX(seq) FROM log")
            return int(found[0][0] or 0)

    def append(self, changes: Sequence[Change], *, expected: int) -> int:
        """Append ``changes`` after position ``expected``, inside an open transaction.

        :class:`~adminduk.errors.StoreConflict` if the log has moved past ``expected`` (another
        writer won): nothing is appended. Returns the new last position.
        """
        if self.head_in_transaction() != expected:
            raise StoreConflict(
                f"the log is past position {expected}: another writer appended first"
            )
        seq, digest = expected, self.digest if expected == self.seq else self._digest_at(expected)
        rows: list[tuple[int, str, str | None, str, str]] = []
        people: list[tuple[str, int, str | None]] = []
        for change in changes:
            kind, application, body = encode(change)
            seq += 1
            digest = chain(digest, seq, kind, application, body)
            rows.append((seq, kind, application, body, digest))
            people.extend((nik, seq, change.application) for nik in self._index(seq, change))
        try:
            self._execute_many(
                self._sql(
                    "INSERT INTO log (seq, kind, application, body, digest) VALUES (?, ?, ?, ?, ?)"
                ),
                rows,
            )
        except Exception as exc:
            if self._is_duplicate(exc):
                raise StoreConflict(
                    f"a position after {expected} was taken by another writer"
                ) from None
            raise
        self._execute_many(
            self._sql("INSERT INTO people (nik, seq, application) VALUES (?, ?, ?)"), people
        )
        self._pending = (seq, digest)
        return seq

    def head_in_transaction(self) -> int:
        found = self._execute("SELECT MAX(seq) FROM log")
        return int(found[0][0] or 0)

    # --- indexes -------------------------------------------------------------------------

    def _index(self, seq: int, change: Change) -> list[str]:
        """Index an application's new state; return the NIKs the change concerns."""
        application = None
        if change.kind == "action" and change.action is not None and change.application:
            application = self._office_app(change)
        elif change.kind == "adopt" and change.adopted is not None:
            application = change.adopted
        people = set(people_of(change))
        if application is not None:
            self._index_application(application, seq)
            form = application.form
            people.update(n for n in (form.subject, form.partner, form.applicant) if n)
        return sorted(people)

    def _office_app(self, change: Change) -> Application | None:
        office = self._office
        return None if office is None else office.applications.get(change.application or "")

    def _index_application(self, application: Application, seq: int) -> None:
        office = self._office
        district = None
        if office is not None:
            with contextlib.suppress(AdmindukError):
                district = office.district_of(application)
        due = application.due
        self._execute(self._sql("DELETE FROM applications WHERE id = ?"), (application.id,))
        self._execute(
            self._sql(
                "INSERT INTO applications (id, document, status, channel, district, due, seq) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)"
            ),
            (
                application.id,
                application.form.document,
                application.status.value,
                application.form.channel.value,
                district,
                None if due is None else due.isoformat(),
                seq,
            ),
        )

    # --- questions -----------------------------------------------------------------------

    def applications_of(self, nik: str) -> list[str]:
        """The applications naming resident ``nik``, oldest first.

        Named as subject, partner, applicant or collector, or changed by a register change.
        """
        with self._lock:
            found = self._execute(
                self._sql(
                    "SELECT application, MIN(seq) FROM people WHERE nik = ? AND application "
                    "IS NOT NULL GROUP BY application ORDER BY MIN(seq)"
                ),
                (nik,),
            )
            return [str(application) for application, _ in found]

    def open_applications(
        self,
        *,
        status: Status | None = None,
        district: str | None = None,
        channel: str | None = None,
    ) -> list[str]:
        """Ids of the open applications, optionally of one status, district (code) or channel."""
        clauses = ["status NOT IN ('collected', 'rejected', 'cancelled')"]
        values: list[Any] = []
        for column, value in (
            ("status", status.value if status else None),
            ("district", district),
            ("channel", channel),
        ):
            if value is not None:
                clauses.append(f"{column} = {self.mark}")
                values.append(value)
        with self._lock:
            found = self._execute(
                f"SELECT id FROM applications WHERE {' AND '.join(clauses)} ORDER BY seq", values
            )
            return [str(row[0]) for row in found]

    def overdue(self, at: datetime.datetime) -> list[str]:
        """Ids of the applications the office still owes work on past their due date at ``at``."""
        with self._lock:
            found = self._execute(
                self._sql(
                    "SELECT id FROM applications WHERE status IN ('submitted', 'verified') "
                    "AND due IS NOT NULL AND due < ? ORDER BY due"
                ),
                (at.isoformat(),),
            )
            return [str(row[0]) for row in found]

    def history_of(self, nik: str) -> list[Change]:
        """Every change concerning resident ``nik``, in order (register events and actions)."""
        with self._lock:
            found = self._execute(
                self._sql(
                    "SELECT log.seq, kind, log.application, body, digest FROM log JOIN people "
                    "ON people.seq = log.seq WHERE people.nik = ? ORDER BY log.seq"
                ),
                (nik,),
            )
            return [decode(Row(*row)) for row in found]

    # --- snapshots -----------------------------------------------------------------------

    def snapshot(self, office: Office) -> int:
        """Write the office's state at the current position (atomically); return the position."""
        with self._lock, office.lock:
            buffer = io.BytesIO()
            state = (office.code, office.registry, list(office.applications.values()))
            _SnapshotPickler(buffer, protocol=5).dump(state)
            blob = buffer.getvalue()
            checksum = hashlib.sha256(blob).hexdigest()
            self._begin()
            try:
                self._execute(self._sql("DELETE FROM snapshots WHERE seq = ?"), (self.seq,))
                self._execute(
                    self._sql(
                        "INSERT INTO snapshots (seq, digest, checksum, state) VALUES (?, ?, ?, ?)"
                    ),
                    (self.seq, self.digest, checksum, blob),
                )
                self._execute(self._sql("DELETE FROM snapshots WHERE seq < ?"), (self.seq,))
                self._commit()
            except BaseException:
                self._rollback()
                raise
            return self.seq

    def _latest_snapshot(self) -> tuple[int, str, str, bytes] | None:
        found = self._execute(
            "SELECT seq, digest, checksum, state FROM snapshots ORDER BY seq DESC LIMIT 1"
        )
        if not found:
            return None
        seq, digest, checksum, state = found[0]
        return int(seq), str(digest), str(checksum), bytes(state)

    def _from_snapshot(self, office: Office) -> bool:
        found = self._latest_snapshot()
        if found is None:
            return False
        seq, digest, checksum, blob = found
        if hashlib.sha256(blob).hexdigest() != checksum:
            raise StoreCorrupt(f"the snapshot at position {seq} is torn or edited", position=seq)
        if self._digest_at(seq) != digest:
            raise StoreCorrupt(
                f"the snapshot at position {seq} does not match the log", position=seq
            )
        try:
            code, registry, applications = _SnapshotUnpickler(io.BytesIO(blob)).load()
        except StoreCorrupt:
            raise
        except Exception:
            raise StoreCorrupt(
                f"the snapshot at position {seq} cannot be read", position=seq
            ) from None
        if code != office.code or not isinstance(registry, Registry):
            raise StoreCorrupt(
                f"the snapshot at position {seq} is not this office's", position=seq
            )
        office.restore(registry, applications)
        self.seq, self.digest = seq, digest
        return True

    # --- opening and writing through an office -------------------------------------------

    _office: Office | None = None
    _pending: tuple[int, str] | None = None

    def load(self, office: Office, *, use_snapshot: bool = True) -> None:
        """Bring ``office`` to the store's state: its snapshot (if any), then the log after it."""
        with self._lock, office.lock:
            self.seq, self.digest = 0, GENESIS
            if not (use_snapshot and self._from_snapshot(office)):
                office.restore(Registry(area=office.registry.area), ())
            self._office = office
            self._read_into(office)

    def _read_into(self, office: Office) -> None:
        changes: list[Change] = []
        last = (self.seq, self.digest)
        for row in self.rows(self.seq):
            changes.append(decode(row))
            last = (row.seq, row.digest)
        try:
            office.catch_up(changes)
        except AdmindukError as exc:
            raise StoreCorrupt(
                f"the log after position {self.seq} does not apply: {exc}", position=self.seq + 1
            ) from None
        self.seq, self.digest = last

    @contextlib.contextmanager
    def transaction(self, office: Office) -> Iterator[Append]:
        """The :class:`~adminduk.workflows.Recorder` side: lock, catch up, append, commit."""
        with self._lock:
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
                if appended:  # the office is ahead of what is durable: read it back
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

    def verify(self) -> int:
        """Check the whole log from its first row, and the snapshot against it; return its end."""
        with self._lock:
            last = 0
            for row in self.rows(0):
                last = row.seq
            found = self._latest_snapshot()
            if found is not None and (found[0] > last or self._digest_at(found[0]) != found[1]):
                raise StoreCorrupt(
                    f"the snapshot at position {found[0]} does not match the log",
                    position=found[0],
                )
            return last
