"""The edges of the NIK and KK rules that mutation testing showed no test pinned (issue 25).

Each test is written from the rule: December is a month, the 29th is a leap day only in
February, a woman's day runs 41-71, a number from a region not (yet) in the Kemendagri list
still has a sex, birth date and region, and the input bound is inclusive. docs/mutation.md
lists the mutants they were written against.
"""

from __future__ import annotations

import datetime
import re

import pytest

from adminduk.codes import Sex
from adminduk.errors import AdmindukError, InvalidComponent
from adminduk.identifiers import nik, nkk

ON = datetime.date(2026, 3, 2)


@pytest.mark.parametrize(
    ("number", "day"),
    [
        ("1808012901030001", datetime.date(2003, 1, 29)),  # 29 January of a common year
        ("1808012903030001", datetime.date(2003, 3, 29)),  # 29 March of a common year
        ("1808012802030001", datetime.date(2003, 2, 28)),  # 28 February of a common year
    ],
)
def test_only_29_february_needs_a_leap_year(number: str, day: datetime.date) -> None:
    """The 29th of another month, or February's 28th, is an ordinary day in any year."""
    assert nik.parse(number, on=ON).birth_date == day
    assert nkk.parse(number, on=ON).issued_on == day


@pytest.mark.parametrize(
    "number",
    [
        "1808010112030000",  # 1 December: December is a month
        "1808012901030000",  # 29 January: not a leap day
        "1808012903030000",  # 29 March: not a leap day
    ],
)
def test_a_number_is_refused_for_what_is_wrong_with_it(number: str) -> None:
    """A serial of 0000 is refused as such, not for a month or leap day that is fine."""
    for module in (nik, nkk):
        with pytest.raises(InvalidComponent) as raised:
            module.validate(number)
        assert raised.value.code.endswith(".serial"), raised.value.code


def test_the_nik_pattern_takes_a_woman_s_day() -> None:
    """Women's NIKs carry the day plus 40 (41-71): the pattern takes them, and no day 40 or 72."""
    assert re.fullmatch(nik.PATTERN, "1808014501900001") is not None
    assert re.fullmatch(nik.PATTERN, "1808010501900001") is not None
    for day in ("00", "32", "40", "72"):
        assert re.fullmatch(nik.PATTERN, f"180801{day}01900001") is None, day


def test_a_number_from_an_unlisted_region_still_tells_what_it_encodes() -> None:
    """The helpers that read one part of a number do not need the region to be listed."""
    unlisted = "9901014501900001"
    assert nik.get_sex(unlisted) is Sex.FEMALE
    assert nik.get_region_code(unlisted) == "99.01.01"
    assert nik.get_birth_date(unlisted, on=ON) == datetime.date(1990, 1, 5)
    assert nkk.format("9901010101030001") == "99.01.01.010103.0001"


def test_the_input_bound_is_inclusive() -> None:
    """An input of exactly the longest length taken (padding included) is read."""
    padded = "1808014501900001".rjust(64)
    assert len(padded) == 64
    assert nik.compact(padded) == "1808014501900001"
    with pytest.raises(AdmindukError, match="65 characters"):
        nik.compact(" " + padded)
