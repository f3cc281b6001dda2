"""When each role works: hours each weekday, and what a person gets through on a day.

An office's people do not all keep the same week: the front office may open on Saturday
morning, outreach teams go out two days a week, a Friday is shorter. :class:`WorkingHours`
gives a role's hours each weekday (Monday first; 0 closes the day) and the hours of a
**full day**, in which a person handles their whole daily throughput (the files a day that
:func:`~adminduk.simulation.estimate_throughput` reads from the office's histories). On a day
of ``h`` hours a desk's capacity is ``round(capacity * h / full_day)``.

The default, :data:`OFFICE_WEEK`, is five full days of 8 hours, Monday to Friday: the week the
office model kept before working hours could be set (an assumption, as the national rules on
civil servants' hours leave each regency its own timetable).

>>> friday_short = WorkingHours((8, 8, 8, 8, 5, 0, 0))
>>> friday_short.capacity(40, datetime.date(2026, 1, 9))  # a Friday: 5 of 8 hours
25
>>> friday_short.works(datetime.date(2026, 1, 10))  # Saturday
False
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable

import attrs

from adminduk.errors import InvalidFormat

__all__ = ["OFFICE_WEEK", "WorkingHours"]

_WEEKDAYS = 7


def _as_week(hours: Iterable[float]) -> tuple[float, ...]:
    if isinstance(hours, str | bytes) or not isinstance(hours, Iterable):
        raise InvalidFormat("working hours give the hours of each of the 7 weekdays")
    return tuple(hours)


@attrs.frozen
class WorkingHours:
    """Hours worked each weekday, Monday first, and the hours of a full day."""

    week: tuple[float, ...] = attrs.field(converter=_as_week)
    full_day: float = 8.0

    def __attrs_post_init__(self) -> None:
        if len(self.week) != _WEEKDAYS:
            raise InvalidFormat("working hours give the hours of each of the 7 weekdays")
        for hours in (*self.week, self.full_day):
            if isinstance(hours, bool) or not isinstance(hours, int | float):
                raise InvalidFormat("working hours are numbers of hours")
            if not math.isfinite(hours) or not 0 <= hours <= 24:
                raise InvalidFormat("working hours are between 0 and 24 a day")
        if self.full_day <= 0:
            raise InvalidFormat("a full working day has some hours")
        if not any(self.week):
            raise InvalidFormat("working hours need at least one working day a week")

    def works(self, day: datetime.date) -> bool:
        """Whether the role works at all on ``day``."""
        return self.week[day.weekday()] > 0

    def capacity(self, per_full_day: int, day: datetime.date) -> int:
        """What a capacity of ``per_full_day`` files on a full day comes to on ``day``."""
        return round(per_full_day * self.week[day.weekday()] / self.full_day)


#: Monday to Friday, 8 hours a day.
OFFICE_WEEK = WorkingHours((8, 8, 8, 8, 8, 0, 0))
