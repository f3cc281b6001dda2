"""The life events' handlers: what each event does to the register, through a :class:`Stage`.

Each handler reads and writes through the stage only and returns the event as applied (allocated
numbers filled in); the register checks the rules and commits (:meth:`Registry.apply`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from adminduk import regions
from adminduk._privacy import mask
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
from adminduk.errors import DuplicateRecord, ImpossibleEvent, UnknownResident
from adminduk.register._stage import SPOUSE_ROLES, Stage
from adminduk.register.events import (
    Birth,
    DataCorrection,
    Death,
    Divorce,
    DocumentIssued,
    DocumentWithdrawn,
    Event,
    FamilyRegistered,
    FamilySplit,
    Household,
    KTPElCardUpdated,
    KTPElRecorded,
    Marriage,
    MoveIn,
    MoveOut,
    MoveWithin,
    Relationships,
    as_text,
)
from adminduk.register.family import Family
from adminduk.register.merges import DuplicateMerged
from adminduk.register.resident import Resident

__all__ = ["HANDLERS"]


def _roles(relationships: Relationships, niks: Iterable[str]) -> dict[str, Relationship]:
    """Return the relationships of exactly ``niks``, in that order; every one must be given."""
    given = dict(relationships)
    wanted = list(niks)
    missing = [n for n in wanted if n not in given]
    if missing:
        raise ImpossibleEvent(f"relationships give no place to {len(missing)} resident(s)")
    return {n: given[n] for n in wanted}


def _family_registered(stage: Stage, event: FamilyRegistered) -> Event:
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


def _birth(stage: Stage, event: Birth) -> Event:
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
            if place in (Relationship.HEAD, *SPOUSE_ROLES):
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


def _death(stage: Stage, event: Death) -> Event:
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


def _marriage(stage: Stage, event: Marriage) -> Event:
    husband = stage.living(event.husband, "husband")
    wife = stage.living(event.wife, "wife")
    if husband.sex is not Sex.MALE or wife.sex is not Sex.FEMALE:
        raise ImpossibleEvent("the husband must be male and the wife female")
    for person in (husband, wife):
        if person.marital_status.is_married or stage.spouse_of(person.nik) is not None:
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


def _divorce(stage: Stage, event: Divorce) -> Event:
    # The spouse who still lives in the area registers the divorce even if the other has moved
    # out (Pasal 25 Perpres 96/2018: a move does not take the marriage along).
    husband = stage.resident(event.husband)
    wife = stage.resident(event.wife)
    for role, person in (("husband", husband), ("wife", wife)):
        if person.life_status is LifeStatus.DEAD:
            raise ImpossibleEvent(f"the {role} {mask(person.nik)} is dead")
    if LifeStatus.ALIVE not in (husband.life_status, wife.life_status):
        raise ImpossibleEvent("neither spouse lives in the register's area")
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


def _common_family(stage: Stage, niks: Iterable[str]) -> Family:
    numbers: set[str | None] = set()
    for resident in niks:
        stage.living(resident)
        numbers.add(stage.family_number_of(resident))
    (number,) = numbers if len(numbers) == 1 else (None,)
    if number is None:
        raise ImpossibleEvent("the residents who move must all belong to one family")
    return stage.family(number)


def _move_within(stage: Stage, event: MoveWithin) -> Event:
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


def _outside_area(stage: Stage, code: str, what: str) -> None:
    region = regions.get(code)
    area = stage.registry.area
    if area is not None and (region.code == area or region.code.startswith(area + ".")):
        raise ImpossibleEvent(
            f"the {what} {region.code} lies inside the register's area; use MoveWithin"
        )


def _move_out(stage: Stage, event: MoveOut) -> Event:
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


def _move_in(stage: Stage, event: MoveIn) -> Event:
    _outside_area(stage, event.origin, "origin")
    for resident in event.residents:
        if resident.life_status is not LifeStatus.ALIVE:
            raise ImpossibleEvent(f"{mask(resident.nik)} must be alive to move in")
        if stage.has_resident(resident.nik):
            known = stage.resident(resident.nik)
            if known.life_status is not LifeStatus.MOVED_OUT:
                raise DuplicateRecord(f"NIK {mask(resident.nik)} is already in the register")
            spouse = stage.spouse_of(resident.nik)
            if spouse is not None and not resident.marital_status.is_married:
                # Pasal 38 UU 1/1974: a marriage ends by death, divorce or a court decision.
                raise ImpossibleEvent(
                    f"{mask(resident.nik)} comes back recorded as "
                    f"{resident.marital_status.label_en.lower()}, but the register records the "
                    f"marriage to {mask(spouse)}: a move does not end a marriage; register the "
                    "divorce or the death first"
                )
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


def _family_split(stage: Stage, event: FamilySplit) -> Event:
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


def _data_correction(stage: Stage, event: DataCorrection) -> Event:
    person = stage.resident(event.nik)
    changes = event.changes()
    previous = tuple((name, as_text(getattr(person, name))) for name in changes)
    if event.previous and event.previous != previous:
        raise ImpossibleEvent(
            f"the correction of {mask(person.nik)} was made to other values than the register's"
        )
    # Pasal 13 UU 24/2013: the NIK is for life; it keeps encoding the birth date and sex it was
    # issued with, which the resident then carries beside the corrected ones.
    basis: dict[str, Any] = {}
    if "birth_date" in changes:
        registered = person.nik_birth_date or person.birth_date
        basis["nik_birth_date"] = None if registered == changes["birth_date"] else registered
    if "sex" in changes:
        registered_sex = person.nik_sex or person.sex
        basis["nik_sex"] = None if registered_sex is changes["sex"] else registered_sex
    stage.put_resident(attrs.evolve(person, **changes, **basis))
    return attrs.evolve(event, previous=previous)


# Pasal 72 UU 23/2006; Perpres 96/2018: a civil registration certificate is annulled only on a
# final court decision.
_ANNULLABLE = frozenset({"AKTA-LAHIR", "AKTA-MATI", "AKTA-KAWIN", "AKTA-CERAI"})


def _document_withdrawn(stage: Stage, event: DocumentWithdrawn) -> Event:
    if event.document not in _ANNULLABLE:
        raise ImpossibleEvent(
            f"only a civil registration certificate is annulled, not a {event.document}"
        )
    if not stage.registry.printings(event.document, event.number):
        raise ImpossibleEvent(
            f"the register holds no {event.document} numbered {event.number[:40]}"
        )
    if stage.registry.withdrawal(event.document, event.number) is not None or any(
        (w.document, w.number) == (event.document, event.number) for w in stage.withdrawals
    ):
        raise ImpossibleEvent(f"{event.document} {event.number[:40]} is already withdrawn")
    stage.withdrawals.append(event)
    return event


def _ktp_el_recorded(stage: Stage, event: KTPElRecorded) -> Event:
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


def _ktp_el_card(stage: Stage, event: KTPElCardUpdated) -> Event:
    # The card's journey is recorded for anyone in the register: a card printed before its
    # holder died or moved away still travels (whether it may be issued is the checker's).
    person = stage.resident(event.nik)
    current = person.ktp_el_status
    # A card is printed only for recorded biometrics (Pasal 64 UU 24/2013), and shipped or
    # handed over only once a card was printed. A second card in flight (a replacement filed
    # before the first arrived) moves the status too: it follows the latest card.
    needed = KTPElStatus.RECORDED if event.status is KTPElStatus.PRINTED else KTPElStatus.PRINTED
    if current.code < needed.code:
        raise ImpossibleEvent(
            f"the KTP-el of {mask(person.nik)} is at {current.label_en!r}: it cannot move to "
            f"{event.status.label_en!r} now"
        )
    stage.put_resident(attrs.evolve(person, ktp_el_status=event.status))
    return event


def _document_issued(stage: Stage, event: DocumentIssued) -> Event:
    for holder in event.record.holders:
        if not stage.has_resident(holder):
            raise UnknownResident(
                f"the {event.record.document} names {mask(holder)}, who is not in the register"
            )
    stage.documents.append(event.record)
    return event


def _merge_families(stage: Stage, kept: Resident, retired: Resident) -> Resident:
    """Take ``retired`` off its card; ``kept``, if on none (moved out), takes its place there."""
    theirs = stage.family_number_of(retired.nik)
    if theirs is None:
        return kept
    family = stage.family(theirs)
    ours = stage.family_number_of(kept.nik)
    if ours is None:  # the record entered anew on arrival: the person keeps the old NIK
        members = tuple(
            attrs.evolve(m, nik=kept.nik) if m.nik == retired.nik else m for m in family.members
        )
        stage.put_family(attrs.evolve(family, members=members))
        return attrs.evolve(kept, life_status=LifeStatus.ALIVE)
    if family.head == retired.nik and len(family.members) > 1:
        raise ImpossibleEvent(
            f"{mask(retired.nik)} heads family {mask(theirs)} and {mask(kept.nik)} is on "
            f"family {mask(ours)}: merged, one person would head one family and sit on another; "
            "name a new head for that family (or split the families) first"
        )
    stage.leave(family, [retired.nik], new_head=None, relationships=())
    return kept


def _duplicate_merged(stage: Stage, event: DuplicateMerged) -> Event:
    kept, retired = stage.resident(event.kept), stage.resident(event.retired)
    for role, person in (("kept", kept), ("retired", retired)):
        if person.life_status not in (LifeStatus.ALIVE, LifeStatus.MOVED_OUT):
            raise ImpossibleEvent(
                f"the {role} record {mask(person.nik)} is "
                f"{person.life_status.label_en.lower()}; only living records are merged"
            )
    if LifeStatus.ALIVE not in (kept.life_status, retired.life_status):
        raise ImpossibleEvent("both records have moved out: merge them where the person lives")
    ours, theirs = stage.spouse_of(kept.nik), stage.spouse_of(retired.nik)
    if ours is not None and theirs is not None and ours != theirs:
        raise ImpossibleEvent(
            f"{mask(kept.nik)} is married to {mask(ours)} and {mask(retired.nik)} to "
            f"{mask(theirs)}: merged, one person would have two living spouses; register the "
            "divorce or correct the marriage first"
        )
    kept = _merge_families(stage, kept, retired)
    if theirs is not None:  # the marriage recorded on the second record passes to the first
        stage.unlink(retired.nik)
        stage.link(kept.nik, theirs)
        kept = attrs.evolve(kept, marital_status=retired.marital_status)
    stage.put_resident(kept)
    stage.put_resident(attrs.evolve(retired, life_status=LifeStatus.DUPLICATE))
    return event


HANDLERS: dict[type[Event], Callable[[Stage, Any], Event]] = {
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
    KTPElCardUpdated: _ktp_el_card,
    DocumentIssued: _document_issued,
    DocumentWithdrawn: _document_withdrawn,
    DuplicateMerged: _duplicate_merged,
}
