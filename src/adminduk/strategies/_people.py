"""Strategies for people, families and registers: names, addresses, residents, families."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from adminduk._names import BIRTH_PLACES, FEMALE_NAMES, MALE_NAMES, SECOND_NAMES, STREETS
from adminduk.codes import (
    BloodType,
    Disability,
    Education,
    MaritalStatus,
    Occupation,
    Relationship,
    Religion,
    Sex,
)
from adminduk.identifiers import nik, nkk
from adminduk.regions import RegionLevel
from adminduk.register import KTP_EL_AGE
from adminduk.register.address import Address
from adminduk.register.events import (
    FamilyRegistered,
)
from adminduk.register.family import Family, Membership
from adminduk.register.registry import Registry
from adminduk.register.resident import Resident
from adminduk.strategies._identifiers import (
    _codes_argument,
    _date_range,
    region_codes,
)

# --- people, families and registers ------------------------------------------------------------

_ON = datetime.date(2026, 1, 1)


def names(*, sex: Sex | None = None) -> st.SearchStrategy[str]:
    """Generate plausible, synthetic Indonesian names of one or two words.

    Shrinks toward the first given name of the list ("Agus" for men, "Ani" for women).
    """
    if sex is not None and not isinstance(sex, Sex):
        raise InvalidArgument(f"sex must be a Sex, not {sex!r}")
    first = {None: MALE_NAMES + FEMALE_NAMES, Sex.MALE: MALE_NAMES, Sex.FEMALE: FEMALE_NAMES}[sex]
    return st.builds(
        lambda given, second: f"{given} {second}".strip(),
        st.sampled_from(first),
        st.sampled_from(("", *SECOND_NAMES)),
    )


def addresses(*, within: str = "18.08") -> st.SearchStrategy[Address]:
    """Generate addresses in villages of the 2025 list below ``within``.

    Shrinks toward the lowest village code, RT 001, RW 001.
    """
    return st.builds(
        lambda village, street, number, rt, rw: Address(
            street=f"{street} No. {number}", rt=str(rt), rw=str(rw), village_code=village
        ),
        region_codes(level=RegionLevel.VILLAGE, within=within),
        st.sampled_from(STREETS),
        st.integers(1, 200),
        st.integers(1, 20),
        st.integers(1, 10),
    )


@st.composite
def _resident(
    draw: st.DrawFn,
    /,
    *,
    sex: Sex | None,
    born: tuple[datetime.date, datetime.date],
    district: str,
    serial: int,
    **fields: Any,
) -> Resident:
    chosen = sex or draw(st.sampled_from(Sex))
    birth_date = draw(st.dates(*born))
    values: dict[str, Any] = {
        "religion": draw(st.sampled_from(Religion)),
        "marital_status": MaritalStatus.SINGLE,
        "education": draw(st.sampled_from(Education)),
        "occupation": draw(st.sampled_from(Occupation)),
        "blood_type": draw(st.sampled_from(BloodType)),
        "birth_place": draw(st.sampled_from(BIRTH_PLACES)),
        # drawn last, so existing examples keep their shape; None shrinks first
        "disability": draw(st.none() | st.sampled_from(Disability)),
    }
    values.update(fields)
    return Resident(
        nik=nik.compose(region_code=district, birth_date=birth_date, sex=chosen, serial=serial),
        name=draw(names(sex=chosen)),
        sex=chosen,
        birth_date=birth_date,
        **values,
    )


def residents(
    *,
    sex: Sex | None = None,
    min_birth_date: datetime.date = datetime.date(1930, 1, 1),
    max_birth_date: datetime.date = _ON,
    region_codes: Sequence[str] | st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Resident]:
    """Generate single, living residents whose NIK agrees with their sex and birth date.

    Shrinks toward a man born on 1 January 2000 (or the nearest allowed date) in 11.01.01.
    """
    _date_range("birth_date", min_birth_date, max_birth_date)
    codes = _codes_argument(region_codes)
    return st.builds(
        lambda district, serial, data: data.draw(
            _resident(
                sex=sex, born=(min_birth_date, max_birth_date), district=district, serial=serial
            )
        ),
        codes,
        st.integers(1, 9999),
        st.data(),
    )


def _years_before(day: datetime.date, years: int) -> datetime.date:
    return day.replace(year=day.year - years, day=min(day.day, 28))


def family_registrations(
    *,
    min_size: int = 1,
    max_size: int = 8,
    within: str = "18.08",
    on: datetime.date = _ON,
    block: int = 0,
) -> st.SearchStrategy[FamilyRegistered]:
    """Generate a family with its residents, ready to register on ``on``.

    The head is 17 or older (or married); a wife or husband is married to the head; children
    are born after both; NIKs use serials ``block * 20 + 1`` onward so that families drawn with
    different ``block`` numbers never share a NIK or KK number. Shrinks toward a one-person
    family: a single man of 17 in the lowest village of ``within``.
    """
    if not 1 <= min_size <= max_size <= 20:
        raise InvalidArgument("need 1 <= min_size <= max_size <= 20")
    if not 0 <= block < 499:
        raise InvalidArgument("block must be 0-498")
    return _family_registrations(
        places=addresses(within=within),
        min_size=min_size,
        max_size=max_size,
        on=on,
        block=block,
    )


@st.composite
def _family_registrations(
    draw: st.DrawFn,
    /,
    *,
    places: st.SearchStrategy[Address],
    min_size: int,
    max_size: int,
    on: datetime.date,
    block: int,
) -> FamilyRegistered:
    address = draw(places)
    district = address.district_code
    size = draw(st.integers(min_size, max_size))
    serials = iter(range(block * 20 + 1, block * 20 + 21))
    married = size > 1 and draw(st.booleans())
    status = MaritalStatus.MARRIED if married else MaritalStatus.SINGLE
    head = draw(
        _resident(
            sex=Sex.MALE if married else None,
            born=(_years_before(on, 70), _years_before(on, 25 if married else KTP_EL_AGE)),
            district=district,
            serial=next(serials),
            marital_status=status,
        )
    )
    people: list[tuple[Resident, Relationship]] = [(head, Relationship.HEAD)]
    elders = [head]
    if married:
        wife = draw(
            _resident(
                sex=Sex.FEMALE,
                born=(_years_before(on, 65), _years_before(on, 20)),
                district=district,
                serial=next(serials),
                marital_status=status,
            )
        )
        people.append((wife, Relationship.WIFE))
        elders.append(wife)
    youngest_elder = max(person.birth_date for person in elders)
    while len(people) < size:
        first_possible = youngest_elder + datetime.timedelta(days=16 * 365)
        if first_possible < on:
            child = draw(
                _resident(
                    sex=None,
                    born=(first_possible, on),
                    district=district,
                    serial=next(serials),
                )
            )
            people.append((child, Relationship.CHILD))
        else:
            relative = draw(
                _resident(
                    sex=None,
                    born=(_years_before(on, 80), on),
                    district=district,
                    serial=next(serials),
                )
            )
            people.append((relative, Relationship.OTHER_RELATIVE))
    family = Family(
        number=nkk.compose(region_code=district, issued_on=on, serial=block + 1),
        address=address,
        members=tuple(Membership(nik=p.nik, relationship=r, since=on) for p, r in people),
    )
    return FamilyRegistered(
        occurred_on=on, recorded_on=on, family=family, residents=tuple(p for p, _ in people)
    )


def families(
    *, min_size: int = 1, max_size: int = 8, within: str = "18.08"
) -> st.SearchStrategy[Family]:
    """Generate families (family cards) with consistent relationships and ages.

    Shrinks like :func:`family_registrations`.
    """
    return family_registrations(min_size=min_size, max_size=max_size, within=within).map(
        lambda event: event.family
    )


def registries(
    *,
    min_families: int = 1,
    max_families: int = 5,
    within: str = "18.08",
    max_family_size: int = 6,
) -> st.SearchStrategy[Registry]:
    """Generate a register of ``within`` holding between the given numbers of families.

    Shrinks toward one one-person family.
    """
    if not 0 <= min_families <= max_families <= 200:
        raise InvalidArgument("need 0 <= min_families <= max_families <= 200")
    return _registries(min_families, max_families, within, max_family_size)


@st.composite
def _registries(
    draw: st.DrawFn, min_families: int, max_families: int, within: str, max_family_size: int
) -> Registry:
    count = draw(st.integers(min_families, max_families))
    registry = Registry(area=within)
    for block in range(count):
        registry.apply(
            draw(family_registrations(max_size=max_family_size, within=within, block=block))
        )
    return registry
