"""A person entered in the register a second time, under a new NIK (the tests of duplicates).

Not a test module: the merge, linkage and CLI tests plant the same kind of second record.
"""

from __future__ import annotations

import datetime

from adminduk.codes import MaritalStatus, Relationship, Sex
from adminduk.register import Address, Family, Membership, Registry
from adminduk.register.events import EventDates, FamilyRegistered
from adminduk.samples import make_resident

DAY = datetime.date(2026, 2, 2)
DATES = EventDates(occurred_on=DAY, recorded_on=DAY)
ELSEWHERE = Address(street="Jl. Pasar No. 3", rt="1", rw="2", village_code="18.08.04.2001")


def entered_again(
    registry: Registry,
    number: str,
    *,
    kk: str,
    name: str | None = None,
    spouse_name: str | None = None,
) -> str:
    """Register ``number``'s person again under a new NIK (by default with the name in capitals)
    as head of a new family in Baradatu, with a wife if ``spouse_name``; the new NIK."""
    person = registry.resident(number)
    again = make_resident(name or person.name.upper(), person.sex, person.birth_date,
                          district="18.08.04", serial=77, birth_place=person.birth_place,
                          marital_status=person.marital_status)  # fmt: skip
    residents = [again]
    members = [Membership(nik=again.nik, relationship=Relationship.HEAD, since=DAY)]
    if spouse_name is not None:
        wife = make_resident(spouse_name, Sex.FEMALE, datetime.date(1990, 2, 3),
                             district="18.08.04", serial=78,
                             marital_status=MaritalStatus.MARRIED)  # fmt: skip
        residents.append(wife)
        members.append(Membership(nik=wife.nik, relationship=Relationship.WIFE, since=DAY))
    family = Family(number=kk, address=ELSEWHERE, members=tuple(members))
    registry.apply(FamilyRegistered(family=family, residents=tuple(residents), **DATES))
    return again.nik
