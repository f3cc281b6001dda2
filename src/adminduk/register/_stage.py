"""The staging layer: an event's changes held apart from the register until every rule holds.

A handler (:mod:`adminduk.register._handlers`) reads the register through a :class:`Stage` and
writes its changes into it; :meth:`Stage.verify` checks every rule where the changes touch the
register, and only then :meth:`Stage.commit` writes them. Nothing reaches the register if anything
raises before the commit.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import attrs

from adminduk._privacy import mask
from adminduk.codes import Relationship, Sex
from adminduk.errors import DuplicateRecord, ImpossibleEvent, UnknownFamily, UnknownResident
from adminduk.identifiers import nik, nkk
from adminduk.register import rules
from adminduk.register.address import Address
from adminduk.register.events import DocumentWithdrawn, Relationships
from adminduk.register.family import Family, Membership
from adminduk.register.issued import IssuedDocument
from adminduk.register.resident import Resident

if TYPE_CHECKING:
    from adminduk.register.registry import Registry

GONE = rules.GONE
SPOUSE_ROLES = (Relationship.HUSBAND, Relationship.WIFE)
_SERIALS = range(1, 10000)


class Stage:
    """Changes an event makes, held apart from the register until every rule is checked."""

    def __init__(self, registry: Registry, on: datetime.date) -> None:
        self.registry = registry
        self.on = on
        self.residents: dict[str, Resident] = {}
        self.families: dict[str, Family | None] = {}
        self.family_of: dict[str, str | None] = {}
        self.spouse: dict[str, str | None] = {}
        self.retired: set[str] = set()
        self.touched_families: set[str] = set()
        self.touched_residents: set[str] = set()
        self.documents: list[IssuedDocument] = []
        #: Families whose printed card changes (its members, address, or a member's data).
        self.cards: set[str] = set()
        self.withdrawals: list[DocumentWithdrawn] = []

    # --- reading through the overlay ---------------------------------------------------------

    def has_resident(self, number: str) -> bool:
        return number in self.residents or number in self.registry._residents

    def resident(self, number: str) -> Resident:
        found = self.residents.get(number) or self.registry._residents.get(number)
        if found is None:
            raise UnknownResident(f"no resident with NIK {mask(number)} in the register")
        return found

    def living(self, number: str, role: str = "resident") -> Resident:
        person = self.resident(number)
        if person.life_status in GONE:
            raise ImpossibleEvent(
                f"the {role} {mask(number)} is {person.life_status.label_en.lower()}"
            )
        return person

    def family(self, number: str) -> Family:
        found = (
            self.families[number]
            if number in self.families
            else self.registry._families.get(number)
        )
        if found is None:
            raise UnknownFamily(f"no family with KK number {mask(number)} in the register")
        return found

    def number_taken(self, number: str) -> bool:
        return (
            self.families.get(number) is not None
            or number in self.registry._families
            or number in self.retired
            or number in self.registry._retired
        )

    def family_number_of(self, number: str) -> str | None:
        if number in self.family_of:
            return self.family_of[number]
        return self.registry._family_of.get(number)

    def family_of_resident(self, number: str, role: str = "resident") -> Family:
        found = self.family_number_of(number)
        if found is None:  # pragma: no cover - a living resident always has a family
            raise ImpossibleEvent(f"the {role} {mask(number)} belongs to no family")
        return self.family(found)

    def spouse_of(self, number: str) -> str | None:
        if number in self.spouse:
            return self.spouse[number]
        return self.registry._spouse.get(number)

    # --- writing to the overlay ----------------------------------------------------------------

    def put_resident(self, resident: Resident) -> None:
        before = self.residents.get(resident.nik) or self.registry._residents.get(resident.nik)
        number = self.family_number_of(resident.nik)
        if before is not None and number is not None:
            # the family's rules read the resident (age, sex, marriage): checked again
            self.touched_families.add(number)
            if _printed(before) != _printed(resident):
                self.cards.add(number)
        self.residents[resident.nik] = resident
        self.touched_residents.add(resident.nik)

    def put_family(self, family: Family) -> None:
        number = family.number
        current = (
            self.families.get(number)
            if number in self.families
            else self.registry._families.get(number)
        )
        kept = set(family.niks())
        if current is not None:
            for member in current.niks():
                if member not in kept and self.family_number_of(member) == number:
                    self.family_of[member] = None
                self.touched_residents.add(member)
        for member in kept:
            other = self.family_number_of(member)
            if other is not None and other != number:  # pragma: no cover - a safety net
                # Handlers take members out of their old family first; should one not, the old
                # family is checked too, and the one-family rule refuses the event.
                self.touched_families.add(other)
            self.family_of[member] = number
            self.touched_residents.add(member)
        if current != family:
            self.cards.add(number)
        self.families[number] = family
        self.touched_families.add(number)

    def drop_family(self, number: str) -> None:
        for member in self.family(number).niks():
            if self.family_number_of(member) == number:
                self.family_of[member] = None
            self.touched_residents.add(member)
        self.families[number] = None
        self.retired.add(number)
        self.touched_families.add(number)

    def link(self, first: str, second: str) -> None:
        self.spouse[first] = second
        self.spouse[second] = first

    def unlink(self, number: str) -> None:
        other = self.spouse_of(number)
        self.spouse[number] = None
        if other is not None:
            self.spouse[other] = None

    # --- numbers -------------------------------------------------------------------------------

    def new_nik(self, district: str, birth_date: datetime.date, sex: Sex) -> str:
        prefix = nik.compose(region_code=district, birth_date=birth_date, sex=sex, serial=1)[:12]
        kept = self.registry._residents.__contains__
        found = self._first_free("nik", prefix, self.has_resident, kept)
        if found is None:
            raise ImpossibleEvent(
                f"no free NIK serial left for district {district} on {birth_date}"
            )
        return found

    def new_kk_number(self, district: str, issued_on: datetime.date) -> str:
        prefix = nkk.compose(region_code=district, issued_on=issued_on, serial=1)[:12]
        registry = self.registry
        found = self._first_free(
            "kk",
            prefix,
            self.number_taken,
            lambda number: number in registry._families or number in registry._retired,
        )
        if found is None:
            raise ImpossibleEvent(f"no free KK serial left for district {district} on {issued_on}")
        return found

    def _first_free(
        self,
        kind: str,
        prefix: str,
        taken: Callable[[str], bool],
        kept: Callable[[str], bool],
    ) -> str | None:
        """The number with the lowest serial after ``prefix`` that ``taken`` leaves free.

        ``kept`` says whether the committed register holds a number (it never gives one back):
        the run of serials it holds from the first is skipped at once next time, so issuing
        many numbers with one prefix (a bulk import of people born on 1 January) stays linear.
        """
        hints = self.registry._free_from
        serial = hints.get((kind, prefix), _SERIALS.start)
        settled = True
        while serial < _SERIALS.stop:
            candidate = f"{prefix}{serial:04d}"
            if settled and kept(candidate):
                serial += 1
                hints[kind, prefix] = serial
                continue
            settled = False
            if not taken(candidate):
                return candidate
            serial += 1
        return None

    # --- shared moves --------------------------------------------------------------------------

    def leave(
        self,
        family: Family,
        leaving: Iterable[str],
        *,
        new_head: str | None,
        relationships: Relationships,
    ) -> None:
        """Take ``leaving`` out of ``family``; re-code the rest when its head leaves."""
        gone = set(leaving)
        remaining = [m for m in family.members if m.nik not in gone]
        if not remaining:
            self.drop_family(family.number)
            return
        recode = {number: role for number, role in relationships if number not in gone}
        if family.head in gone:
            if new_head is None or new_head not in {m.nik for m in remaining}:
                raise ImpossibleEvent(
                    f"the head of family {mask(family.number)} leaves and others remain; "
                    "name one of them as new_head"
                )
            recode = _codes_for_new_head(family, remaining, new_head, recode)
        elif new_head is not None and new_head != family.head:
            raise ImpossibleEvent("new_head is given but the head of the family stays")
        unknown = set(recode) - {m.nik for m in remaining}
        if unknown:
            raise ImpossibleEvent(
                f"relationships name {len(unknown)} resident(s) not in family {mask(family.number)}"
            )
        members = tuple(
            attrs.evolve(m, relationship=recode[m.nik]) if m.nik in recode else m
            for m in remaining
        )
        self.put_family(attrs.evolve(family, members=members))

    def form_family(
        self,
        roles: dict[str, Relationship],
        address: Address,
        number: str | None,
        since: datetime.date,
    ) -> str:
        """Put a new family of ``roles`` at ``address``; return its KK number."""
        if list(roles.values()).count(Relationship.HEAD) != 1:
            raise ImpossibleEvent("a new family needs exactly one head among its members")
        if number is None:
            number = self.new_kk_number(address.district_code, since)
        elif self.number_taken(number):
            raise DuplicateRecord(f"KK number {mask(number)} is already in use")
        members = tuple(
            Membership(nik=n, relationship=role, since=since) for n, role in roles.items()
        )
        self.put_family(Family(number=number, address=address, members=members))
        return number

    def join(self, family: Family, roles: dict[str, Relationship], since: datetime.date) -> None:
        """Add residents to an existing family (never as its head)."""
        if Relationship.HEAD in roles.values():
            raise ImpossibleEvent("residents who join a family cannot become its head")
        added = tuple(Membership(nik=n, relationship=r, since=since) for n, r in roles.items())
        self.put_family(attrs.evolve(family, members=family.members + added))

    def link_couple(self, family: Family) -> None:
        """Link the head of ``family`` with a husband or wife on its card."""
        for member in family.members:
            if member.relationship in SPOUSE_ROLES:
                self.link(family.head, member.nik)

    # --- checking ------------------------------------------------------------------------------

    def verify(self, on: datetime.date | None = None) -> None:
        """Check every rule where the changes since the last check touch the register.

        ``on`` is the day the rules are checked for (the age of a head of family): the day of
        the event whose changes these are (default: the stage's day).
        """
        day = self.on if on is None else on
        for number in sorted(self.touched_families):
            family = (
                self.families[number]
                if number in self.families
                else self.registry._families.get(number)
            )
            if family is not None:
                rules.check_family(family, self, day, area=self.registry.area)
                self.touched_residents.update(family.niks())
        for number in sorted(self.touched_residents):
            rules.check_membership(self.resident(number), self)
        self.touched_families.clear()
        self.touched_residents.clear()

    def commit(self) -> None:
        registry = self.registry
        registry._residents.update(self.residents)
        for number, family in self.families.items():
            if family is None:
                registry._families.pop(number, None)
            else:
                registry._families[number] = family
        for number, family_number in self.family_of.items():
            if family_number is None:
                registry._family_of.pop(number, None)
            else:
                registry._family_of[number] = family_number
        for number, spouse in self.spouse.items():
            if spouse is None:
                registry._spouse.pop(number, None)
            else:
                registry._spouse[number] = spouse
        registry._retired.update(self.retired)
        for record in self.documents:
            registry._keep(record)
        for withdrawal in self.withdrawals:
            registry._withdrawn[(withdrawal.document, withdrawal.number)] = withdrawal


#: How a member's code (SHDK) reads once the head's spouse heads the card (KK form F-1.01:
#: codes are relative to the head): the head's parents become the new head's parents-in-law and
#: the other way round; children, grandchildren, children-in-law and the rest keep their code.
_UNDER_THE_SPOUSE = {
    Relationship.PARENT: Relationship.PARENT_IN_LAW,
    Relationship.PARENT_IN_LAW: Relationship.PARENT,
}


def _codes_for_new_head(
    family: Family,
    remaining: list[Membership],
    new_head: str,
    given: dict[str, Relationship],
) -> dict[str, Relationship]:
    """Every remaining member's code relative to ``new_head``: given, or derived, or refused.

    Derived only when the head's husband or wife heads the card; otherwise a code relative to
    the old head says nothing sure about the new one (the old head's child is the new head's
    sibling, or child, or nephew), so each must be given: a card is never printed with a
    relationship to someone who is no longer its head.
    """
    codes = {**given, new_head: Relationship.HEAD}
    spouse_heads = family.member(new_head).relationship in SPOUSE_ROLES
    missing = []
    for member in remaining:
        if member.nik in codes:
            continue
        if spouse_heads:
            codes[member.nik] = _UNDER_THE_SPOUSE.get(member.relationship, member.relationship)
        else:
            missing.append(member.nik)
    if missing:
        raise ImpossibleEvent(
            f"family {mask(family.number)} has a new head who was not the head's spouse: give "
            f"the relationship to the new head of {len(missing)} more member(s) (SHDK is "
            "relative to the head)"
        )
    return codes


def _printed(person: Resident) -> tuple[object, ...]:
    """What a family card prints of a member (besides the relationship, which the card holds)."""
    return (
        person.name,
        person.sex,
        person.birth_place,
        person.birth_date,
        person.religion,
        person.marital_status,
    )


class StagedView:
    """The register as it will be once a stage commits (a :class:`RegisterView`)."""

    def __init__(self, stage: Stage) -> None:
        self._stage = stage

    def find_resident(self, number: str | None) -> Resident | None:
        stage = self._stage
        if number is None:
            return None
        return stage.residents.get(number) or stage.registry._residents.get(number)

    def find_family(self, number: str | None) -> Family | None:
        stage = self._stage
        if number is None:
            return None
        if number in stage.families:
            return stage.families[number]
        return stage.registry._families.get(number)

    def family_number_of(self, number: str | None) -> str | None:
        return None if number is None else self._stage.family_number_of(number)

    def find_spouse(self, number: str | None) -> str | None:
        return None if number is None else self._stage.spouse_of(number)

    def issued_count(self, document: str, on: datetime.date) -> int:
        stage = self._stage
        staged = sum(1 for r in stage.documents if (r.document, r.issued_on) == (document, on))
        return stage.registry._issued_counts.get((document, on), 0) + staged

    def documents_of(self, number: str | None) -> tuple[IssuedDocument, ...]:
        stage = self._stage
        if number is None:
            return ()
        staged = [record for record in stage.documents if number in record.holders]
        return (*stage.registry._documents.get(number, ()), *staged)

    def withdrawal(self, document: str, number: str) -> DocumentWithdrawn | None:
        stage = self._stage
        staged = [w for w in stage.withdrawals if (w.document, w.number) == (document, number)]
        return staged[0] if staged else stage.registry.withdrawal(document, number)

    def changed_families(self) -> tuple[str, ...]:
        stage = self._stage
        return tuple(sorted(n for n in stage.cards if self.find_family(n) is not None))
