"""Tests of adminduk.strategies: validity, documented shrink targets and argument checking."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from hypothesis import find, given
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from adminduk import Sex, regions
from adminduk.identifiers import kk, nik
from adminduk.regions import RegionLevel
from adminduk.strategies import kk_numbers, niks, region_codes

ON = datetime.date(2026, 11, 27)


@given(niks())
def test_niks_are_valid(number: str) -> None:
    """Every generated NIK passes the library's own validation, region check included."""
    assert number == nik.validate(number)


@given(kk_numbers())
def test_kk_numbers_are_valid(number: str) -> None:
    """Every generated KK number passes validation."""
    assert number == kk.validate(number)


@given(
    niks(
        region_codes=st.sampled_from(["18.08.01", "18.08.15"]),
        sex=st.just(Sex.FEMALE),
        min_birth_date=datetime.date(2008, 1, 1),
        max_birth_date=datetime.date(2009, 12, 31),
    )
)
def test_niks_obey_their_arguments(number: str) -> None:
    """Regions, sex and birth dates come from the arguments, given as strategies."""
    info = nik.parse(number, on=datetime.date(2026, 1, 1))
    assert info.region_code in ("18.08.01", "18.08.15")
    assert Sex.FEMALE is info.sex
    assert datetime.date(2008, 1, 1) <= info.birth_date <= datetime.date(2009, 12, 31)


@given(kk_numbers(region_codes=["1808" + "15"], min_issue_date=datetime.date(2021, 1, 1)))
def test_kk_numbers_obey_their_arguments(number: str) -> None:
    """KK numbers come from the given districts and dates."""
    info = kk.parse(number)
    assert "18.08.15" == info.region_code
    assert info.issued_on >= datetime.date(2021, 1, 1)


def test_nik_shrink_target() -> None:
    """NIKs shrink toward region 11.01.01, a man born 1 January 2000, serial 0001."""
    found = find(niks(), lambda number: True)
    assert nik.NIKInfo("11.01.01", datetime.date(2000, 1, 1), Sex.MALE, 1) == nik.parse(
        found, on=ON
    )


def test_nik_shrink_target_within_a_date_range() -> None:
    """With dates excluding 2000, the birth date shrinks to the nearest allowed one."""
    found = find(niks(min_birth_date=datetime.date(2010, 5, 5)), lambda number: True)
    assert datetime.date(2010, 5, 5) == nik.parse(found, on=ON).birth_date


def test_kk_shrink_target() -> None:
    """KK numbers shrink toward 11.01.01, issued 1 January 2000, serial 0001."""
    found = find(kk_numbers(), lambda number: True)
    assert kk.KKInfo("11.01.01", datetime.date(2000, 1, 1), 1) == kk.parse(found)


def test_region_codes_shrink_target_and_level() -> None:
    """Region codes shrink toward the lowest code of their level."""
    assert "11" == find(region_codes(level=RegionLevel.PROVINCE), lambda code: True)
    assert "11.01.01" == find(region_codes(), lambda code: True)
    assert "18.08.01.1005" == find(
        region_codes(level=RegionLevel.VILLAGE, within="18.08.01"), lambda code: True
    )


@given(region_codes(level=RegionLevel.REGENCY, within="18"))
def test_region_codes_within(code: str) -> None:
    """Codes lie below ``within`` at the requested level and exist in the current list."""
    assert code.startswith("18.")
    assert RegionLevel.REGENCY is regions.get(code).level


@pytest.mark.parametrize(
    ("strategy", "kwargs"),
    [
        (region_codes, {"level": 3}),
        (region_codes, {"within": "18.99"}),
        (region_codes, {"within": "not a code"}),
        (region_codes, {"level": RegionLevel.PROVINCE, "within": "18"}),
        (niks, {"region_codes": []}),
        (niks, {"region_codes": "18.08.01"}),
        (niks, {"region_codes": ["18.08"]}),
        (niks, {"region_codes": ["18.08.99"]}),
        (niks, {"region_codes": ["18/08/01"]}),
        (niks, {"sex": "F"}),
        (
            niks,
            {
                "min_birth_date": datetime.date(2001, 1, 1),
                "max_birth_date": datetime.date(2000, 1, 1),
            },
        ),
        (niks, {"min_birth_date": "2000-01-01"}),
        (niks, {"max_birth_date": datetime.datetime(2000, 1, 1)}),
        (
            kk_numbers,
            {
                "min_issue_date": datetime.date(2030, 1, 1),
                "max_issue_date": datetime.date(2020, 1, 1),
            },
        ),
    ],
)
def test_bad_arguments(strategy: Any, kwargs: dict[str, Any]) -> None:
    """Bad arguments raise InvalidArgument when the strategy is used."""
    with pytest.raises(InvalidArgument):
        strategy(**kwargs).example()
