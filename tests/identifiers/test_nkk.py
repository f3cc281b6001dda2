"""Tests of adminduk.identifiers.nkk: the family card (KK) number."""

from __future__ import annotations

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk import errors
from adminduk.identifiers import nkk
from adminduk.strategies import kk_numbers, region_codes

#: A synthetic KK number: issued in 18.08.01 on 15 July 2020, serial 0003.
SAMPLE = "1808011507200003"


def replace(number: str, start: int, text: str) -> str:
    """Return ``number`` with ``text`` written over it from ``start``."""
    return number[:start] + text + number[start + len(text) :]


def test_validate_compacts() -> None:
    """Separators are stripped and the compact form returned."""
    assert SAMPLE == nkk.validate("18.08.01.150720.0003")
    assert SAMPLE == nkk.compact("1808 0115 0720 0003")


@pytest.mark.parametrize(
    ("number", "error", "message"),
    [
        (SAMPLE[:-1], errors.InvalidLength, "15 characters"),
        (replace(SAMPLE, 5, "a"), errors.InvalidFormat, "non-digit at position 6"),
        (replace(SAMPLE, 0, "00"), errors.InvalidComponent, "province part 00"),
        (replace(SAMPLE, 2, "00"), errors.InvalidComponent, "regency part 00"),
        (replace(SAMPLE, 4, "00"), errors.InvalidComponent, "district part 00"),
        (replace(SAMPLE, 6, "00"), errors.InvalidComponent, "day 00"),
        (replace(SAMPLE, 6, "41"), errors.InvalidComponent, "day 41"),  # no +40 on a KK
        (replace(SAMPLE, 6, "3102"), errors.InvalidComponent, "day 31, impossible in month 02"),
        (replace(SAMPLE, 8, "13"), errors.InvalidComponent, "month 13"),
        (replace(SAMPLE, 6, "290221"), errors.InvalidComponent, "29 February"),
        (replace(SAMPLE, 12, "0000"), errors.InvalidComponent, "serial 0000"),
        (replace(SAMPLE, 4, "99"), errors.UnknownRegionCode, "district 18.08.99"),
        (1808011507200003, errors.InvalidFormat, "must be a string"),
    ],
)
def test_rejections(number: str, error: type[Exception], message: str) -> None:
    """Each impossible part is refused with its own typed error; the message masks the number."""
    with pytest.raises(error, match=message) as caught:
        nkk.validate(number)
    assert not nkk.is_valid(number)
    assert SAMPLE[6:] not in str(caught.value)


def test_unknown_region_allowed() -> None:
    """allow_unknown_region accepts a district in no known list."""
    number = replace(SAMPLE, 4, "99")
    assert number == nkk.validate(number, allow_unknown_region=True)
    assert nkk.is_valid(number, allow_unknown_region=True)
    assert "18.08.99" == nkk.parse(number, allow_unknown_region=True).region_code


def test_format() -> None:
    """The display form groups region parts, date and serial."""
    assert "18.08.01.150720.0003" == nkk.format(SAMPLE)


def test_parse_without_reference_date_uses_the_2000s() -> None:
    """Without ``on`` the issue date is placed in the 2000s."""
    assert nkk.KKInfo("18.08.01", datetime.date(2020, 7, 15), 3) == nkk.parse(SAMPLE)
    assert datetime.date(2099, 7, 15) == nkk.parse(replace(SAMPLE, 10, "99")).issued_on


@pytest.mark.parametrize(
    ("yy", "on", "expected_year"),
    [
        ("99", datetime.date(2026, 11, 27), 1999),
        ("20", datetime.date(2026, 11, 27), 2020),
        ("26", datetime.date(2026, 7, 15), 2026),
        ("26", datetime.date(2026, 7, 14), 1926),
    ],
)
def test_parse_with_reference_date(yy: str, on: datetime.date, expected_year: int) -> None:
    """With ``on`` the issue year is the latest one ending in YY that is not after ``on``."""
    assert expected_year == nkk.parse(replace(SAMPLE, 10, yy), on=on).issued_on.year


@given(
    code=region_codes(),
    issued=st.dates(datetime.date(2000, 1, 1), datetime.date(2099, 12, 31)),
    serial=st.integers(1, 9999),
)
def test_compose_parse_round_trip(code: str, issued: datetime.date, serial: int) -> None:
    """parse(compose(x)) is x for any district, issue date in the 2000s and serial."""
    number = nkk.compose(region_code=code, issued_on=issued, serial=serial)
    assert nkk.KKInfo(code, issued, serial) == nkk.parse(number)


@given(kk_numbers())
def test_format_and_compact_are_inverses(number: str) -> None:
    """compact(format(n)) is n for every valid KK number."""
    assert number == nkk.compact(nkk.format(number))
    assert number == nkk.validate(number)


def test_compose_refuses_a_serial_out_of_range() -> None:
    """Serials run 1-9999."""
    with pytest.raises(errors.InvalidComponent, match="outside 1-9999"):
        nkk.compose(region_code="18.08.01", issued_on=datetime.date(2020, 7, 15), serial=0)


def test_compose_refuses_a_moment_for_the_issue_date() -> None:
    """A KK's issue date is a day: a datetime is refused (issue 25)."""
    with pytest.raises(errors.InvalidFormat, match=r"datetime\.date"):
        nkk.compose(region_code="18.08.01", issued_on=datetime.datetime(2020, 7, 15, 9), serial=3)


@pytest.mark.parametrize("on", [datetime.date(100, 1, 1), datetime.date(100, 7, 14)])
def test_a_reference_day_in_the_second_century_never_leaves_the_calendar(
    on: datetime.date,
) -> None:
    """Issued 15-07-00, asked before 15 July 100: year 0 does not exist; a typed refusal."""
    with pytest.raises(errors.InvalidComponent, match="no year ending in 00"):
        nkk.parse("1808011507000003", on=on)
