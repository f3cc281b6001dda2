"""Strategies for identifiers and region codes: NIKs, KK numbers, region codes."""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from adminduk import regions
from adminduk.codes import (
    Sex,
)
from adminduk.errors import AdmindukError
from adminduk.identifiers import nik, nkk
from adminduk.regions import RegionLevel

_MIN_DATE = datetime.date(1900, 1, 1)
_MAX_DATE = datetime.date(2099, 12, 31)


def region_codes(
    *, level: RegionLevel = RegionLevel.DISTRICT, within: str | None = None
) -> st.SearchStrategy[str]:
    """Generate dotted region codes of ``level`` from the current code list, below ``within``.

    Shrinks toward the lowest code (``11.01.01`` for districts of the whole country).

    >>> from hypothesis import find
    >>> find(region_codes(level=RegionLevel.DISTRICT, within="18.08"), lambda code: True)
    '18.08.01'
    """
    if not isinstance(level, RegionLevel):
        raise InvalidArgument(f"level must be a RegionLevel, not {level!r}")
    try:
        found = _codes_at(level, within)
    except AdmindukError as error:
        raise InvalidArgument(f"within={within!r}: {error}") from None
    if not found:
        raise InvalidArgument(f"there is no region of level {level.name} within {within!r}")
    return st.sampled_from(found)


@functools.lru_cache(maxsize=256)
def _codes_at(level: RegionLevel, within: str | None) -> tuple[str, ...]:
    """The codes of one level below ``within`` (walking 83,762 villages is worth caching)."""
    return tuple(region.code for region in regions.walk(within, level=level))


def _codes_argument(
    region_codes: Sequence[str] | st.SearchStrategy[str] | None,
) -> st.SearchStrategy[str]:
    if region_codes is None:
        return st.sampled_from(
            sorted(f"{c[0:2]}.{c[2:4]}.{c[4:6]}" for c in regions.known_district_codes())
        )
    if isinstance(region_codes, st.SearchStrategy):
        return region_codes
    if isinstance(region_codes, str) or not region_codes:
        raise InvalidArgument("region_codes must be a non-empty sequence of codes or a strategy")
    try:
        codes = [regions.normalize(code) for code in region_codes]
    except AdmindukError as error:
        raise InvalidArgument(f"region_codes: {error}") from None
    if any(code.count(".") != 2 for code in codes):
        raise InvalidArgument("region_codes must be district codes (PP.KK.DD)")
    unknown = [c for c in codes if c.replace(".", "") not in regions.known_district_codes()]
    if unknown:
        raise InvalidArgument(f"region_codes {unknown} are in no known code list")
    return st.sampled_from(codes)


def _date_range(name: str, low: datetime.date, high: datetime.date) -> None:
    for label, value in ((f"min_{name}", low), (f"max_{name}", high)):
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            raise InvalidArgument(f"{label} must be a date, not {value!r}")
    if low > high:
        raise InvalidArgument(f"min_{name}={low} is after max_{name}={high}")


def niks(
    *,
    region_codes: Sequence[str] | st.SearchStrategy[str] | None = None,
    sex: Sex | st.SearchStrategy[Sex] | None = None,
    min_birth_date: datetime.date = _MIN_DATE,
    max_birth_date: datetime.date = _MAX_DATE,
) -> st.SearchStrategy[str]:
    """Generate valid NIKs (compact, 16 digits).

    ``region_codes``: district codes to draw from (a sequence or a strategy; default every code of
    every known list). ``sex``: a :class:`~adminduk.codes.Sex` or a strategy of them (default both).
    Birth dates lie between ``min_birth_date`` and ``max_birth_date``.

    Shrinks toward region 11.01.01, a man born on 1 January 2000 (or the nearest allowed date),
    serial 0001.
    """
    _date_range("birth_date", min_birth_date, max_birth_date)
    codes = _codes_argument(region_codes)
    if sex is None:
        sexes: st.SearchStrategy[Sex] = st.sampled_from(Sex)
    elif isinstance(sex, Sex):
        sexes = st.just(sex)
    elif isinstance(sex, st.SearchStrategy):
        sexes = sex
    else:
        raise InvalidArgument(f"sex must be a Sex or a strategy of Sex, not {sex!r}")
    return st.builds(
        lambda code, birth, s, serial: nik.compose(
            region_code=code, birth_date=birth, sex=s, serial=serial
        ),
        codes,
        st.dates(min_birth_date, max_birth_date),
        sexes,
        st.integers(1, 9999),
    )


def kk_numbers(
    *,
    region_codes: Sequence[str] | st.SearchStrategy[str] | None = None,
    min_issue_date: datetime.date = datetime.date(2000, 1, 1),
    max_issue_date: datetime.date = datetime.date(2099, 12, 31),
) -> st.SearchStrategy[str]:
    """Generate valid KK numbers (compact, 16 digits) issued between the two dates.

    Shrinks toward region 11.01.01, issued on 1 January 2000, serial 0001.

    >>> from hypothesis import find
    >>> find(kk_numbers(), lambda number: True)
    '1101010101000001'
    """
    _date_range("issue_date", min_issue_date, max_issue_date)
    codes = _codes_argument(region_codes)
    return st.builds(
        lambda code, issued, serial: nkk.compose(
            region_code=code, issued_on=issued, serial=serial
        ),
        codes,
        st.dates(min_issue_date, max_issue_date),
        st.integers(1, 9999),
    )
