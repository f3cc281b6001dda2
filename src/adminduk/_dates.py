"""The reference day: the one check every computation "on a day" applies to its ``on``.

A reference day is a :class:`datetime.date` (not a datetime: a moment is not a day) in the years
adminduk computes with, 100 to 9999: a NIK's century is resolved by stepping back from it, and
ages and deadlines are counted from it, so a day in the first century would take those
computations out of the calendar (``datetime`` has no year 0).

>>> require_day(datetime.date(2026, 11, 27))
datetime.date(2026, 11, 27)
>>> require_day(datetime.date(1, 1, 1))
Traceback (most recent call last):
...
adminduk.errors.InvalidComponent: on must be a date from year 100 on, not 0001-01-01
"""

from __future__ import annotations

import datetime

from adminduk.errors import InvalidComponent, InvalidFormat

__all__ = ["FIRST_YEAR", "require_day"]

#: The first year a reference day may fall in.
FIRST_YEAR = 100


def require_day(on: object, name: str = "on") -> datetime.date:
    """``on`` if it is a date (not a datetime) from year 100 on; else a ``ValidationError``."""
    if not isinstance(on, datetime.date) or isinstance(on, datetime.datetime):
        raise InvalidFormat(
            f"{name} must be a date (datetime.date), not {type(on).__name__}",
            code="date.type",
            message_id=f"{name} harus berupa tanggal (datetime.date), bukan {type(on).__name__}",
        )
    if on.year < FIRST_YEAR:
        raise InvalidComponent(
            f"{name} must be a date from year {FIRST_YEAR} on, not {on.isoformat()}",
            code="date.range",
            message_id=f"{name} harus mulai tahun {FIRST_YEAR}, bukan {on.isoformat()}",
        )
    return on
