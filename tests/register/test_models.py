"""Tests of the value types: Resident, Address, Family, Membership and the life events.

Every value checks itself when built (and when evolved), so a bad value cannot exist.
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk import (
    Address,
    LifeStatus,
    Membership,
    Relationship,
    Religion,
    Sex,
    errors,
)
from adminduk.register.events import (
    Birth,
    EventDates,
    FamilySplit,
    Marriage,
    MoveIn,
    MoveOut,
    MoveWithin,
)
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import family_event, make_resident, sample_address

D = datetime.date
WHEN: EventDates = {"occurred_on": D(2027, 1, 1), "recorded_on": D(2027, 1, 1)}
BUDI, SITI, ANI = family_event().residents


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"name": "  "}, errors.InvalidFormat, "name must not be empty"),
        ({"name": 5}, errors.InvalidFormat, "name must be a string, not int"),
        ({"birth_date": "1987-08-17"}, errors.InvalidFormat, "birth_date must be a date"),
        ({"birth_date": datetime.datetime(1987, 8, 17)}, errors.InvalidFormat, "must be a date"),
        ({"religion": 1}, errors.InvalidFormat, "religion must be a Religion, not int"),
        ({"sex": "M"}, errors.InvalidFormat, "sex must be a Sex"),
        ({"nik": "1808011708870000"}, errors.InvalidComponent, "serial 0000"),
        (
            {"life_status": LifeStatus.DEAD, "death_date": D(1980, 1, 1)},
            errors.InvalidComponent,
            "death date is before the birth date",
        ),
        (
            {"death_date": D(2030, 1, 1)},
            errors.InvalidComponent,
            "exactly when the resident is dead",
        ),
    ],
)
def test_resident_refuses_bad_values(
    changes: dict[str, Any], error: type[Exception], message: str
) -> None:
    """Each field is checked; a resident that cannot exist is never built."""
    with pytest.raises(error, match=message):
        attrs.evolve(BUDI, **changes)


def test_resident_stores_the_compact_nik_and_knows_its_age() -> None:
    """A NIK written with dots is stored compact; age counts whole years."""
    budi = attrs.evolve(BUDI, nik="18.08.01.170887.0012")
    assert S.head == budi.nik
    assert 39 == budi.age(D(2026, 8, 17))
    assert 38 == budi.age(D(2026, 8, 16))
    assert budi.is_alive


def test_resident_with_an_unknown_old_district_is_accepted() -> None:
    """A real resident may carry a district code older than any known list."""
    old = make_resident("Lama", Sex.MALE, D(1950, 1, 1), district="18.08.01", serial=2)
    moved = attrs.evolve(old, nik="180899" + old.nik[6:])
    assert moved.nik.startswith("180899")


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"rt": "0"}, errors.InvalidComponent, "not a number from 001 to 999"),
        ({"rw": "1000"}, errors.InvalidComponent, "not a number from 001 to 999"),
        ({"rt": "x1"}, errors.InvalidComponent, "not a number"),
        ({"rt": 1.5}, errors.InvalidFormat, "RT/RW must be a string of digits"),
        ({"rt": True}, errors.InvalidFormat, "RT/RW must be a string of digits"),
        ({"village_code": "18.08.01"}, errors.InvalidComponent, "needs a village code"),
        ({"village_code": "18.08.01.9999"}, errors.UnknownRegion, "not in the 2025 code list"),
        ({"street": 12}, errors.InvalidFormat, "street must be a string"),
    ],
)
def test_address_refuses_bad_values(
    changes: dict[str, Any], error: type[Exception], message: str
) -> None:
    """RT and RW run 001-999; the village must be a village of the current list."""
    with pytest.raises(error, match=message):
        attrs.evolve(sample_address(), **changes)


def test_address_normalises() -> None:
    """RT/RW become three digits (ints accepted); undotted village codes get their dots."""
    address = Address(street="", rt=7, rw="02", village_code="1808012006")
    assert ("007", "002", "18.08.01.2006") == (address.rt, address.rw, address.village_code)


@given(
    st.text(alphabet="0123456789 \u0663\u00b2x-+", max_size=5)
    | st.integers(-5, 1200).map(str)
    | st.integers(-5, 1200)
)
def test_rt_and_rw_follow_their_rule_for_every_spelling(value: str | int) -> None:
    """RT/RW: any spelling of 1-999 (ASCII digits, spaces around) is that number in three digits.

    The accepted spellings are a lookup table; this pins the table to the rule as written.
    """
    text = str(value).strip()
    if text.isascii() and text.isdecimal() and 1 <= len(text) <= 3 and int(text) > 0:
        address = attrs.evolve(sample_address(), rt=value, rw=value)
        assert address.rt == address.rw == f"{int(text):03d}"
    else:
        with pytest.raises(errors.ValidationError, match="RT/RW"):
            attrs.evolve(sample_address(), rt=value)


def test_family_refuses_a_member_twice_and_finds_members() -> None:
    """A member listed twice is refused; member() finds a member or raises UnknownResident."""
    family = family_event().family
    with pytest.raises(errors.InvariantViolation, match="lists a member twice") as caught:
        attrs.evolve(family, members=(*family.members, family.members[1]))
    assert "nik-unique" == caught.value.rule
    assert Relationship.WIFE is family.member(S.wife).relationship
    with pytest.raises(errors.UnknownResident, match=r"180801\*+ is not a member"):
        family.member("1808010101010001")
    with pytest.raises(errors.InvalidFormat, match="each member must be a Membership"):
        attrs.evolve(family, members=(*family.members, "x"))  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidFormat, match="address must be an Address"):
        attrs.evolve(family, address="Jl. Merdeka")  # type: ignore[arg-type]


def test_membership_checks_its_fields() -> None:
    """Memberships need a NIK, a Relationship and a date."""
    with pytest.raises(errors.InvalidFormat, match="relationship must be a Relationship"):
        Membership(nik=S.head, relationship=1, since=D(2020, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidFormat, match="since must be a date"):
        Membership(nik=S.head, relationship=Relationship.HEAD, since="2020")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: Marriage(**WHEN, husband=S.head, wife=S.head), "two different residents"),
        (lambda: MoveWithin(**WHEN, niks=(), address=sample_address()), "at least one resident"),
        (lambda: MoveWithin(**WHEN, niks=(S.head,)), "either to a new address or into a family"),
        (
            lambda: MoveWithin(**WHEN, niks=(S.head,), address=sample_address(), join=S.family),
            "either to a new address or into a family",
        ),
        (
            lambda: MoveWithin(**WHEN, niks=(S.head, S.head), address=sample_address()),
            "named twice",
        ),
        (lambda: MoveOut(**WHEN, niks=(), skpwni="A", destination="31"), "at least one resident"),
        (
            lambda: MoveOut(**WHEN, niks=(S.head,), skpwni=" ", destination="31"),
            "skpwni must not be empty",
        ),
        (
            lambda: MoveIn(
                **WHEN,
                residents=(),
                skpwni="A",
                origin="31",
                relationships={},
                address=sample_address(),
            ),
            "at least one resident",
        ),
        (
            lambda: MoveIn(**WHEN, residents=(BUDI,), skpwni="A", origin="31", relationships={}),
            "at an address or join one",
        ),
        (lambda: FamilySplit(**WHEN, family=S.family, relationships={}), "at least one resident"),
        (
            lambda: FamilySplit(
                **WHEN,
                family=S.family,
                relationships=[(S.head, Relationship.HEAD), (S.head, Relationship.CHILD)],
            ),
            "name a resident twice",
        ),
        (
            lambda: FamilySplit(**WHEN, family=S.family, relationships=[(S.head,)]),  # type: ignore[list-item]
            r"\(NIK, Relationship\) pairs",
        ),
        (
            lambda: FamilySplit(**WHEN, family=S.family, relationships={S.head: 1}),  # type: ignore[arg-type]
            "each relationship must be a Relationship",
        ),
        (
            lambda: Birth(
                **WHEN,
                name="X",
                sex=Sex.MALE,
                birth_place="Y",
                mother=S.wife,
                religion="Islam",  # type: ignore[arg-type]
            ),
            "religion must be a Religion",
        ),
        (
            lambda: Marriage(**WHEN, husband=S.head, wife=S.wife, household="new"),  # type: ignore[arg-type]
            "household must be a Household",
        ),
    ],
)
def test_events_refuse_impossible_values(build: Any, message: str) -> None:
    """Events check their own values before they ever reach a register."""
    with pytest.raises(errors.ValidationError, match=message):
        build()


def test_events_compact_their_numbers() -> None:
    """NIKs and KK numbers given with separators are stored compact."""
    birth = Birth(
        **WHEN,
        name="X",
        sex=Sex.MALE,
        birth_place="Y",
        mother="18.08.01.550390.0001",
        religion=Religion.ISLAM,
        family="1808-0115-0720-0003",
    )
    assert (S.wife, S.family) == (birth.mother, birth.family)


@given(
    st.dates(min_value=datetime.date(1900, 1, 1)), st.dates(min_value=datetime.date(1920, 1, 1))
)
def test_the_ktp_el_birth_limit_is_the_age_rule(born: datetime.date, on: datetime.date) -> None:
    """Born on or before ktp_el_birth_limit(on) exactly when 17 or older on ``on``."""
    from adminduk._fields import age_on
    from adminduk.register import KTP_EL_AGE, ktp_el_birth_limit

    assert (born <= ktp_el_birth_limit(on)) == (age_on(born, on) >= KTP_EL_AGE)


def test_replaced_equals_evolve_for_checked_changes() -> None:
    """The unchecked copy gives what attrs.evolve gives when the change is valid."""
    from adminduk._fields import replaced
    from adminduk.samples import SIAP_KELUARGA, sample_registry

    person = sample_registry().resident(SIAP_KELUARGA.head)
    assert attrs.evolve(person, name="Budi S") == replaced(person, name="Budi S")
    assert person.name == "Budi Santoso"
