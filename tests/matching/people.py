"""Synthetic people for the matching tests: names from adminduk's word lists, with the common
Indonesian name parts (Muhammad, Siti, Nur) mixed in, and single-word names."""

from __future__ import annotations

import datetime

from hypothesis import strategies as st

from adminduk._names import BIRTH_PLACES, FEMALE_NAMES, MALE_NAMES, SECOND_NAMES
from adminduk.codes import Sex
from adminduk.matching import Person

PREFIXES = ("", "", "", "Muhammad ", "Siti ", "Nur ", "Ahmad ")


@st.composite
def names(draw: st.DrawFn, sex: Sex) -> str:
    """A given name, perhaps with a common prefix, and perhaps a second name."""
    given = draw(st.sampled_from(MALE_NAMES if sex is Sex.MALE else FEMALE_NAMES))
    prefix = draw(st.sampled_from(PREFIXES))
    second = draw(st.sampled_from(("", *SECOND_NAMES)))
    return " ".join(part for part in (prefix.strip(), given, second) if part)


@st.composite
def people(draw: st.DrawFn) -> Person:
    """A person as a filing describes them (no NIK)."""
    sex = draw(st.sampled_from(Sex))
    return Person(
        name=draw(names(sex)),
        sex=sex,
        birth_date=draw(st.dates(datetime.date(1940, 1, 1), datetime.date(2025, 12, 31))),
        birth_place=draw(st.sampled_from(BIRTH_PLACES)),
        mother_name=draw(names(Sex.FEMALE)),
    )
