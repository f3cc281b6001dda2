"""cattrs hooks for adminduk's plain values: exact JSON types, shared strings and dates, codes.

Used by :mod:`adminduk.serialization`; each hook takes ``(value, type)`` as cattrs calls it.
"""

from __future__ import annotations

import datetime
import enum
import re
import sys
from collections.abc import Callable
from typing import Any, TypeVar, cast

from adminduk.codes import CodeTable
from adminduk.errors import InvalidComponent, InvalidFormat

_T = TypeVar("_T")


def strict(kind: type[_T], name: str) -> Callable[[Any, Any], _T]:
    """Return a structure hook taking values of exactly ``kind`` (no ``str(5)``, no ``int(True)``)."""

    def hook(value: Any, _: Any) -> _T:
        if type(value) is not kind:
            raise InvalidFormat(f"expected {name}, not {type(value).__name__}")
        return value

    return hook


def shared_text(value: Any, _: Any) -> str:
    """A string field: exactly a ``str``, short ones shared (``sys.intern``).

    A register's places, names and codes repeat; each JSON occurrence would otherwise be an
    object of its own.
    """
    if type(value) is not str:
        raise InvalidFormat(f"expected a string, not {type(value).__name__}")
    return sys.intern(value) if len(value) <= _SHARED_LENGTH else value


_SHARED_LENGTH = 64
#: Dates read so far, so that each day is one object however often it occurs (bounded).
_DAYS: dict[str, datetime.date] = {}
_DAYS_KEPT = 100_000


# The only shapes written: calendar dates, and date-times as datetime.isoformat() writes them.
# (fromisoformat alone also takes ISO week dates like 2026-W01-1, and other forms.)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?([+-]\d{2}:\d{2}|Z)?")


def structure_date(value: Any, _: Any) -> datetime.date:
    if type(value) is str:
        known = _DAYS.get(value)  # only strings that passed the checks below are kept
        if known is not None:
            return known
    if not isinstance(value, str):
        raise InvalidFormat(f"expected an ISO date (YYYY-MM-DD), not {type(value).__name__}")
    if not _DATE.fullmatch(value):
        raise InvalidFormat(f"{value[:40]!r} is not a date (YYYY-MM-DD)")
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        raise InvalidFormat(f"{value!r} is not a date (YYYY-MM-DD)") from None
    if len(_DAYS) >= _DAYS_KEPT:
        _DAYS.clear()
    _DAYS[value] = day
    return day


def structure_datetime(value: Any, _: Any) -> datetime.datetime:
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        shown = type(value).__name__ if not isinstance(value, str) else "a string of another form"
        raise InvalidFormat(f"expected an ISO date and time (YYYY-MM-DDTHH:MM:SS), not {shown}")
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidFormat(f"{value!r} is not a date and time (ISO 8601)") from None


_TIME = re.compile(r"\d{2}:\d{2}(:\d{2})?")


def structure_time(value: Any, _: Any) -> datetime.time:
    """A time of day as written: ``HH:MM`` (or ``HH:MM:SS``), no zone."""
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        shown = type(value).__name__ if not isinstance(value, str) else "a string of another form"
        raise InvalidFormat(f"expected a time of day (HH:MM), not {shown}")
    try:
        return datetime.time.fromisoformat(value)
    except ValueError:
        raise InvalidFormat(f"{value!r} is not a time of day (HH:MM)") from None


def unstructure_time(value: datetime.time) -> str:
    """``HH:MM``, or ``HH:MM:SS`` when the seconds count (never a zone or microseconds)."""
    return value.isoformat(timespec="seconds" if value.second else "minutes")


def code_hook(kind: type[CodeTable]) -> Callable[[Any, Any], CodeTable]:
    """Return a structure hook for one code table: a dictionary lookup on the happy path."""
    members = dict(kind._value2member_map_)

    def hook(value: Any, _: Any) -> CodeTable:
        if type(value) is int:
            member = members.get(value)
            if member is not None:
                return member  # type: ignore[no-any-return]
            return kind.from_code(value)  # raises the usual InvalidComponent
        raise InvalidFormat(f"expected a {kind.__name__} code (int), not {type(value).__name__}")

    return hook


def code_value(member: CodeTable) -> int:
    return member._value_


def enum_value(member: enum.Enum) -> Any:
    return member.value


def structure_enum(value: Any, kind: type[enum.Enum]) -> enum.Enum:
    try:
        return kind(value)
    except ValueError:
        raise InvalidComponent(f"{value!r} is not a {kind.__name__}") from None


def is_tuple_of(element: type) -> Callable[[Any], bool]:
    wanted = tuple[element, ...]  # type: ignore[valid-type]
    return lambda kind: bool(kind == wanted)


def tuple_unstructurer(hook: Callable[[Any], Any]) -> Callable[[Any], list[Any]]:
    def unstructure_items(items: Any) -> list[Any]:
        return [hook(item) for item in items]

    return unstructure_items


def tuple_structurer(
    hook: Callable[[Any, Any], Any], fallback: Callable[[Any, Any], Any]
) -> Callable[[Any, Any], tuple[Any, ...]]:
    """A list of one class as a tuple; anything else goes to cattrs' hook for its errors."""

    def structure_items(value: Any, kind: Any) -> tuple[Any, ...]:
        if type(value) is list:
            element = kind.__args__[0]
            try:
                return tuple([hook(item, element) for item in value])
            except Exception:
                pass
        return cast(tuple[Any, ...], fallback(value, kind))

    return structure_items
