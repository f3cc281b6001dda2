"""Small, deterministic, synthetic sample data for documentation, demos and fixtures.

Every name and number here is invented. The sample family lives in Lembasung village,
Blambangan Umpu district, Way Kanan (18.08.01.2006):

>>> family_event().family.head == SIAP_KELUARGA.head
True
"""

from __future__ import annotations

import datetime
from typing import Any

import attrs

from adminduk.address import Address
from adminduk.codes import Education, MaritalStatus, Occupation, Relationship, Religion, Sex
from adminduk.events import FamilyRegistered
from adminduk.family import Family, Membership
from adminduk.identifiers import nik
from adminduk.resident import Resident

__all__ = ["SIAP_KELUARGA", "SampleNumbers", "family_event", "make_resident", "sample_address"]


@attrs.frozen
class SampleNumbers:
    """The synthetic numbers of the sample family."""

    family: str
    head: str
    wife: str
    child: str


#: Numbers of the sample family: a couple married in 2012 and their daughter born in 2015.
SIAP_KELUARGA = SampleNumbers(
    family="1808011507200003",
    head="1808011708870012",
    wife="1808015503900001",
    child="1808014101150003",
)

_ISSUED = datetime.date(2020, 7, 15)


def make_resident(
    name: str,
    sex: Sex,
    birth_date: datetime.date,
    *,
    district: str = "18.08.01",
    serial: int = 1,
    **fields: Any,
) -> Resident:
    """Build a resident with a NIK composed from ``district``, the birth date, sex and ``serial``.

    Other fields default to a single, Muslim, primary-educated resident; pass any of them.

    >>> make_resident("Rina Wati", Sex.FEMALE, datetime.date(2001, 5, 9), serial=7).nik
    '1808014905010007'
    """
    defaults: dict[str, Any] = {
        "birth_place": "Blambangan Umpu",
        "religion": Religion.ISLAM,
        "marital_status": MaritalStatus.SINGLE,
        "education": Education.PRIMARY,
        "occupation": Occupation.FARMER,
    }
    defaults.update(fields)
    number = nik.compose(region_code=district, birth_date=birth_date, sex=sex, serial=serial)
    return Resident(nik=number, name=name, sex=sex, birth_date=birth_date, **defaults)


def sample_address() -> Address:
    """Return the sample family's address in Lembasung, Blambangan Umpu."""
    return Address(
        street="Jl. Lintas Sumatera No. 12", rt="3", rw="1", village_code="18.08.01.2006"
    )


def family_event(
    *, occurred_on: datetime.date = _ISSUED, recorded_on: datetime.date = _ISSUED
) -> FamilyRegistered:
    """Return the sample family's registration: Budi Santoso, Siti Rahmawati and their daughter Ani."""
    married = MaritalStatus.MARRIED
    budi = Resident(
        nik=SIAP_KELUARGA.head,
        name="Budi Santoso",
        sex=Sex.MALE,
        birth_place="Baradatu",
        birth_date=datetime.date(1987, 8, 17),
        religion=Religion.ISLAM,
        marital_status=married,
        education=Education.SENIOR_SECONDARY,
        occupation=Occupation.FARMER,
    )
    siti = Resident(
        nik=SIAP_KELUARGA.wife,
        name="Siti Rahmawati",
        sex=Sex.FEMALE,
        birth_place="Kasui",
        birth_date=datetime.date(1990, 3, 15),
        religion=Religion.ISLAM,
        marital_status=married,
        education=Education.BACHELOR,
        occupation=Occupation.TEACHER,
    )
    ani = Resident(
        nik=SIAP_KELUARGA.child,
        name="Ani Lestari",
        sex=Sex.FEMALE,
        birth_place="Blambangan Umpu",
        birth_date=datetime.date(2015, 1, 1),
        religion=Religion.ISLAM,
        marital_status=MaritalStatus.SINGLE,
        education=Education.PRIMARY_INCOMPLETE,
        occupation=Occupation.STUDENT,
        father_name=budi.name,
        mother_name=siti.name,
    )
    roles = ((budi, Relationship.HEAD), (siti, Relationship.WIFE), (ani, Relationship.CHILD))
    family = Family(
        number=SIAP_KELUARGA.family,
        address=sample_address(),
        members=tuple(
            Membership(nik=person.nik, relationship=role, since=_ISSUED) for person, role in roles
        ),
    )
    return FamilyRegistered(
        occurred_on=occurred_on,
        recorded_on=recorded_on,
        family=family,
        residents=(budi, siti, ani),
    )
