"""What the simulated residents file, how often, and what they write on their forms.

The rates of life events and everyday services the office simulation draws from (assumptions,
scaled to the register's size), and the typed parts its forms carry: the reports of F-2.01 and
F-1.03 (:mod:`adminduk.documents.reports`, :mod:`adminduk.documents.details`), drawn from the
simulation's seeded random numbers. The names and places are the synthetic population's own;
nothing here is a real record.
"""

from __future__ import annotations

import random

from adminduk import regions
from adminduk.codes import (
    BirthAttendant,
    BirthKind,
    BirthPlaceKind,
    DeathCause,
    DeathCertifier,
    MoveReason,
    Religion,
    Sex,
)
from adminduk.documents import (
    BirthReport,
    DeathReport,
    DocumentCode,
    MarriageReport,
    MoveRequest,
    Outreach,
    OutreachReason,
)
from adminduk.register import Registry, Resident

__all__ = [
    "BIRTH_RATE",
    "DEATH_RATE",
    "EVERYDAY",
    "MARRIAGE_RATE",
    "REFERENCE_POPULATION",
    "birth_report",
    "death_report",
    "delay",
    "home_visit",
    "marriage_report",
    "move_request",
    "poisson",
    "village_of",
]

#: Way Kanan's population in the published 2020 table: the scale of the default rates.
REFERENCE_POPULATION = 480_000
#: Per resident per year (Indonesian crude rates, rounded; assumptions).
BIRTH_RATE, DEATH_RATE, MARRIAGE_RATE = 0.017, 0.006, 0.007
#: Everyday services (no life event), with weights.
EVERYDAY: tuple[tuple[tuple[DocumentCode, str], int], ...] = (
    (("KK", "change"), 25),
    (("KK", "lost"), 8),
    (("KK", "damaged"), 6),
    (("KTP-el", "lost"), 12),
    (("KTP-el", "damaged"), 8),
    (("KTP-el", "change"), 6),
    (("KIA", "5_to_17"), 18),
    (("KIA", "under_5"), 12),
    (("SKPWNI", "departure"), 5),
)

#: Where the simulated leavers go: Jakarta Pusat, Palembang, Medan.
_DESTINATIONS = ("31.71", "16.71", "12.71")


def village_of(registry: Registry, person: Resident) -> str:
    """The name of the village the person's family lives in (else their birth place)."""
    family = registry.family_of(person.nik)
    if family is None:
        return person.birth_place
    return regions.get(family.address.village_code).name


def birth_report(rng: random.Random, mother: Resident, registry: Registry) -> BirthReport:
    """A birth to ``mother`` as F-2.01 reports it (her family's size gives the birth order)."""
    return BirthReport(
        child_name="Anak " + mother.name.split()[0],
        child_sex=rng.choice(list(Sex)),
        birth_place=mother.birth_place,
        place_kind=rng.choice(list(BirthPlaceKind)),
        birth_kind=BirthKind.SINGLE,
        birth_order=1 + len(registry.family_members_of(mother.nik)) // 2,
        attendant=rng.choice(list(BirthAttendant)),
    )


def death_report(rng: random.Random, place: str) -> DeathReport:
    """A death at ``place`` as F-2.01 reports it."""
    return DeathReport(
        death_place=place,
        cause=rng.choice(list(DeathCause)),
        certifier=rng.choice(list(DeathCertifier)),
    )


def marriage_report(
    groom: Resident, bride: Resident, witnesses: tuple[str, str], place: str
) -> MarriageReport:
    """A marriage by the rite of whichever spouse is not Muslim (the KUA's otherwise)."""
    rite = groom.religion if groom.religion is not Religion.ISLAM else bride.religion
    return MarriageReport(
        place=f"Tempat ibadah di desa {place}",
        religion=rite,
        officiant="Pemuka agama " + groom.name.split()[-1],
        witnesses=witnesses,
    )


def move_request(rng: random.Random) -> MoveRequest:
    """A departure to another province's city, for one of the form's reasons."""
    return MoveRequest(destination=rng.choice(_DESTINATIONS), reason=rng.choice(list(MoveReason)))


def home_visit(rng: random.Random, person: Resident, place: str) -> Outreach:
    """A request for a home visit (jemput bola) at the person's home."""
    return Outreach(
        address=f"Rumah {person.name}, desa {place}", reason=rng.choice(list(OutreachReason))
    )


def poisson(rng: random.Random, mean: float) -> int:
    """A Poisson draw (Knuth's method; the means here are small)."""
    if mean <= 0:
        return 0
    if mean > 30:
        return max(0, round(rng.gauss(mean, mean**0.5)))
    limit, count, product = pow(2.718281828459045, -mean), 0, rng.random()
    while product > limit:
        count += 1
        product *= rng.random()
    return count


def delay(rng: random.Random) -> int:
    """Days between an event and its report: most within the deadline, some late."""
    return int(rng.random() * 50) if rng.random() < 0.85 else 61 + int(rng.random() * 400)
