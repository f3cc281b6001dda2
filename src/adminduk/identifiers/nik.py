"""NIK (Nomor Induk Kependudukan, Indonesian personal identity number).

The NIK is the 16-digit number every Indonesian resident holds for life, on the family card (KK)
and the ID card (KTP-el). It is built of:

- ``PPKKDD``: the district (kecamatan) where the NIK was first issued, under the Kemendagri code
  list in force then; the NIK never changes when its holder moves;
- ``DDMMYY``: the birth date, with 40 added to the day for women (41-71);
- ``SSSS``: a serial from 0001 among people of that district, birth date and sex.

There is no check digit. The century is not encoded, so :func:`parse` takes a reference date and
uses the latest century that does not put the birth after it.

More information:

* UU 24/2013 (amending UU 23/2006) on population administration, Pasal 13
* Perpres 96/2018 on population registration and civil registration requirements

>>> validate("18.0801.410105.0001")
'1808014101050001'
>>> is_valid("1808014101050001")
True
>>> format("1808014101050001")
'18.08.01.410105.0001'
>>> info = parse("1808014101050001", on=datetime.date(2026, 11, 27))
>>> info.region_code, info.birth_date, info.sex, info.serial
('18.08.01', datetime.date(2005, 1, 1), <Sex.FEMALE: 2>, 1)
>>> compose(region_code="18.08.01", birth_date=datetime.date(2005, 1, 1), sex=Sex.FEMALE, serial=1)
'1808014101050001'

Every failure is a :class:`~adminduk.errors.ValidationError` whose message masks the number:

>>> validate("180801410105001")
Traceback (most recent call last):
...
adminduk.errors.InvalidLength: NIK 180801********* has 15 characters; a NIK has 16 digits
>>> validate("1808013202050001")
Traceback (most recent call last):
...
adminduk.errors.InvalidComponent: NIK 180801********** has day 32, impossible in month 02; days run 01-31 (41-71 for women)
>>> validate("1808992202050001")
Traceback (most recent call last):
...
adminduk.errors.UnknownRegionCode: NIK 180899**********: district 18.08.99 is in no known Kemendagri code list (2016-2025); pass allow_unknown_region=True to accept it
>>> validate("1808992202050001", allow_unknown_region=True)
'1808992202050001'
"""

from __future__ import annotations

import calendar
import datetime
from typing import NamedTuple

from adminduk.codes import Sex
from adminduk.identifiers import _common
from adminduk.regions import known_district_codes

__all__ = [
    "FEMALE_DAY_OFFSET",
    "PATTERN",
    "NIKInfo",
    "birth_part",
    "compact",
    "compose",
    "format",
    "get_birth_date",
    "get_region_code",
    "get_sex",
    "is_valid",
    "parse",
    "validate",
]

#: What women add to the day of birth in a NIK (born on the 5th: day 45).
FEMALE_DAY_OFFSET = _common.FEMALE_DAY_OFFSET

_LABEL = "NIK"

#: A regular expression (Python and JSON Schema) matching exactly the compact NIKs
#: :func:`validate` accepts with ``allow_unknown_region=True``.
PATTERN = _common.pattern(female_days=True)


class NIKInfo(NamedTuple):
    """What a NIK encodes: where it was first issued, the birth date, the sex and the serial.

    An immutable named tuple (cheap to build: :func:`parse` is on hot paths).
    """

    region_code: str
    birth_date: datetime.date
    sex: Sex
    serial: int


def compact(number: str) -> str:
    """Return ``number`` without spaces, dots, dashes or line breaks (no other check).

    >>> compact(" 1808 0141-0105 0001 ")
    '1808014101050001'
    """
    return _common.compact(number, _LABEL)


def validate(number: str, *, allow_unknown_region: bool = False) -> str:
    """Return the compact form of ``number`` if it is a possible NIK, or raise.

    Checks: 16 ASCII digits; no province, regency or district part ``00``; a real day and month
    (day 41-71 for women; 29 February only when the two-digit year is a leap year in 1900s or
    2000s); serial not ``0000``; and, unless ``allow_unknown_region`` is true, a district code found
    in at least one known Kemendagri code list (2016-2025). Set ``allow_unknown_region`` for numbers
    issued under a list older than the ones adminduk knows.
    """
    return _common.check(number, _LABEL, True, allow_unknown_region)


def is_valid(number: str, *, allow_unknown_region: bool = False) -> bool:
    """Return whether ``number`` passes :func:`validate`.

    >>> is_valid("1808010000000000")
    False
    """
    return _common.is_valid(number, _LABEL, True, allow_unknown_region)


def format(number: str) -> str:  # noqa: A001 - python-stdnum's name for the display form
    """Return the display form ``PP.KK.DD.DDMMYY.SSSS`` of a valid NIK.

    The region is not checked, so any structurally valid NIK can be displayed.
    """
    return _common.display(validate(number, allow_unknown_region=True))


def parse(number: str, *, on: datetime.date, allow_unknown_region: bool = False) -> NIKInfo:
    """Return what ``number`` encodes, taking the birth century from the reference date ``on``.

    The birth year is the latest year ending in the NIK's two digits that does not put the birth
    after ``on``: on 27 November 2026, ``...0105...`` is born in 2005 and ``...0130...`` in 1930;
    a NIK born "today" is born this year. (python-stdnum instead assumes a minimum year, which puts
    a child born in 2015 in 1915.)

    >>> parse("1808012006300002", on=datetime.date(2026, 11, 27)).birth_date
    datetime.date(1930, 6, 20)
    """
    # One pass for the usual case: each part is looked up once, in a table that both checks
    # and decodes it (a known district, a possible day and month other than 29 February, a
    # serial other than 0000, two year digits): a part that is not ASCII digits, or not
    # possible, is in no table. Anything else takes the full path below, which says why.
    if number.__class__ is str and on.__class__ is datetime.date and len(number) == 16:
        if not _DISTRICTS:
            _fill_districts()
        region = _DISTRICTS.get(number[:6])
        serial = _SERIALS.get(number[12:])  # None for 0000
        births = _BIRTHS.get(on)
        if births is None:
            if len(_BIRTHS) >= _BIRTH_DAYS_KEPT:
                _BIRTHS.clear()
            births = _BIRTHS[on] = {}
        birth = births.get(number[6:12])
        if birth is None:
            decoded = _DAY_MONTH_SEX.get(number[6:10])
            two = _NUMBER.get(number[10:12])
            if decoded is not None and two is not None and on.year >= 100:
                day, month, sex = decoded
                year = on.year - on.year % 100 + two
                if year > on.year or (year == on.year and (month, day) > (on.month, on.day)):
                    year -= 100
                birth = births[number[6:12]] = (datetime.date(year, month, day), sex)
        if region is not None and serial is not None and birth is not None:
            return _make_info(NIKInfo, (region, birth[0], birth[1], serial))
    return _parse_fully(number, on, allow_unknown_region)


def _parse_fully(number: str, on: datetime.date, allow_unknown_region: bool) -> NIKInfo:
    digits = validate(number, allow_unknown_region=allow_unknown_region)
    # Dictionary lookups instead of int() and an f-string: parse is on hot paths.
    day, month = _NUMBER[digits[6:8]], _NUMBER[digits[8:10]]
    sex = _MALE
    if day > _common.FEMALE_DAY_OFFSET:
        day -= _common.FEMALE_DAY_OFFSET
        sex = _FEMALE
    if type(on) is datetime.date and on.year >= 100 and not (month == 2 and day == 29):  # usual
        two = _NUMBER[digits[10:12]]
        year = on.year - on.year % 100 + two
        if year > on.year or (year == on.year and (month, day) > (on.month, on.day)):
            year -= 100
        born = datetime.date(year, month, day)
    else:  # 29 February needs a leap year in the chosen century; odd `on` types are refused
        born = _common.resolve_century(_LABEL, digits, day, month, on)
    region = _REGIONS.get(digits[:6])
    if region is None:
        region = _common.region_code(digits)
        if len(_REGIONS) < _REGION_CACHE_SIZE:
            _REGIONS[digits[:6]] = region
    serial = _NUMBER[digits[12:14]] * 100 + _NUMBER[digits[14:16]]
    return _make_info(NIKInfo, (region, born, sex, serial))


#: Two-digit strings to their numbers.
_NUMBER = {f"{value:02d}": value for value in range(100)}
#: Dotted district codes by their six digits, filled as numbers are parsed (bounded).
_REGIONS: dict[str, str] = {}
_REGION_CACHE_SIZE = 20_000
#: Builds the named tuple without its Python-level ``__new__`` (the fields are already checked).
_make_info = tuple.__new__
_MALE, _FEMALE = Sex.MALE, Sex.FEMALE
#: "DDMM" of a NIK (day + 40 for women) -> (day, month, sex); 29 February is left to the full
#: path (its year decides).
_DAY_MONTH_SEX: dict[str, tuple[int, int, Sex]] = {
    f"{day + offset:02d}{month:02d}": (day, month, sex)
    for month in range(1, 13)
    for day in range(1, calendar.monthrange(2001, month)[1] + 1)
    for offset, sex in ((0, _MALE), (FEMALE_DAY_OFFSET, _FEMALE))
}
#: Serials by their four digits (0000 is no serial).
_SERIALS: dict[str, int] = {f"{serial:04d}": serial for serial in range(1, 10_000)}
#: Birth date and sex by the reference date, then by the NIK's DDMMYY, as parsed so far
#: (bounded: at most 74,400 DDMMYY per day, for three reference days).
_BIRTHS: dict[datetime.date, dict[str, tuple[datetime.date, Sex]]] = {}
_BIRTH_DAYS_KEPT = 3
#: Dotted district codes of every known list, by their six digits (filled on first use).
_DISTRICTS: dict[str, str] = {}


def _fill_districts() -> None:
    _DISTRICTS.update(
        (code, f"{code[:2]}.{code[2:4]}.{code[4:]}") for code in known_district_codes()
    )


def compose(
    *,
    region_code: str,
    birth_date: datetime.date,
    sex: Sex,
    serial: int,
    allow_unknown_region: bool = False,
) -> str:
    """Build the NIK for a district code, birth date, sex and serial; the inverse of :func:`parse`.

    ``region_code`` is a district code, dotted or not. Raises a ``ValidationError`` for a region
    that is not a district (or, unless ``allow_unknown_region``, not in any known list), a serial
    outside 1-9999, or a ``sex`` that is not a :class:`~adminduk.codes.Sex`.
    """
    if not isinstance(sex, Sex):
        raise _common.InvalidFormat(
            f"sex must be a Sex, not {type(sex).__name__}",
            code="nik.sex_type",
            message_id=f"jenis kelamin harus berupa Sex, bukan {type(sex).__name__}",
        )
    return _common.compose_parts(
        _LABEL,
        region=region_code,
        when=birth_date,
        day_offset=_common.FEMALE_DAY_OFFSET if sex is Sex.FEMALE else 0,
        serial=serial,
        female_days=True,
        allow_unknown_region=allow_unknown_region,
    )


def birth_part(birth_date: datetime.date, sex: Sex) -> str:
    """The six digits a NIK gives a birth date and sex: day (plus 40 for a woman), month, year.

    >>> birth_part(datetime.date(2005, 1, 1), Sex.FEMALE)
    '410105'
    """
    offset = _common.FEMALE_DAY_OFFSET if sex is Sex.FEMALE else 0
    return f"{birth_date.day + offset:02d}{birth_date.month:02d}{birth_date.year % 100:02d}"


def get_birth_date(number: str, *, on: datetime.date) -> datetime.date:
    """Return the birth date encoded in ``number`` (century resolved as in :func:`parse`).

    >>> get_birth_date("1808012006300002", on=datetime.date(2026, 11, 27))
    datetime.date(1930, 6, 20)
    """
    return parse(number, on=on, allow_unknown_region=True).birth_date


def get_sex(number: str) -> Sex:
    """Return the sex encoded in ``number`` (day above 40 means female).

    >>> get_sex("1808014101050001")
    <Sex.FEMALE: 2>
    """
    digits = validate(number, allow_unknown_region=True)
    return Sex.FEMALE if int(digits[6:8]) > _common.FEMALE_DAY_OFFSET else Sex.MALE


def get_region_code(number: str) -> str:
    """Return the dotted district code where ``number`` was first issued.

    >>> get_region_code("1808014101050001")
    '18.08.01'
    """
    return _common.region_code(validate(number, allow_unknown_region=True))
