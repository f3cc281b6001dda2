"""The population register (data kependudukan): residents, families, and a journal of events.

The register holds what a regency office's consolidated data (DKB) holds. It changes only through
life events (:mod:`adminduk.events`), each applied atomically: the event is checked against every
rule of the register (:data:`adminduk._rules.RULES`) where it touches it, and either applied whole
or refused with a typed :class:`~adminduk.errors.RegistryError` that leaves the register exactly
as it was. Every applied event is kept, in order, in :attr:`Registry.journal`;
:meth:`Registry.replay` rebuilds an equal register from it. The register never reads the clock:
every date comes with the events.

>>> import datetime
>>> from adminduk.events import Birth
>>> from adminduk.samples import SIAP_KELUARGA, family_event
>>> registry = Registry(area="18.08")
>>> _ = registry.apply(family_event())
>>> len(registry.residents()), len(registry.families())
(3, 1)
>>> birth = registry.apply(Birth(
...     occurred_on=datetime.date(2026, 10, 1), recorded_on=datetime.date(2026, 10, 20),
...     name="Bayu Pratama", sex=Sex.MALE, birth_place="Blambangan Umpu",
...     mother=SIAP_KELUARGA.wife, father=SIAP_KELUARGA.head))
>>> registry.resident(birth.nik).father_name
'Budi Santoso'
>>> registry.family_of(birth.nik).member(birth.nik).relationship
<Relationship.CHILD: 4>
>>> Registry.replay(registry.journal, area="18.08") == registry
True
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, ValuesView
from typing import Any, TypeVar, cast

import attrs

from adminduk import regions
from adminduk._privacy import mask
from adminduk._rules import RULES
from adminduk.address import Address
from adminduk.codes import (
    Citizenship,
    Education,
    KTPElStatus,
    LifeStatus,
    MaritalStatus,
    Occupation,
    Relationship,
    Sex,
)
from adminduk.errors import (
    DuplicateRecord,
    ImpossibleEvent,
    InvalidFormat,
    InvariantViolation,
    UnknownFamily,
    UnknownResident,
)
from adminduk.events import (
    Birth,
    DataCorrection,
    Death,
    Divorce,
    Event,
    FamilyRegistered,
    FamilySplit,
    Household,
    KTPElRecorded,
    Marriage,
    MoveIn,
    MoveOut,
    MoveWithin,
    Relationships,
)
from adminduk.family import Family, Membership
from adminduk.identifiers import kk, nik
from adminduk.resident import Resident

__all__ = ["Registry"]

_E = TypeVar("_E", bound=Event)

_GONE = (LifeStatus.DEAD, LifeStatus.MOVED_OUT)
_SPOUSE_ROLES = (Relationship.HUSBAND, Relationship.WIFE)
_SERIALS = range(1, 10000)


def _violation(rule: str, detail: str) -> InvariantViolation:
    return InvariantViolation(f"{RULES[rule].text} ({RULES[rule].basis}): {detail}", rule=rule)


class _Stage:
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
        if person.life_status in _GONE:
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
        for serial in _SERIALS:
            candidate = f"{prefix}{serial:04d}"
            if not self.has_resident(candidate):
                return candidate
        raise ImpossibleEvent(f"no free NIK serial left for district {district} on {birth_date}")

    def new_kk_number(self, district: str, issued_on: datetime.date) -> str:
        prefix = kk.compose(region_code=district, issued_on=issued_on, serial=1)[:12]
        for serial in _SERIALS:
            candidate = f"{prefix}{serial:04d}"
            if not self.number_taken(candidate):
                return candidate
        raise ImpossibleEvent(f"no free KK serial left for district {district} on {issued_on}")

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
            recode[new_head] = Relationship.HEAD
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
            if member.relationship in _SPOUSE_ROLES:
                self.link(family.head, member.nik)

    # --- checking ------------------------------------------------------------------------------

    def verify(self) -> None:
        for number in sorted(self.touched_families):
            family = (
                self.families[number]
                if number in self.families
                else self.registry._families.get(number)
            )
            if family is not None:
                self.registry._check_family(family, self, self.on)
                self.touched_residents.update(family.niks())
        for number in sorted(self.touched_residents):
            self.registry._check_membership(self.resident(number), self)

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


def _roles(relationships: Relationships, niks: Iterable[str]) -> dict[str, Relationship]:
    """Return the relationships of exactly ``niks``, in that order; every one must be given."""
    given = dict(relationships)
    wanted = list(niks)
    missing = [n for n in wanted if n not in given]
    if missing:
        raise ImpossibleEvent(f"relationships give no place to {len(missing)} resident(s)")
    return {n: given[n] for n in wanted}


class Registry:
    """The population register of an area (by default unrestricted; e.g. ``area="18.08"``).

    Lookups by NIK and KK number are dictionary lookups. Two registers are equal when they hold
    the same residents, families, marriages and journal.
    """

    __slots__ = (
        "_area",
        "_families",
        "_family_of",
        "_journal",
        "_residents",
        "_retired",
        "_spouse",
    )

    def __init__(self, *, area: str | None = None) -> None:
        self._area = None if area is None else regions.get(area).code
        self._residents: dict[str, Resident] = {}
        self._families: dict[str, Family] = {}
        self._family_of: dict[str, str] = {}
        self._spouse: dict[str, str] = {}
        self._retired: set[str] = set()
        self._journal: list[Event] = []

    # --- reading -------------------------------------------------------------------------------

    @property
    def area(self) -> str | None:
        """The region code the register covers, or ``None`` for no restriction."""
        return self._area

    @property
    def journal(self) -> tuple[Event, ...]:
        """Every applied event, in order, as applied (allocated numbers filled in)."""
        return tuple(self._journal)

    def residents(self) -> ValuesView[Resident]:
        """All residents ever registered, the dead and moved-out included (a live view)."""
        return self._residents.values()

    def families(self) -> ValuesView[Family]:
        """All current families (a live view)."""
        return self._families.values()

    def resident(self, number: str) -> Resident:
        """Return the resident with NIK ``number``; :class:`UnknownResident` if there is none."""
        found = self._residents.get(number)
        if found is None:
            raise UnknownResident(f"no resident with NIK {mask(number)} in the register")
        return found

    def family(self, number: str) -> Family:
        """Return the family with KK number ``number``; :class:`UnknownFamily` if there is none."""
        found = self._families.get(number)
        if found is None:
            raise UnknownFamily(f"no family with KK number {mask(number)} in the register")
        return found

    def family_of(self, number: str) -> Family | None:
        """Return the family of the resident with NIK ``number`` (``None`` for the dead or gone)."""
        self.resident(number)
        found = self._family_of.get(number)
        return None if found is None else self._families[found]

    def spouse_of(self, number: str) -> str | None:
        """Return the NIK of the resident's spouse, if the register knows the marriage."""
        self.resident(number)
        return self._spouse.get(number)

    def retired_numbers(self) -> frozenset[str]:
        """KK numbers of families that no longer exist; they are never given out again."""
        return frozenset(self._retired)

    # --- changing ------------------------------------------------------------------------------

    def apply(self, event: _E) -> _E:
        """Apply ``event`` atomically and return it as applied (with allocated numbers).

        Raises a :class:`~adminduk.errors.RegistryError` (or a ``ValidationError`` for values
        that cannot exist) and changes nothing if the event cannot happen or would break a rule.
        """
        handler = _HANDLERS.get(type(event))
        if handler is None:
            raise InvalidFormat(f"{type(event).__name__} is not a life event the register knows")
        stage = _Stage(self, event.occurred_on)
        applied = handler(stage, event)
        stage.verify()
        stage.commit()
        self._journal.append(applied)
        return cast("_E", applied)

    @classmethod
    def replay(cls, events: Iterable[Event], *, area: str | None = None) -> Registry:
        """Return a new register built by applying ``events`` in order."""
        registry = cls(area=area)
        for event in events:
            registry.apply(event)
        return registry

    def marriages(self) -> tuple[tuple[str, str], ...]:
        """Every marriage the register knows, as (husband's or first NIK, other NIK) pairs."""
        pairs = []
        for first, second in self._spouse.items():
            if first < second:
                pairs.append((first, second))
        return tuple(sorted(pairs))

    # --- rules ---------------------------------------------------------------------------------

    def check(self, *, on: datetime.date | None = None) -> None:
        """Check every rule over the whole register; raise :class:`InvariantViolation` if broken.

        ``on`` is the date for the age rule of heads of family (default: the latest event date).
        """
        if on is None:
            on = max((e.occurred_on for e in self._journal), default=datetime.date.min)
        stage = _Stage(self, on)
        for family in self._families.values():
            self._check_family(family, stage, on)
        for resident in self._residents.values():
            self._check_membership(resident, stage)
        for first, second in self._spouse.items():
            if self._spouse.get(second) != first or first not in self._residents:
                raise _violation("spouses-married", f"NIK {mask(first)} has a one-sided marriage")

    def _check_family(self, family: Family, stage: _Stage, on: datetime.date) -> None:
        shown = mask(family.number)
        if self._area is not None and not family.address.village_code.startswith(self._area + "."):
            raise _violation("in-area", f"family {shown} lives outside {self._area}")
        members = {m.nik: stage.resident(m.nik) for m in family.members}
        for number, person in members.items():
            if person.life_status in _GONE:
                raise _violation(
                    "gone-no-family",
                    f"{mask(number)} is {person.life_status.label_en.lower()} but on KK {shown}",
                )
            if stage.family_number_of(number) != family.number:
                raise _violation("one-family", f"{mask(number)} is on KK {shown} and another")
        head = members[family.head]
        if not (head.marital_status.ever_married or head.age(on) >= 17):
            raise _violation(
                "head-eligible",
                f"the head of family {shown} is {head.age(on)} and has never married",
            )
        spouses = [m for m in family.members if m.relationship in _SPOUSE_ROLES]
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
                raise _violation(
                    "spouses-married",
                    f"{mask(member.nik)} is {member.relationship.label} on KK {shown} "
                    "but not married to its head",
                )
        elders = [head, *(members[m.nik] for m in spouses)]
        for member in family.members:
            if member.relationship is Relationship.CHILD:
                child = members[member.nik]
                for elder in elders:
                    if child.birth_date <= elder.birth_date:
                        raise _violation(
                            "child-younger",
                            f"child {mask(child.nik)} on KK {shown} was born "
                            f"{child.birth_date}, not after {mask(elder.nik)} ({elder.birth_date})",
                        )

    def _check_membership(self, resident: Resident, stage: _Stage) -> None:
        number = stage.family_number_of(resident.nik)
        if resident.life_status in _GONE:
            if number is not None:
                raise _violation(
                    "gone-no-family",
                    f"{mask(resident.nik)} is {resident.life_status.label_en.lower()} "
                    f"but on KK {mask(number)}",
                )
        elif number is None:
            raise _violation("one-family", f"{mask(resident.nik)} is alive but on no KK")
        elif resident.nik not in stage.family(number).niks():
            raise _violation("one-family", f"{mask(resident.nik)} is indexed to the wrong KK")

    # --- comparison ----------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Registry):
            return NotImplemented
        return (
            self._area == other._area
            and self._residents == other._residents
            and self._families == other._families
            and self._spouse == other._spouse
            and self._retired == other._retired
            and self._journal == other._journal
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return (
            f"Registry(area={self._area!r}, residents={len(self._residents)}, "
            f"families={len(self._families)}, events={len(self._journal)})"
        )


# --- the events --------------------------------------------------------------------------------


def _family_registered(stage: _Stage, event: FamilyRegistered) -> Event:
    family = event.family
    if stage.number_taken(family.number):
        raise DuplicateRecord(f"KK number {mask(family.number)} is already in the register")
    if {r.nik for r in event.residents} != set(family.niks()) or len(event.residents) != len(
        family.members
    ):
        raise ImpossibleEvent("the residents must be exactly the members of the family")
    for resident in event.residents:
        if stage.has_resident(resident.nik):
            raise DuplicateRecord(f"NIK {mask(resident.nik)} is already in the register")
        if resident.life_status is not LifeStatus.ALIVE:
            raise ImpossibleEvent(f"{mask(resident.nik)} must be alive to join a family")
        stage.put_resident(resident)
    stage.put_family(family)
    stage.link_couple(family)
    return event


def _birth(stage: _Stage, event: Birth) -> Event:
    born = event.occurred_on
    parents: list[Resident] = []
    for number, sex, role in (
        (event.mother, Sex.FEMALE, "mother"),
        (event.father, Sex.MALE, "father"),
    ):
        if number is None:
            continue
        parent = stage.resident(number)
        if parent.sex is not sex:
            raise ImpossibleEvent(f"the {role} {mask(number)} is not {sex.label_en.lower()}")
        if parent.birth_date >= born:
            raise ImpossibleEvent(f"the {role} {mask(number)} was born after the child")
        if role == "mother" and parent.death_date is not None and parent.death_date < born:
            raise ImpossibleEvent(f"the mother {mask(number)} died before the birth")
        parents.append(parent)
    if event.family is not None:
        family = stage.family(event.family)
    else:
        found = next(
            (n for p in parents if (n := stage.family_number_of(p.nik)) is not None), None
        )
        if found is None:
            raise ImpossibleEvent("neither parent belongs to a family; name the family to join")
        family = stage.family(found)
    relationship = Relationship.OTHER_RELATIVE
    for parent in parents:
        if parent.nik in family.niks():
            place = family.member(parent.nik).relationship
            if place in (Relationship.HEAD, *_SPOUSE_ROLES):
                relationship = Relationship.CHILD
            elif place in (Relationship.CHILD, Relationship.CHILD_IN_LAW):
                relationship = Relationship.GRANDCHILD
            break
    number = event.nik or stage.new_nik(family.address.district_code, born, event.sex)
    if stage.has_resident(number):
        raise DuplicateRecord(f"NIK {mask(number)} is already in the register")
    mother = next((p for p in parents if p.sex is Sex.FEMALE), None)
    father = next((p for p in parents if p.sex is Sex.MALE), None)
    religion = event.religion or parents[0].religion
    citizenship = (
        Citizenship.WNI
        if any(p.citizenship is Citizenship.WNI for p in parents)
        else Citizenship.WNA
    )
    stage.put_resident(
        Resident(
            nik=number,
            name=event.name,
            sex=event.sex,
            birth_place=event.birth_place,
            birth_date=born,
            religion=religion,
            marital_status=MaritalStatus.SINGLE,
            education=Education.NONE,
            occupation=Occupation.UNEMPLOYED,
            citizenship=citizenship,
            father_name=father.name if father else "",
            mother_name=mother.name if mother else "",
        )
    )
    stage.join(family, {number: relationship}, event.recorded_on)
    return attrs.evolve(event, nik=number, family=family.number)


def _death(stage: _Stage, event: Death) -> Event:
    person = stage.living(event.nik)
    if event.occurred_on < person.birth_date:
        raise ImpossibleEvent(f"{mask(person.nik)} cannot die before being born")
    stage.put_resident(
        attrs.evolve(person, life_status=LifeStatus.DEAD, death_date=event.occurred_on)
    )
    spouse = stage.spouse_of(person.nik)
    if spouse is not None:
        partner = stage.resident(spouse)  # alive: a death unlinks the couple
        stage.put_resident(attrs.evolve(partner, marital_status=MaritalStatus.WIDOWED))
        stage.unlink(person.nik)
    number = stage.family_number_of(person.nik)
    if number is None:  # pragma: no cover - a living resident always has a family
        return event
    family = stage.family(number)
    new_head = event.new_head
    if new_head is None and family.head == person.nik and spouse in family.niks():
        new_head = spouse  # the surviving spouse heads the family unless the event says otherwise
    stage.leave(family, [person.nik], new_head=new_head, relationships=event.relationships)
    return attrs.evolve(event, new_head=new_head)


def _marriage(stage: _Stage, event: Marriage) -> Event:
    husband = stage.living(event.husband, "husband")
    wife = stage.living(event.wife, "wife")
    if husband.sex is not Sex.MALE or wife.sex is not Sex.FEMALE:
        raise ImpossibleEvent("the husband must be male and the wife female")
    for person in (husband, wife):
        if person.marital_status.is_married:
            raise ImpossibleEvent(f"{mask(person.nik)} is already married")
        if person.birth_date >= event.occurred_on:
            raise ImpossibleEvent(f"{mask(person.nik)} was not born by the wedding")
    status = MaritalStatus.MARRIED if event.registered else MaritalStatus.MARRIED_UNREGISTERED
    stage.put_resident(attrs.evolve(husband, marital_status=status))
    stage.put_resident(attrs.evolve(wife, marital_status=status))
    stage.link(husband.nik, wife.nik)
    since = event.recorded_on
    if event.household is Household.NEW:
        address = event.address
        if address is None:
            address = stage.family_of_resident(husband.nik, "husband").address
        for person in (husband, wife):
            number = stage.family_number_of(person.nik)
            if number is not None:
                stage.leave(stage.family(number), [person.nik], new_head=None, relationships=())
        created = stage.form_family(
            {husband.nik: Relationship.HEAD, wife.nik: Relationship.WIFE},
            address,
            event.family_number,
            since,
        )
        return attrs.evolve(event, family_number=created, address=address)
    if event.household is Household.SEPARATE:
        return event
    host, guest = (husband, wife) if event.household is Household.HUSBANDS else (wife, husband)
    family = stage.family_of_resident(host.nik, "spouse")
    guest_family = stage.family_number_of(guest.nik)
    if guest_family == family.number:
        raise ImpossibleEvent("the couple already share a family; use household=SEPARATE")
    if guest_family is not None:
        stage.leave(stage.family(guest_family), [guest.nik], new_head=None, relationships=())
        family = stage.family(family.number)
    if family.head == host.nik:
        role = Relationship.WIFE if guest is wife else Relationship.HUSBAND
    else:
        role = Relationship.CHILD_IN_LAW
    stage.join(family, {guest.nik: role}, since)
    return event


def _divorce(stage: _Stage, event: Divorce) -> Event:
    husband = stage.living(event.husband, "husband")
    wife = stage.living(event.wife, "wife")
    if stage.spouse_of(husband.nik) != wife.nik:
        raise ImpossibleEvent("the two residents are not married to each other in the register")
    status = MaritalStatus.DIVORCED if event.registered else MaritalStatus.DIVORCED_UNREGISTERED
    stage.put_resident(attrs.evolve(husband, marital_status=status))
    stage.put_resident(attrs.evolve(wife, marital_status=status))
    stage.unlink(husband.nik)
    shared = stage.family_number_of(husband.nik)
    if shared is None or shared != stage.family_number_of(wife.nik):
        if event.children or event.address is not None or event.join is not None:
            raise ImpossibleEvent("the couple share no family, so nobody moves out")
        return event
    family = stage.family(shared)
    if family.head not in (husband.nik, wife.nik):
        leaver = (
            wife.nik
            if family.member(husband.nik).relationship is Relationship.CHILD
            else husband.nik
        )
    else:
        leaver = wife.nik if family.head == husband.nik else husband.nik
    for child in event.children:
        if (
            child not in family.niks()
            or family.member(child).relationship is not Relationship.CHILD
        ):
            raise ImpossibleEvent(f"{mask(child)} is not a child on the couple's family card")
    moving = [leaver, *event.children]
    stage.leave(family, moving, new_head=None, relationships=())
    since = event.recorded_on
    if event.join is not None:
        target = stage.family(event.join)
        child_role = (
            Relationship.GRANDCHILD
            if event.relationship is Relationship.CHILD
            else Relationship.OTHER_RELATIVE
        )
        roles = {leaver: event.relationship, **dict.fromkeys(event.children, child_role)}
        stage.join(target, roles, since)
        return event
    address = event.address or family.address
    roles = {leaver: Relationship.HEAD, **dict.fromkeys(event.children, Relationship.CHILD)}
    created = stage.form_family(roles, address, event.family_number, since)
    return attrs.evolve(event, family_number=created, address=address)


def _common_family(stage: _Stage, niks: Iterable[str]) -> Family:
    numbers: set[str | None] = set()
    for resident in niks:
        stage.living(resident)
        numbers.add(stage.family_number_of(resident))
    (number,) = numbers if len(numbers) == 1 else (None,)
    if number is None:
        raise ImpossibleEvent("the residents who move must all belong to one family")
    return stage.family(number)


def _move_within(stage: _Stage, event: MoveWithin) -> Event:
    family = _common_family(stage, event.niks)
    movers = set(event.niks)
    since = event.recorded_on
    staying = [m.nik for m in family.members if m.nik not in movers]
    if event.join is not None:
        target = stage.family(event.join)
        if target.number == family.number:
            raise ImpossibleEvent("residents cannot move into the family they are in")
        roles = _roles(event.relationships, event.niks)
        stage.leave(family, movers, new_head=event.new_head, relationships=event.relationships)
        stage.join(stage.family(target.number), roles, since)
        return event
    address = event.address
    assert address is not None
    if not staying:
        # The whole family moves: a new KK with a new number at the new address.
        recode = dict(event.relationships)
        roles = {m.nik: recode.get(m.nik, m.relationship) for m in family.members}
        stage.drop_family(family.number)
        created = stage.form_family(roles, address, event.family_number, since)
        return attrs.evolve(event, family_number=created)
    roles = _roles(event.relationships, event.niks)
    stage.leave(family, movers, new_head=event.new_head, relationships=event.relationships)
    created = stage.form_family(roles, address, event.family_number, since)
    return attrs.evolve(event, family_number=created)


def _outside_area(stage: _Stage, code: str, what: str) -> None:
    region = regions.get(code)
    area = stage.registry.area
    if area is not None and (region.code == area or region.code.startswith(area + ".")):
        raise ImpossibleEvent(
            f"the {what} {region.code} lies inside the register's area; use MoveWithin"
        )


def _move_out(stage: _Stage, event: MoveOut) -> Event:
    _outside_area(stage, event.destination, "destination")
    by_family: dict[str, list[str]] = {}
    for number in event.niks:
        person = stage.living(number)
        stage.put_resident(attrs.evolve(person, life_status=LifeStatus.MOVED_OUT))
        family_number = stage.family_number_of(number)
        if family_number is not None:
            by_family.setdefault(family_number, []).append(number)
    for family_number, leaving in by_family.items():
        family = stage.family(family_number)
        new_head = event.new_head if event.new_head in family.niks() else None
        stage.leave(family, leaving, new_head=new_head, relationships=event.relationships)
    return event


def _move_in(stage: _Stage, event: MoveIn) -> Event:
    _outside_area(stage, event.origin, "origin")
    for resident in event.residents:
        if resident.life_status is not LifeStatus.ALIVE:
            raise ImpossibleEvent(f"{mask(resident.nik)} must be alive to move in")
        if stage.has_resident(resident.nik):
            known = stage.resident(resident.nik)
            if known.life_status is not LifeStatus.MOVED_OUT:
                raise DuplicateRecord(f"NIK {mask(resident.nik)} is already in the register")
        stage.put_resident(resident)
    roles = _roles(event.relationships, (r.nik for r in event.residents))
    if len(roles) != len(event.relationships):
        raise ImpossibleEvent("relationships name residents who are not arriving")
    since = event.recorded_on
    if event.join is not None:
        stage.join(stage.family(event.join), roles, since)
        return event
    assert event.address is not None
    created = stage.form_family(roles, event.address, event.family_number, since)
    stage.link_couple(stage.family(created))
    return attrs.evolve(event, family_number=created)


def _family_split(stage: _Stage, event: FamilySplit) -> Event:
    family = stage.family(event.family)
    roles = dict(event.relationships)
    for number in roles:
        if number not in family.niks():
            raise ImpossibleEvent(f"{mask(number)} is not on family card {mask(family.number)}")
        stage.living(number)
    if family.head in roles:
        raise ImpossibleEvent("the head of a family cannot split from it; name the others")
    stage.leave(family, roles, new_head=None, relationships=())
    created = stage.form_family(roles, family.address, event.family_number, event.recorded_on)
    return attrs.evolve(event, family_number=created)


def _data_correction(stage: _Stage, event: DataCorrection) -> Event:
    person = stage.resident(event.nik)
    stage.put_resident(attrs.evolve(person, **event.changes()))
    return event


def _ktp_el_recorded(stage: _Stage, event: KTPElRecorded) -> Event:
    person = stage.living(event.nik)
    if not person.must_hold_ktp_el(event.occurred_on):
        raise ImpossibleEvent(
            f"{mask(person.nik)} is {person.age(event.occurred_on)} and has never married: "
            "not yet required to hold a KTP-el (Pasal 63 UU 24/2013)"
        )
    if person.ktp_el_status.is_recorded:
        raise ImpossibleEvent(f"the KTP-el biometrics of {mask(person.nik)} are already recorded")
    stage.put_resident(attrs.evolve(person, ktp_el_status=KTPElStatus.RECORDED))
    return event


_HANDLERS: dict[type[Event], Callable[[_Stage, Any], Event]] = {
    FamilyRegistered: _family_registered,
    Birth: _birth,
    Death: _death,
    Marriage: _marriage,
    Divorce: _divorce,
    MoveWithin: _move_within,
    MoveOut: _move_out,
    MoveIn: _move_in,
    FamilySplit: _family_split,
    DataCorrection: _data_correction,
    KTPElRecorded: _ktp_el_recorded,
}
