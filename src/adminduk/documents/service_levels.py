"""Service levels: the days an office promises to finish each service in (office policy).

The defaults come from what offices publish and are **unconfirmed**: Way Kanan and others quote
KK 1 day, KTP-el 24 hours, marriage certificate 1x24 hours and divorce certificate 2 working days;
the rest default to 14 days. Every office should set its own table.

>>> levels = ServiceLevels.default()
>>> levels.days("KK", "new"), levels.days("AKTA-LAHIR", "standard")
(1, 14)
>>> levels.with_days("AKTA-LAHIR", 3).days("AKTA-LAHIR", "standard")
3

Offices that count working days (Way Kanan quotes "2 working days" for a divorce certificate)
set ``working_days`` and their holidays; weekends and holidays then do not count:

>>> import datetime
>>> friday = datetime.datetime(2026, 3, 6, 10, 0)
>>> ServiceLevels.default().due("KK", "new", friday)
datetime.datetime(2026, 3, 7, 10, 0)
>>> ServiceLevels.default(working_days=True).due("KK", "new", friday)
datetime.datetime(2026, 3, 9, 10, 0)
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

import attrs

from adminduk.errors import InvalidComponent

__all__ = ["DEFAULT_DAYS", "ServiceLevels"]

#: Default days per document code (office policy, unconfirmed; see the module docstring).
DEFAULT_DAYS: Mapping[str, int] = {
    "KK": 1,
    "KTP-el": 1,
    "KIA": 14,
    "SKPWNI": 14,
    "AKTA-LAHIR": 14,
    "AKTA-MATI": 14,
    "AKTA-KAWIN": 1,
    "AKTA-CERAI": 2,
    # Unconfirmed: no office figure was found for corrections; the general 14 days.
    "PERBAIKAN-DATA": 14,
}


def _holidays(value: Iterable[datetime.date]) -> frozenset[datetime.date]:
    days = frozenset(value)
    for day in days:
        if not isinstance(day, datetime.date) or isinstance(day, datetime.datetime):
            raise InvalidComponent(f"holidays are dates, not {type(day).__name__}")
    return days


@attrs.frozen
class ServiceLevels:
    """Days to finish each service: by document code, optionally refined by variant.

    With ``working_days`` the days are working days: Saturdays, Sundays and ``holidays`` (the
    office's own list; adminduk ships none) do not count.
    """

    by_document: Mapping[str, int] = attrs.field(factory=dict)
    by_variant: Mapping[tuple[str, str], int] = attrs.field(factory=dict)
    working_days: bool = False
    holidays: frozenset[datetime.date] = attrs.field(default=frozenset(), converter=_holidays)

    @classmethod
    def default(
        cls, *, working_days: bool = False, holidays: Iterable[datetime.date] = ()
    ) -> ServiceLevels:
        """The defaults of :data:`DEFAULT_DAYS`, in calendar days unless ``working_days``."""
        return cls(
            by_document=dict(DEFAULT_DAYS),
            working_days=working_days,
            holidays=frozenset(holidays),
        )

    def due(self, document: str, variant: str, submitted: datetime.datetime) -> datetime.datetime:
        """When a service filed at ``submitted`` is due (same time of day, days later).

        In working days, a file filed on a day off counts from the start of the next working
        day: filed on a Saturday, a one-day service is due at the end of Monday.
        """
        days = self.days(document, variant)
        if not self.working_days:
            return submitted + datetime.timedelta(days=days)
        moment = submitted
        if not self._working(moment.date()):
            moment = datetime.datetime.combine(moment.date(), datetime.time(), moment.tzinfo)
            while not self._working(moment.date()):
                moment += datetime.timedelta(days=1)
        while days > 0:
            moment += datetime.timedelta(days=1)
            if self._working(moment.date()):
                days -= 1
        return moment

    def _working(self, day: datetime.date) -> bool:
        return day.weekday() < 5 and day not in self.holidays

    def days(self, document: str, variant: str) -> int:
        """Days promised for ``document`` in ``variant``."""
        found = self.by_variant.get((document, variant), self.by_document.get(document))
        if found is None:
            raise InvalidComponent(f"no service level for {document} ({variant})")
        return found

    def with_days(self, document: str, days: int, *, variant: str | None = None) -> ServiceLevels:
        """Return a copy promising ``days`` for ``document`` (or one of its variants)."""
        if isinstance(days, bool) or not isinstance(days, int) or days < 0:
            raise InvalidComponent(f"days must be a whole number of days, not {days!r}")
        if variant is None:
            return attrs.evolve(self, by_document={**self.by_document, document: days})
        return attrs.evolve(self, by_variant={**self.by_variant, (document, variant): days})
