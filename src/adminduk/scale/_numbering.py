"""Dates and sixteen-digit numbers as numpy arrays: what drawing and checking columns share.

A NIK or KK number is ``PPKKDD`` (the district), ``DDMMYY`` (a day, with 40 added for women in
a NIK) and a four-digit serial; here they are int64 arrays, days are proleptic ordinals.
"""

from __future__ import annotations

import datetime
import functools
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from adminduk import regions
from adminduk.codes import MaritalStatus, Relationship
from adminduk.errors import DatasetError

I8 = np.int8
Ints = npt.NDArray[np.int64]
EPOCH = datetime.date(1970, 1, 1).toordinal()
HEAD, WIFE, CHILD, PARENT, OTHER = (
    Relationship.HEAD.code,
    Relationship.WIFE.code,
    Relationship.CHILD.code,
    Relationship.PARENT.code,
    Relationship.OTHER_RELATIVE.code,
)
MARRIED = (MaritalStatus.MARRIED.code, MaritalStatus.MARRIED_UNREGISTERED.code)
EVER_MARRIED = np.array([m.code for m in MaritalStatus if m.ever_married], dtype=I8)

#: Day, month and year of every day from 1800 to 2199, looked up by ordinal (other days are
#: converted by numpy's calendar, slower).
_FIRST = datetime.date(1800, 1, 1).toordinal()
_LAST = datetime.date(2199, 12, 31).toordinal()


@functools.cache
def _calendar() -> tuple[Ints, Ints, Ints]:
    return _converted(np.arange(_FIRST, _LAST + 1, dtype=np.int64))


def date_parts(ordinals: Ints) -> tuple[Ints, Ints, Ints]:
    """Day, month and year of each ordinal."""
    if len(ordinals) and ordinals.min() >= _FIRST and ordinals.max() <= _LAST:
        index = ordinals - _FIRST
        day, month, year = _calendar()
        return day[index], month[index], year[index]
    return _converted(ordinals)


def _converted(ordinals: Ints) -> tuple[Ints, Ints, Ints]:
    days = (ordinals - EPOCH).astype("datetime64[D]")
    years = days.astype("datetime64[Y]")
    months = days.astype("datetime64[M]")
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    month = (months - years.astype("datetime64[M]")).astype(np.int64) + 1
    return day, month, years.astype(np.int64) + 1970


def prefixes(district: Ints | int, ordinals: Ints, offset: Ints | int = 0) -> Ints:
    """The first twelve digits of a number: district, day (``offset`` added), month, year."""
    day, month, year = date_parts(ordinals)
    return ((district * 100 + day + offset) * 100 + month) * 100 + year % 100


def serials(key: Ints, first: Ints, step: Ints) -> Ints:
    """Serials ``first``, ``first + step``, ... among the rows sharing a key, in row order.

    The key is a number's prefix (with the piece it is drawn in, where slices of one district
    interleave their serials: slice ``i`` of ``n`` takes ``i + 1``, ``i + 1 + n``, ...).
    """
    order = np.argsort(key, kind="stable")
    ordered = key[order]
    starts = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
    lengths = np.diff(np.r_[starts, len(ordered)])
    rank = np.arange(len(ordered)) - np.repeat(starts, lengths)
    serial = np.empty(len(key), dtype=np.int64)
    serial[order] = first[order] + step[order] * rank
    if len(serial) and serial.max() > 9999:  # pragma: no cover - ~10,000 born on one day
        raise DatasetError("no free serial: one district has 10,000 numbers on one day")
    return serial


def numbers(prefix: Ints, serial: Ints) -> pa.Array[Any]:
    """Sixteen-digit numbers as strings (a district code never starts with 0)."""
    return pc.cast(pa.array(prefix * 10_000 + serial, type=pa.int64()), pa.string())


@functools.cache
def known_districts() -> frozenset[int]:
    """Every district code of a known Kemendagri list, as a number."""
    return frozenset(int(code) for code in regions.known_district_codes())
