"""KK number (Nomor Kartu Keluarga, Indonesian family card number).

Every family card carries a 16-digit number, reissued whenever the family's members or data
change. Its layout, taken from secondary sources and **unconfirmed** against the regulation, is:

- ``PPKKDD``: the district (kecamatan) code of the issuing office's area;
- ``DDMMYY``: the date of issue (no offset for sex);
- ``SSSS``: a serial from 0001.

There is no check digit. The century of the issue date is not encoded: :func:`parse` places it in
the 2000s (the era of 16-digit numbers) unless a reference date ``on`` is given, in which case the
latest century not after ``on`` is used.

>>> validate("1808-0115-0720-0003")
'1808011507200003'
>>> format("1808011507200003")
'18.08.01.150720.0003'
>>> parse("1808011507200003")
KKInfo(region_code='18.08.01', issued_on=datetime.date(2020, 7, 15), serial=3)
>>> compose(region_code="18.08.01", issued_on=datetime.date(2020, 7, 15), serial=3)
'1808011507200003'
>>> validate("1808015507200003")
Traceback (most recent call last):
...
adminduk.errors.InvalidComponent: KK number 180801********** has day 55, impossible in month 07; days run 01-31
"""

from __future__ import annotations

import datetime
from typing import NamedTuple

from adminduk.identifiers import _common

__all__ = ["KKInfo", "compact", "compose", "format", "is_valid", "parse", "validate"]

_LABEL = "KK number"


class KKInfo(NamedTuple):
    """What a KK number encodes: issuing district, date of issue and serial."""

    region_code: str
    issued_on: datetime.date
    serial: int


def compact(number: str) -> str:
    """Return ``number`` without spaces, dots, dashes or line breaks (no other check).

    >>> compact("1808 0115 0720 0003")
    '1808011507200003'
    """
    return _common.compact(number, _LABEL)


def validate(number: str, *, allow_unknown_region: bool = False) -> str:
    """Return the compact form of ``number`` if it is a possible KK number, or raise.

    Checks: 16 ASCII digits; no province, regency or district part ``00``; a real day (01-31) and
    month (29 February only in a two-digit leap year); serial not ``0000``; and, unless
    ``allow_unknown_region`` is true, a district code found in a known Kemendagri code list.
    """
    return _common.check(number, _LABEL, False, allow_unknown_region)


def is_valid(number: str, *, allow_unknown_region: bool = False) -> bool:
    """Return whether ``number`` passes :func:`validate`.

    >>> is_valid("1808014107200003")
    False
    """
    return _common.is_valid(number, _LABEL, False, allow_unknown_region)


def format(number: str) -> str:  # noqa: A001 - python-stdnum's name for the display form
    """Return the display form ``PP.KK.DD.DDMMYY.SSSS`` of a valid KK number."""
    return _common.display(validate(number, allow_unknown_region=True))


def parse(
    number: str, *, on: datetime.date | None = None, allow_unknown_region: bool = False
) -> KKInfo:
    """Return what ``number`` encodes.

    Without ``on`` the issue year is 2000 + YY; with ``on`` it is the latest year ending in YY
    that is not after ``on``.

    >>> parse("1808011507990003", on=datetime.date(2026, 11, 27)).issued_on
    datetime.date(1999, 7, 15)
    """
    digits = validate(number, allow_unknown_region=allow_unknown_region)
    day, month = int(digits[6:8]), int(digits[8:10])
    if on is None:
        issued_on = datetime.date(2000 + int(digits[10:12]), month, day)
    else:
        issued_on = _common.resolve_century(_LABEL, digits, day, month, on)
    return KKInfo(
        region_code=_common.region_code(digits), issued_on=issued_on, serial=int(digits[12:16])
    )


def compose(
    *,
    region_code: str,
    issued_on: datetime.date,
    serial: int,
    allow_unknown_region: bool = False,
) -> str:
    """Build the KK number for a district, date of issue and serial; the inverse of :func:`parse`."""
    return _common.compose_parts(
        _LABEL,
        region=region_code,
        when=issued_on,
        day_offset=0,
        serial=serial,
        female_days=False,
        allow_unknown_region=allow_unknown_region,
    )
