"""What NIK and KK numbers share: 16 digits, ``PPKKDD`` + ``DDMMYY`` + a four-digit serial."""

from __future__ import annotations

import calendar
import datetime

from adminduk._dates import require_day
from adminduk._privacy import mask
from adminduk.errors import (
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    UnknownRegionCode,
    ValidationError,
)
from adminduk.regions import known_district_codes, normalize

LENGTH = 16
FEMALE_DAY_OFFSET = 40
#: Longer input is refused before it is cleaned (a pasted paragraph is not a number).
MAX_INPUT = 64
# What people type or paste between the digits, besides whitespace: dots, dashes (ASCII,
# Unicode, small and full-width forms), slashes, the soft hyphen, and the invisible characters
# that copying from chat apps and browsers leaves behind (zero-width characters and the
# bidirectional marks, embeddings and isolates that WhatsApp wraps around numbers).
_TYPED = frozenset(
    ".-/_\u00ad\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d\uff0e\uff0f"
    "\u200b\u200c\u200d\u2060\ufeff"
    "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_SEPARATORS = str.maketrans("", "", " .-\t\r\n")

# Every valid "DDMM" (29 February included; its year is checked separately).
_DAY_MONTHS = frozenset(
    f"{day:02d}{month:02d}"
    for month in range(1, 13)
    for day in range(1, calendar.monthrange(2000, month)[1] + 1)
)
# The same with 40 added to the day, as a woman's NIK carries it.
_FEMALE_DAY_MONTHS = frozenset(
    f"{int(dm[:2]) + FEMALE_DAY_OFFSET:02d}{dm[2:]}" for dm in _DAY_MONTHS
)
_NIK_DAY_MONTHS = _DAY_MONTHS | _FEMALE_DAY_MONTHS
_LEAP_DAYS = frozenset({"2902", "6902"})


def pattern(*, female_days: bool) -> str:
    """A regular expression matching exactly the 16-digit numbers the checks accept.

    The region is not checked (as with ``allow_unknown_region``): no ``00`` part, a real day and
    month (41-71 for women when ``female_days``), 29 February only in a year divisible by four,
    serial from 0001. Written for both Python's ``re`` and JSON Schema's (ECMA 262) patterns,
    built from the same tables as the checks.
    """
    part = "(?:0[1-9]|[1-9][0-9])"
    serial = "(?:000[1-9]|00[1-9][0-9]|0[1-9][0-9]{2}|[1-9][0-9]{3})"
    day_months = _NIK_DAY_MONTHS if female_days else _DAY_MONTHS
    ordinary = "|".join(sorted(dm for dm in day_months if dm not in _LEAP_DAYS))
    leap = "|".join(sorted(dm for dm in day_months if dm in _LEAP_DAYS))
    years = "(?:[02468][048]|[13579][26])"
    return f"^{part}{{3}}(?:(?:{ordinary})[0-9]{{2}}|(?:{leap}){years}){serial}$"


def _p(label: str) -> str:
    """The code prefix of a number's errors: ``nik`` or ``kk``."""
    return "nik" if label == "NIK" else "kk"


def _id(label: str) -> str:
    """The number's name in Indonesian."""
    return "NIK" if label == "NIK" else "nomor KK"


def compact(number: str, label: str) -> str:
    """Strip every Unicode whitespace and the separators people type or paste (:data:`_TYPED`).

    Digits that are not ASCII stay (and are refused by the checks); so does anything else.
    """
    if not isinstance(number, str):
        raise InvalidFormat(
            f"a {label} must be a string, not {type(number).__name__}",
            code=f"{_p(label)}.type",
            message_id=f"{_id(label)} harus berupa teks, bukan {type(number).__name__}",
        )
    if len(number) > MAX_INPUT:
        raise InvalidLength(
            f"{label} input has {len(number):,} characters; a {label} has {LENGTH} digits",
            code=f"{_p(label)}.length",
            message_id=f"{_id(label)} terlalu panjang ({len(number):,} karakter); seharusnya "
            f"{LENGTH} digit",
        )
    plain = number.translate(_SEPARATORS)
    if plain.isascii() and plain.isdigit():
        return plain
    return "".join(ch for ch in plain if not (ch.isspace() or ch in _TYPED))


# The district codes of every known list, loaded on first use by the slow path.
_known: frozenset[str] = frozenset()


def check(number: str, label: str, female_days: bool, allow_unknown_region: bool) -> str:
    """Return the compact form of ``number`` or raise the ``ValidationError`` that says why not."""
    # Fast path for the common case, an already compact valid number with a known district. A
    # known district never has a 00 part, so those checks are implied. Anything else, including
    # the first call (before the code lists are loaded), takes the full path below.
    if (
        number.__class__ is str
        and len(number) == LENGTH
        and number.isdigit()
        and number.isascii()
        and number[:6] in _known
        and number[6:10] in (_NIK_DAY_MONTHS if female_days else _DAY_MONTHS)
        and number[12:] != "0000"
        and (number[6:10] not in _LEAP_DAYS or not int(number[10:12]) % 4)
    ):
        return number
    return _check_fully(number, label, female_days, allow_unknown_region)


def _check_fully(number: str, label: str, female_days: bool, allow_unknown_region: bool) -> str:
    global _known  # noqa: PLW0603 - a cache filled once
    if not _known:
        _known = known_district_codes()
    digits = compact(number, label)
    if len(digits) != LENGTH:
        raise InvalidLength(
            f"{label} {mask(digits)} has {len(digits)} characters; a {label} has {LENGTH} digits",
            code=f"{_p(label)}.length",
            message_id=f"{_id(label)} {mask(digits)} terdiri dari {len(digits)} karakter; "
            f"seharusnya {LENGTH} digit",
        )
    if not (digits.isdigit() and digits.isascii()):
        position = next(i for i, ch in enumerate(digits) if not ("0" <= ch <= "9")) + 1
        raise InvalidFormat(
            f"{label} {mask(digits)} has a non-digit at position {position}",
            code=f"{_p(label)}.digits",
            message_id=f"{_id(label)} {mask(digits)} memuat karakter bukan angka di posisi "
            f"{position}",
        )
    day_month = digits[6:10]
    if (
        digits[0:2] == "00"
        or digits[2:4] == "00"
        or digits[4:6] == "00"
        or day_month not in (_NIK_DAY_MONTHS if female_days else _DAY_MONTHS)
        or (day_month in _LEAP_DAYS and int(digits[10:12]) % 4)
        or digits[12:16] == "0000"
    ):
        _raise_component(digits, label, female_days=female_days)
    if not allow_unknown_region and digits[:6] not in _known:
        raise UnknownRegionCode(
            f"{label} {mask(digits)}: district {region_code(digits)} is in no known Kemendagri code "
            "list (2016-2025); pass allow_unknown_region=True to accept it",
            code=f"{_p(label)}.region",
            message_id=f"{_id(label)} {mask(digits)}: kode kecamatan {region_code(digits)} tidak "
            "ada di daftar kode wilayah Kemendagri (2016-2025)",
        )
    return digits


def is_valid(number: str, label: str, female_days: bool, allow_unknown_region: bool) -> bool:
    """Return whether :func:`check` accepts ``number``."""
    try:
        check(number, label, female_days, allow_unknown_region)
    except ValidationError:
        return False
    return True


def display(digits: str) -> str:
    """Return the display form ``PP.KK.DD.DDMMYY.SSSS`` of a compact, valid number."""
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}.{digits[6:12]}.{digits[12:16]}"


_PART_ID = {"province": "provinsi", "regency": "kabupaten/kota", "district": "kecamatan"}


def _raise_component(digits: str, label: str, *, female_days: bool) -> None:
    """Raise ``InvalidComponent`` naming the first impossible part of a 16-digit number."""
    shown = mask(digits)
    for name, part in (
        ("province", digits[0:2]),
        ("regency", digits[2:4]),
        ("district", digits[4:6]),
    ):
        if part == "00":
            raise InvalidComponent(
                f"{label} {shown} has {name} part 00",
                code=f"{_p(label)}.{name}",
                message_id=f"{_id(label)} {shown} memiliki bagian {_PART_ID[name]} 00",
            )
    day, month, year = int(digits[6:8]), int(digits[8:10]), int(digits[10:12])
    if not 1 <= month <= 12:
        raise InvalidComponent(
            f"{label} {shown} has month {month:02d}; months run 01-12",
            code=f"{_p(label)}.month",
            message_id=f"{_id(label)} {shown} memiliki bulan {month:02d}; bulan 01-12",
        )
    if female_days and day > FEMALE_DAY_OFFSET:
        day -= FEMALE_DAY_OFFSET
    days_ok = "01-31 (41-71 for women)" if female_days else "01-31"
    if not 1 <= day <= calendar.monthrange(2000, month)[1]:
        raise InvalidComponent(
            f"{label} {shown} has day {digits[6:8]}, impossible in month {month:02d}; "
            f"days run {days_ok}",
            code=f"{_p(label)}.day",
            message_id=f"{_id(label)} {shown} memiliki tanggal {digits[6:8]}, tidak mungkin pada "
            f"bulan {month:02d}; tanggal {days_ok.replace('for women', 'untuk perempuan')}",
        )
    if month == 2 and day == 29 and year % 4:
        raise InvalidComponent(
            f"{label} {shown} has 29 February of year {year:02d}, "
            f"a leap year in neither 19{year:02d} nor 20{year:02d}",
            code=f"{_p(label)}.leap_day",
            message_id=f"{_id(label)} {shown} memiliki 29 Februari tahun {year:02d}, bukan tahun "
            f"kabisat (19{year:02d} maupun 20{year:02d})",
        )
    raise InvalidComponent(
        f"{label} {shown} has serial 0000; serials start at 0001",
        code=f"{_p(label)}.serial",
        message_id=f"{_id(label)} {shown} bernomor urut 0000; nomor urut mulai dari 0001",
    )


def region_code(digits: str) -> str:
    """Return the dotted district code of a compact number."""
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}"


def resolve_century(
    label: str, digits: str, day: int, month: int, on: datetime.date
) -> datetime.date:
    """Return ``day``/``month``/``digits[10:12]`` in the latest century not after ``on``."""
    require_day(on)
    two_digits = int(digits[10:12])
    century = on.year - on.year % 100
    for year in (century + two_digits, century - 100 + two_digits):
        if year < datetime.MINYEAR or (month == 2 and day == 29 and not calendar.isleap(year)):
            continue
        candidate = datetime.date(year, month, day)
        if candidate <= on:
            return candidate
    if month == 2 and day == 29:
        raise InvalidComponent(
            f"{label} {mask(digits)}: 29 February {two_digits:02d} falls in no leap year up to "
            f"{on.isoformat()}",
            code=f"{_p(label)}.leap_day",
            message_id=f"{_id(label)} {mask(digits)}: 29 Februari {two_digits:02d} tidak jatuh "
            f"pada tahun kabisat sampai {on.isoformat()}",
        )
    raise InvalidComponent(  # only in the first centuries of the calendar (year 0 is none)
        f"{label} {mask(digits)}: no year ending in {two_digits:02d} up to {on.isoformat()}",
        code=f"{_p(label)}.century",
        message_id=f"{_id(label)} {mask(digits)}: tidak ada tahun berakhiran {two_digits:02d} "
        f"sampai {on.isoformat()}",
    )


def compose_parts(
    label: str,
    *,
    region: str,
    when: datetime.date,
    day_offset: int,
    serial: int,
    female_days: bool,
    allow_unknown_region: bool,
) -> str:
    """Build a 16-digit number from its parts and validate it."""
    dotted = normalize(region)
    if dotted.count(".") != 2:
        raise InvalidComponent(
            f"a {label} needs a district code (PP.KK.DD), got {dotted}",
            code=f"{_p(label)}.district_code",
            message_id=f"{_id(label)} memerlukan kode kecamatan (PP.KK.DD), bukan {dotted}",
        )
    if not isinstance(when, datetime.date) or isinstance(when, datetime.datetime):
        raise InvalidFormat(
            f"the date must be a date (datetime.date), not {type(when).__name__}",
            code="date.type",
            message_id=f"tanggal harus berupa tanggal, bukan {type(when).__name__}",
        )
    if isinstance(serial, bool) or not isinstance(serial, int):
        raise InvalidFormat(
            f"serial must be an int, not {type(serial).__name__}",
            code=f"{_p(label)}.serial_type",
            message_id=f"nomor urut harus bilangan bulat, bukan {type(serial).__name__}",
        )
    if not 1 <= serial <= 9999:
        raise InvalidComponent(
            f"serial {serial} is outside 1-9999",
            code=f"{_p(label)}.serial",
            message_id=f"nomor urut {serial} di luar 1-9999",
        )
    digits = (
        dotted.replace(".", "")
        + f"{when.day + day_offset:02d}{when.month:02d}{when.year % 100:02d}"
        + f"{serial:04d}"
    )
    return check(digits, label, female_days, allow_unknown_region)
