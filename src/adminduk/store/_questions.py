"""The questions an office asks its store, answered from the indexes without reading the log.

Where is the application of this NIK; which applications are open (by status, district office,
channel); which are overdue; everything that happened to one resident. Each checks its
arguments (a wrong kind of value is a typed refusal, never a database error).
"""

from __future__ import annotations

import datetime
from typing import Any

from adminduk.applications import WITH_OFFICE, Status
from adminduk.documents import Channel
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.store._database import Database
from adminduk.store._log import checked_row, decode
from adminduk.workflows import Change

__all__ = ["Questions"]

#: The statuses whose applications can be overdue, as SQL (fixed values, never input).
_OWED = ", ".join(f"'{status.value}'" for status in sorted(WITH_OFFICE, key=lambda s: s.value))


class Questions(Database):
    """The indexed questions of a :class:`~adminduk.store.Store` (its base)."""

    def applications_of(self, nik: str) -> list[str]:
        """The applications naming resident ``nik``, oldest first.

        Named as subject, partner, applicant or collector, or changed by a register change.
        """
        if not isinstance(nik, str):
            raise InvalidFormat(f"nik must be a string, not {type(nik).__name__}")
        with self._lock:
            self._usable(write=False)
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
        status: Status | str | None = None,
        district: str | None = None,
        channel: Channel | str | None = None,
    ) -> list[str]:
        """Ids of the open applications, optionally of one status, district (code) or channel.

        ``status`` and ``channel`` are members of :class:`~adminduk.applications.Status` and
        :class:`~adminduk.documents.Channel` or their values (``"verified"``).
        """
        clauses = ["status NOT IN ('collected', 'rejected', 'cancelled')"]
        values: list[Any] = []
        for column, value in (
            ("status", _value_of(status, Status, "status")),
            ("district", _text_or_none(district, "district")),
            ("channel", _value_of(channel, Channel, "channel")),
        ):
            if value is not None:
                clauses.append(f"{column} = {self.mark}")
                values.append(value)
        with self._lock:
            self._usable(write=False)
            found = self._execute(
                f"SELECT id FROM applications WHERE {' AND '.join(clauses)} ORDER BY seq", values
            )
            return [str(row[0]) for row in found]

    def overdue(self, at: datetime.datetime) -> list[str]:
        """Ids of the applications the office still owes work on past their due date at ``at``.

        ``at`` is a moment (a datetime), as everywhere else: a day is refused.
        """
        if not isinstance(at, datetime.datetime):
            raise InvalidFormat(f"at must be a datetime, not {type(at).__name__}")
        with self._lock:
            self._usable(write=False)
            found = self._execute(
                self._sql(
                    f"SELECT id FROM applications WHERE status IN ({_OWED}) "
                    "AND due IS NOT NULL AND due < ? ORDER BY due"
                ),
                (at.isoformat(),),
            )
            return [str(row[0]) for row in found]

    def history_of(self, nik: str) -> list[Change]:
        """Every change concerning resident ``nik``, in order (register events and actions)."""
        if not isinstance(nik, str):
            raise InvalidFormat(f"nik must be a string, not {type(nik).__name__}")
        with self._lock:
            self._usable(write=False)
            found = self._execute(
                self._sql(
                    "SELECT log.seq, kind, log.application, body, digest FROM log JOIN people "
                    "ON people.seq = log.seq WHERE people.nik = ? ORDER BY log.seq"
                ),
                (nik,),
            )
            return [decode(checked_row(values, values[0])) for values in found]


def _value_of(value: object, kind: Any, name: str) -> str | None:
    """The value of an enum member given as a member or its value; ``None`` stays ``None``."""
    if value is None:
        return None
    if isinstance(value, kind):
        return str(value.value)
    if isinstance(value, str) and value in {member.value for member in kind}:
        return value
    raise InvalidComponent(
        f"{name} is a {kind.__name__} or one of {', '.join(m.value for m in kind)}, "
        f"not {str(value)[:30]!r}"
    )


def _text_or_none(value: object, name: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise InvalidFormat(f"{name} is a region code (a string), not {type(value).__name__}")
