"""Two records compared: one person's second record is found whichever field carries the error,
and two people who merely share a common name and birth date are not put to an officer."""

from __future__ import annotations

import datetime
import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.codes import Sex
from adminduk.errors import InvalidComponent, ValidationError
from adminduk.matching import LEVELS, REVIEW_WEIGHT, Person, compare
from adminduk.simulation.duplicates import CORRUPTIONS, FIELDS, corrupt
from tests.matching.people import people


@settings(max_examples=300)
@given(people(), st.sampled_from(FIELDS), st.randoms(use_true_random=False))
def test_a_second_record_with_one_error_is_a_likely_duplicate(
    person: Person, field: str | None, rng: random.Random
) -> None:
    """A planted duplicate scores at the review weight or above, whichever field is corrupted."""
    second = corrupt(person, field, rng)
    comparison = compare(second, person)
    assert comparison.likely, comparison.explain()
    assert comparison.weight == compare(person, second).weight


@given(people(), people())
def test_different_mothers_places_and_names_are_not_duplicates(
    first: Person, other: Person
) -> None:
    """Two people who share birth date and sex but no name, mother or place are not a pair."""
    second = attrs.evolve(other, birth_date=first.birth_date, sex=first.sex)
    result = compare(first, second)
    differ = {a.field for a in result.agreements if a.level == "different"}
    if {"name", "mother_name", "birth_place"} <= differ:
        assert not result.likely


def test_same_name_and_birth_date_alone_is_below_review() -> None:
    """A common name and a shared birth date, with another mother and place, is not enough."""
    day = datetime.date(2001, 5, 17)
    first = Person(name="Budi Santoso", sex=Sex.MALE, birth_date=day, birth_place="Kasui",
                   mother_name="Sri Utami")  # fmt: skip
    second = Person(name="Budi Santoso", sex=Sex.MALE, birth_date=day, birth_place="Metro",
                    mother_name="Endang Lestari")  # fmt: skip
    result = compare(first, second)
    assert result.weight < REVIEW_WEIGHT
    assert "mother name: different (-4.0)" in result.explain()


def test_the_nik_vouches_for_a_mistyped_birth_date() -> None:
    """A record whose date field was mistyped still carries the true date in its NIK."""
    first = Person(
        name="Ani",
        sex=Sex.FEMALE,
        birth_date=datetime.date(2005, 11, 21),
        birth_place="Kasui",
        nik="1808014101050001",
    )  # NIK: born 2005-01-01, fmt: skip
    second = attrs.evolve(first, birth_date=datetime.date(2005, 1, 1), nik=None)
    levels = {a.field: a.level for a in compare(second, first).agreements}
    assert levels["birth_date"] == "as the NIK encodes"


def test_every_level_is_reachable_and_weighed_once() -> None:
    """The table names each field's levels once, with a description, from best to worst."""
    seen = {(level.field, level.level) for level in LEVELS}
    assert len(seen) == len(LEVELS)
    for field in ("name", "birth_date", "sex", "mother_name", "birth_place"):
        weights = [level.weight for level in LEVELS if level.field == field]
        assert weights == sorted(weights, reverse=True)
        assert weights[-1] < 0 < weights[0]


def test_bad_input_is_refused() -> None:
    """A person without a name, or a field no corruption knows, is refused clearly."""
    with pytest.raises(ValidationError):
        Person(name=" ", sex=Sex.MALE, birth_date=datetime.date(2000, 1, 1), birth_place="X")
    person = Person(name="Ani", sex=Sex.FEMALE, birth_date=datetime.date(2000, 1, 1),
                    birth_place="Kasui")  # fmt: skip
    with pytest.raises(InvalidComponent, match="no corruption for the field"):
        corrupt(person, "religion", random.Random(0))
    assert [*CORRUPTIONS, None] == list(FIELDS)  # every field, and a record entered anew


def test_a_typo_that_looks_like_an_old_spelling_is_still_one_typo() -> None:
    """'Jkoo' for 'Joko' standardises to 'jku' (oo was u before EYD), yet as written it is one
    exchange of letters from the original: similar, found by the hypothesis test above."""
    first = Person(name="Joko", sex=Sex.MALE, birth_date=datetime.date(2000, 1, 1),
                   birth_place="Kasui", mother_name="Ani")  # fmt: skip
    levels = {
        a.field: a.level for a in compare(attrs.evolve(first, name="Jkoo"), first).agreements
    }
    assert levels["name"] == "similar"


def _dates_near(born: datetime.date) -> st.SearchStrategy[datetime.date]:
    """Dates a second record may carry: the same, swapped, one digit off, or anything."""
    near = [born, born + datetime.timedelta(days=1), born.replace(year=born.year - 1)]
    if born.day <= 12:
        near.append(datetime.date(born.year, born.day, born.month))
    return st.one_of(
        st.sampled_from(near), st.dates(datetime.date(1940, 1, 1), datetime.date(2025, 12, 31))
    )


@settings(max_examples=300)
@given(people(), st.data())
def test_the_cheap_bound_never_drops_a_likely_pair(first: Person, data: st.DataObject) -> None:
    """Whenever two records compare as likely, ``may_reach`` on the second's birth date, sex
    and NIK says they could: the scan that skips pairs it rules out loses none."""
    from adminduk.identifiers.nik import birth_part
    from adminduk.matching import may_reach

    if data.draw(st.booleans()):
        second = corrupt(first, data.draw(st.sampled_from(FIELDS)), data.draw(st.randoms()))
    else:
        second = attrs.evolve(data.draw(people()), name=first.name, mother_name=first.mother_name)
    encoded = data.draw(st.sampled_from((first.birth_date, second.birth_date)))
    sex = data.draw(st.sampled_from((second.sex, first.sex)))
    nik = data.draw(st.sampled_from((None, f"180801{birth_part(encoded, sex)}0001")))
    second = attrs.evolve(second, birth_date=data.draw(_dates_near(first.birth_date)), nik=nik)
    threshold = data.draw(st.sampled_from((REVIEW_WEIGHT, 9.0, 14.5)))
    if compare(first, second, threshold=threshold).likely:
        assert may_reach(first, second.birth_date, second.sex, second.nik, threshold=threshold)


def test_the_cheap_bound_rules_out_another_date() -> None:
    """With another birth date (-7), even the best names, mother and place (8 + 1 + 5 + 2)
    stay under the review weight; a swapped day and month does not rule a pair out."""
    from adminduk.matching import may_reach

    first = Person(name="Ani", sex=Sex.FEMALE, birth_date=datetime.date(2020, 5, 1),
                   birth_place="Baradatu", mother_name="Sri")  # fmt: skip
    same = attrs.evolve(first, birth_date=datetime.date(2020, 8, 9))
    assert compare(first, same).weight == 9.0
    assert not may_reach(first, same.birth_date, same.sex)
    assert may_reach(first, same.birth_date, same.sex, threshold=9.0)
    assert may_reach(first, datetime.date(2020, 1, 5), Sex.FEMALE)
