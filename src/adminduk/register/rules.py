"""The rules of the population register, as data: each with an id, what it says and its basis.

Error messages (``InvariantViolation.rule``) and the documentation name rules by id. The legal
texts could not be read for this project; where no article is given, the regulation as a whole
is the basis.
"""

from __future__ import annotations

import datetime
from typing import Protocol

import attrs

from adminduk._privacy import mask
from adminduk.codes import LifeStatus, Relationship, Sex
from adminduk.errors import InvariantViolation
from adminduk.register.family import Family
from adminduk.register.resident import Resident

#: Life statuses of residents no longer living in the area: on no family card.
GONE = (LifeStatus.DEAD, LifeStatus.MOVED_OUT, LifeStatus.DUPLICATE)
_SPOUSE_ROLES = (Relationship.HUSBAND, Relationship.WIFE)

__all__ = ["GONE", "RULES", "Rule", "RuleView", "check_family", "check_membership", "violation"]


@attrs.frozen
class Rule:
    """One rule of the register."""

    id: str
    text: str
    basis: str


RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        # Pasal 13 UU 24/2013: every resident has one NIK, for life.
        Rule("nik-unique", "a NIK belongs to one resident only", "Pasal 13 UU 24/2013"),
        # Pasal 1 and Pasal 58 UU 24/2013 (KK, DKB); Perpres 96/2018.
        Rule(
            "one-family",
            "every living resident belongs to exactly one family (one KK)",
            "UU 24/2013; Perpres 96/2018",
        ),
        Rule("one-head", "a family has exactly one head (SHDK 1)", "KK form F-1.01"),
        Rule(
            "spouses-married",
            "a husband or wife on a KK is married to its head, and of the other sex",
            "KK form F-1.01; UU 1/1974 as amended by UU 16/2019",
        ),
        Rule(
            "child-younger",
            "a child (anak) is younger than the head and the head's spouse",
            "KK form F-1.01",
        ),
        Rule(
            "gone-no-family",
            "a dead or moved-out resident is in no current family",
            "Pasal 44 UU 24/2013; Pasal 25 Perpres 96/2018",
        ),
        Rule(
            "head-eligible",
            "the head of a family is 17 or older, or married or ever married",
            "Perpres 96/2018 (pisah KK); Pasal 63 UU 24/2013",
        ),
        Rule(
            "in-area",
            "a family's address lies in the register's area",
            "Pasal 29 Permendagri 108/2019",
        ),
    )
}


class RuleView(Protocol):
    """What the rule checks read: the register, or the register with an event's changes staged."""

    def resident(self, number: str) -> Resident: ...  # noqa: D102
    def family(self, number: str) -> Family: ...  # noqa: D102
    def family_number_of(self, number: str) -> str | None: ...  # noqa: D102
    def spouse_of(self, number: str) -> str | None: ...  # noqa: D102


def violation(rule: str, detail: str) -> InvariantViolation:
    """The error for a broken ``rule``, with the rule's text, its basis and ``detail``."""
    return InvariantViolation(f"{RULES[rule].text} ({RULES[rule].basis}): {detail}", rule=rule)


def check_family(family: Family, stage: RuleView, on: datetime.date, *, area: str | None) -> None:
    """Check every rule about one family; raise :class:`InvariantViolation` for the first broken.

    The rules: in-area, gone-no-family, one-family, head-eligible, spouses-married and
    child-younger. (Run for every family when a register is checked whole: the messages are
    built only when a rule is broken.)
    """
    number = family.number
    if area is not None and not family.address.village_code.startswith(f"{area}."):
        raise violation("in-area", f"family {mask(number)} lives outside {area}")
    members: dict[str, Resident] = {}
    head_number = ""
    spouses = []
    for member in family.members:
        nik = member.nik
        person = stage.resident(nik)
        if person.life_status in GONE:
            raise violation(
                "gone-no-family",
                f"{mask(nik)} is {person.life_status.label_en.lower()} but on KK {mask(number)}",
            )
        if stage.family_number_of(nik) != number:
            raise violation("one-family", f"{mask(nik)} is on KK {mask(number)} and another")
        members[nik] = person
        relationship = member.relationship
        if relationship is Relationship.HEAD:
            head_number = nik
        elif relationship in _SPOUSE_ROLES:
            spouses.append(member)
    head = members[head_number]
    if not head.must_hold_ktp_el(on):  # the KTP-el age rule, defined once on Resident
        raise violation(
            "head-eligible",
            f"the head of family {mask(number)} is {head.age(on)} and has never married",
        )
    for member in spouses:
        person = members[member.nik]
        wanted_sex = Sex.MALE if member.relationship is Relationship.HUSBAND else Sex.FEMALE
        if (
            stage.spouse_of(member.nik) != head.nik
            or stage.spouse_of(head.nik) != member.nik
            or person.sex is not wanted_sex
            or head.sex is wanted_sex
            or not person.marital_status.is_married
            or not head.marital_status.is_married
        ):
            raise violation(
                "spouses-married",
                f"{mask(member.nik)} is {member.relationship.label} on KK {mask(number)} "
                "but not married to its head",
            )
    elders = [head, *(members[m.nik] for m in spouses)]
    for member in family.members:
        if member.relationship is Relationship.CHILD:
            child = members[member.nik]
            for elder in elders:
                if child.birth_date <= elder.birth_date:
                    raise violation(
                        "child-younger",
                        f"child {mask(child.nik)} on KK {mask(number)} was born "
                        f"{child.birth_date}, not after {mask(elder.nik)} ({elder.birth_date})",
                    )


def check_membership(resident: Resident, stage: RuleView) -> None:
    """Check the rules about one resident's place: one-family and gone-no-family."""
    number = stage.family_number_of(resident.nik)
    if resident.life_status in GONE:
        if number is not None:
            raise violation(
                "gone-no-family",
                f"{mask(resident.nik)} is {resident.life_status.label_en.lower()} "
                f"but on KK {mask(number)}",
            )
    elif number is None:
        raise violation("one-family", f"{mask(resident.nik)} is alive but on no KK")
    elif resident.nik not in stage.family(number).niks():
        raise violation("one-family", f"{mask(resident.nik)} is indexed to the wrong KK")
