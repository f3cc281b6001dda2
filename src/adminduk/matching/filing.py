"""At filing: residents who may be the person a birth, an arrival or a first KK would add.

:func:`likely_duplicates` compares the person with every resident who could be them (alive, or
moved out and perhaps back) that shares at least one cheap key: a birth date within a year, the
same day and month, the day and month swapped, or the same mother's name. Each pair that
reaches the review weight is a :class:`Candidate`, with why it matched. The office shows the
candidates to an officer, never to the resident who filed.

>>> from adminduk.samples import SIAP_KELUARGA, sample_registry
>>> registry = sample_registry()
>>> head = registry.resident(SIAP_KELUARGA.head)
>>> again = Person(name=head.name.upper(), sex=head.sex, birth_date=head.birth_date,
...                birth_place=head.birth_place, mother_name=head.mother_name)
>>> [candidate.nik == head.nik for candidate in likely_duplicates(registry, again)]
[True]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

import attrs

from adminduk._fields import masked_repr, require_count, require_member, require_number
from adminduk.codes import LifeStatus
from adminduk.matching.compare import (
    REVIEW_WEIGHT,
    Comparison,
    Person,
    _may_reach,
    compare,
)
from adminduk.register.resident import Resident

__all__ = ["Candidate", "Residents", "arrivals_duplicates", "likely_duplicates", "person_of"]

#: Residents a new record could duplicate: the living, and those who moved out (and may be back).
_COMPARED = (LifeStatus.ALIVE, LifeStatus.MOVED_OUT)


@attrs.frozen
class Candidate:
    """A resident who may be the person filed, and the comparison that says why."""

    nik: str = attrs.field(repr=masked_repr)
    comparison: Comparison

    @property
    def weight(self) -> float:
        """The comparison's total weight."""
        return self.comparison.weight


def person_of(resident: Resident) -> Person:
    """What the register says about ``resident``, as a :class:`Person` to compare.

    The birth date is the current one (a correction's); the NIK keeps the first, which the
    comparison reads too.
    """
    return Person(
        name=resident.name,
        sex=resident.sex,
        birth_date=resident.birth_date,
        birth_place=resident.birth_place,
        mother_name=resident.mother_name,
        nik=resident.nik,
    )


class Residents(Protocol):
    """Anything that lists residents: a :class:`~adminduk.Registry`, a store's register."""

    def residents(self) -> Iterable[Resident]: ...  # noqa: D102


def likely_duplicates(
    register: Residents, person: Person, *, threshold: float = REVIEW_WEIGHT, limit: int = 5
) -> tuple[Candidate, ...]:
    """Residents of ``register`` who may be ``person``, most likely first (at most ``limit``).

    A resident with the person's own NIK is not a candidate (that is the person).
    """
    require_member(person, Person, "person")
    threshold = require_number(threshold, "threshold")
    require_count(limit, "limit")
    born = person.birth_date
    day_month, swapped = (born.month, born.day), (born.day, born.month)
    mother = person.mother_name.strip().casefold()
    found: list[Candidate] = []
    for resident in register.residents():
        if resident.life_status not in _COMPARED or resident.nik == person.nik:
            continue
        date = resident.birth_date
        if not (
            abs(date.year - born.year) <= 1
            or (date.month, date.day) in (day_month, swapped)
            or (mother and resident.mother_name.strip().casefold() == mother)
        ):
            continue
        # Most residents born within a year of the person have another date: their names
        # cannot lift them to the threshold, so they are not compared (see may_reach).
        if not _may_reach(person, date, resident.sex, resident.nik, threshold):
            continue
        comparison = compare(person, person_of(resident), threshold=threshold)
        if comparison.likely:
            found.append(Candidate(resident.nik, comparison))
    found.sort(key=lambda candidate: (-candidate.weight, candidate.nik))
    return tuple(found[:limit])


def arrivals_duplicates(
    register: Residents, arriving: Iterable[Resident], *, threshold: float = REVIEW_WEIGHT
) -> dict[str, tuple[Candidate, ...]]:
    """For residents about to enter the register (a move in, a first KK), who each may be.

    ``arriving`` are the residents an event carries (``MoveIn.residents``,
    ``FamilyRegistered.residents``): they keep their NIKs, so a candidate is a resident here
    under another NIK. A resident coming back under their own NIK (moved out earlier) is that
    same record, not a duplicate. Only those with candidates are in the answer, by NIK.
    """
    found = {}
    for resident in arriving:
        candidates = likely_duplicates(register, person_of(resident), threshold=threshold)
        if candidates:
            found[resident.nik] = candidates
    return found
