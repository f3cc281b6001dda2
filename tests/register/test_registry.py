"""Scenario tests of adminduk.register.registry: every life event, every rule, atomic refusals."""

from __future__ import annotations

import datetime

import attrs
import pytest

from adminduk import (
    Address,
    Education,
    Family,
    KTPElStatus,
    LifeStatus,
    MaritalStatus,
    Membership,
    Registry,
    Relationship,
    Sex,
    errors,
)
from adminduk.register.events import (
    Birth,
    DataCorrection,
    Death,
    Divorce,
    Event,
    EventDates,
    FamilyRegistered,
    FamilySplit,
    Household,
    KTPElRecorded,
    Marriage,
    MoveIn,
    MoveOut,
    MoveWithin,
)
from adminduk.register.resident import Resident
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import family_event, make_resident, sample_address

D = datetime.date
ELSEWHERE = Address(street="Jl. Pasar 2", rt="1", rw="1", village_code="18.08.04.2001")


def day(year: int, month: int = 1, day_: int = 1) -> EventDates:
    """occurred_on and recorded_on on the same day."""
    return {"occurred_on": D(year, month, day_), "recorded_on": D(year, month, day_)}


@pytest.fixture
def registry() -> Registry:
    """Way Kanan's register holding the sample family: Budi (head), Siti (wife), Ani (child)."""
    register = Registry(area="18.08")
    register.apply(family_event())
    return register


def single_family(
    person: Resident, number: str, *, address: Address = ELSEWHERE
) -> FamilyRegistered:
    """A one-person family for ``person``."""
    family = Family(
        number=number,
        address=address,
        members=(Membership(nik=person.nik, relationship=Relationship.HEAD, since=D(2020, 1, 1)),),
    )
    return FamilyRegistered(**day(2020), family=family, residents=(person,))


DEDI = make_resident("Dedi Kurniawan", Sex.MALE, D(1995, 4, 2), district="18.08.04", serial=5)
DEDI_KK = "1808040101200001"
HARUN_KK = "1808040101200002"


def assert_refused(
    registry: Registry, event: Event, error: type[Exception], rule: str = ""
) -> None:
    """Applying ``event`` raises ``error`` and leaves the register exactly as it was."""
    before = Registry.replay(registry.journal, area=registry.area)
    with pytest.raises(error) as caught:
        registry.apply(event)
    assert before == registry
    registry.check()
    if rule:
        assert isinstance(caught.value, errors.InvariantViolation)
        assert rule == caught.value.rule
    for number in (S.head, S.wife, S.child, S.family, DEDI.nik, DEDI_KK):
        assert number not in str(caught.value)


# --- lookups and registration --------------------------------------------------------------------


def test_lookups(registry: Registry) -> None:
    """Residents and families are found by NIK and KK number."""
    assert "Budi Santoso" == registry.resident(S.head).name
    assert S.head == registry.family(S.family).head
    family = registry.family_of(S.child)
    assert family is not None
    assert S.family == family.number
    assert S.wife == registry.spouse_of(S.head)
    assert ((S.head, S.wife),) == registry.marriages()
    assert 3 == len(registry.residents())
    assert 1 == len(registry.families())


def test_unknown_numbers_raise_lookup_errors(registry: Registry) -> None:
    """Unknown NIKs and KK numbers raise UnknownResident / UnknownFamily, masked."""
    with pytest.raises(errors.UnknownResident, match=r"180801\*{10}"):
        registry.resident(DEDI.nik.replace("180804", "180801"))
    with pytest.raises(errors.UnknownFamily):
        registry.family(DEDI_KK)
    with pytest.raises(LookupError):
        registry.family_of(DEDI.nik)


def test_registering_the_same_family_twice(registry: Registry) -> None:
    """A KK number or NIK already in the register is refused."""
    assert_refused(registry, family_event(), errors.DuplicateRecord)
    other = attrs.evolve(family_event().family, number=DEDI_KK)
    assert_refused(
        registry,
        FamilyRegistered(**day(2021), family=other, residents=family_event().residents),
        errors.DuplicateRecord,
    )


def test_family_and_residents_must_match(registry: Registry) -> None:
    """The residents of a registration are exactly the members of the family."""
    event = single_family(DEDI, DEDI_KK)
    assert_refused(
        registry,
        attrs.evolve(event, residents=(DEDI, family_event().residents[0])),
        errors.ImpossibleEvent,
    )


@pytest.mark.parametrize("days_before", [0, 440])
def test_a_child_not_younger_than_its_mother_is_refused(days_before: int) -> None:
    """A child is born after each parent on the card (KK form F-1.01): one born before the wife,
    or on her birthday (she is the younger parent, so the same day is what is at stake), is
    refused, naming the rule.
    """
    registry = Registry()
    event = family_event()
    budi, siti, _ = event.residents
    born = siti.birth_date - datetime.timedelta(days=days_before)
    old_ani = make_resident("Ani Lestari", Sex.FEMALE, born, serial=3)
    members = (
        *event.family.members[:2],
        Membership(nik=old_ani.nik, relationship=Relationship.CHILD, since=D(2020, 1, 1)),
    )
    bad = FamilyRegistered(
        **day(2020),
        family=attrs.evolve(event.family, members=members),
        residents=(budi, siti, old_ani),
    )
    assert_refused(registry, bad, errors.InvariantViolation, rule="child-younger")


def test_a_family_outside_the_area_is_refused(registry: Registry) -> None:
    """A register of Way Kanan takes no family living in Bandar Lampung."""
    away = Address(street="Jl. Kartini 1", rt="1", rw="1", village_code="18.71.01.1003")
    assert_refused(
        registry,
        single_family(DEDI, DEDI_KK, address=away),
        errors.InvariantViolation,
        rule="in-area",
    )


def test_a_too_young_head_is_refused() -> None:
    """A single 16-year-old cannot head a family."""
    young = make_resident("Joko", Sex.MALE, D(2005, 6, 1), serial=9)
    registry = Registry()
    assert_refused(
        registry,
        attrs.evolve(single_family(young, DEDI_KK), **day(2021, 12, 31)),
        errors.InvariantViolation,
        rule="head-eligible",
    )
    registry.apply(attrs.evolve(single_family(young, DEDI_KK), **day(2022, 6, 1)))


def test_a_wife_not_married_to_the_head_is_refused() -> None:
    """A WIFE on the card must be married to the head."""
    event = family_event()
    budi, siti, ani = event.residents
    single_siti = attrs.evolve(siti, marital_status=MaritalStatus.SINGLE)
    bad = attrs.evolve(event, residents=(budi, single_siti, ani))
    assert_refused(Registry(), bad, errors.InvariantViolation, rule="spouses-married")


@pytest.mark.parametrize("who", ["wife", "husband"])
def test_a_spouse_of_the_heads_own_sex_is_refused(who: str) -> None:
    """Rule spouses-married (KK form F-1.01; UU 1/1974 as amended by UU 16/2019): a husband or
    wife on a KK is of the other sex than its head; married and linked is not enough.

    The sample family with the wife recorded as a man (their NIK, born 15 March 1990, male); and
    a woman heading a family with a woman as her "husband".
    """
    event = family_event()
    budi, siti, ani = event.residents
    if who == "wife":
        man = make_resident("Sutan Rahman", Sex.MALE, siti.birth_date, serial=7)
        man = attrs.evolve(man, marital_status=MaritalStatus.MARRIED)
        members = tuple(
            attrs.evolve(m, nik=man.nik) if m.nik == siti.nik else m for m in event.family.members
        )
        family = attrs.evolve(event.family, members=members)
        bad = attrs.evolve(event, family=family, residents=(budi, man, ani))
    else:
        head = attrs.evolve(
            make_resident("Sri Wahyuni", Sex.FEMALE, budi.birth_date, serial=8),
            marital_status=MaritalStatus.MARRIED,
        )
        members = tuple(
            attrs.evolve(m, nik=head.nik)
            if m.nik == budi.nik
            else attrs.evolve(m, relationship=Relationship.HUSBAND)
            if m.nik == siti.nik
            else m
            for m in event.family.members
        )
        family = attrs.evolve(event.family, members=members)
        bad = attrs.evolve(event, family=family, residents=(head, siti, ani))
    assert_refused(Registry(), bad, errors.InvariantViolation, rule="spouses-married")


def test_a_divorced_fifteen_year_old_must_hold_a_ktp_el() -> None:
    """Pasal 63(1) UU 24/2013: married *or ever married* residents must hold a KTP-el.

    A girl married at 15 with a court dispensation and divorced at 15 is not "married" any more,
    but she was: the duty stays (ever married, not is married).
    """
    on = D(2030, 6, 1)
    young = attrs.evolve(
        make_resident("Putri Lestari", Sex.FEMALE, D(2015, 2, 1), serial=11),
        marital_status=MaritalStatus.DIVORCED,
    )
    assert 15 == young.age(on)
    assert young.must_hold_ktp_el(on)
    single = attrs.evolve(young, marital_status=MaritalStatus.SINGLE)
    assert not single.must_hold_ktp_el(on)


def test_a_second_head_cannot_be_built() -> None:
    """A family card with two heads cannot even be constructed."""
    family = family_event().family
    members = tuple(attrs.evolve(m, relationship=Relationship.HEAD) for m in family.members[:2])
    with pytest.raises(errors.InvariantViolation, match="2 heads of family") as caught:
        attrs.evolve(family, members=members)
    assert "one-head" == caught.value.rule


# --- births --------------------------------------------------------------------------------------


def birth(**kwargs: object) -> Birth:
    fields: dict[str, object] = {
        **day(2026, 10, 1),
        "name": "Bayu Pratama",
        "sex": Sex.MALE,
        "birth_place": "Blambangan Umpu",
        "mother": S.wife,
        "father": S.head,
    }
    fields.update(kwargs)
    return Birth(**fields)  # type: ignore[arg-type]


def test_birth_allocates_a_nik_and_joins_the_family(registry: Registry) -> None:
    """The newborn gets the first free serial for district, date and sex, and joins as a child."""
    applied = registry.apply(birth())
    assert isinstance(applied, Birth)
    assert "1808010110260001" == applied.nik
    assert S.family == applied.family
    baby = registry.resident("1808010110260001")
    assert ("Budi Santoso", "Siti Rahmawati") == (baby.father_name, baby.mother_name)
    assert (MaritalStatus.SINGLE, Education.NONE) == (baby.marital_status, baby.education)
    family = registry.family(S.family)
    assert Relationship.CHILD is family.member(baby.nik).relationship
    assert applied == registry.journal[-1]


def test_twins_get_consecutive_serials(registry: Registry) -> None:
    """Two boys born the same day in the same district get serials 0001 and 0002."""
    first = registry.apply(birth())
    second = registry.apply(birth(name="Bima Pratama"))
    assert isinstance(first, Birth)
    assert isinstance(second, Birth)
    assert first.nik is not None
    assert second.nik is not None
    assert ("0001", "0002") == (first.nik[12:], second.nik[12:])
    girl = registry.apply(birth(name="Bunga", sex=Sex.FEMALE))
    assert isinstance(girl, Birth)
    assert girl.nik == "1808014110260001"


def test_a_grandchild(registry: Registry) -> None:
    """A child of the head's child joins as a grandchild."""
    registry.apply(single_family(DEDI, DEDI_KK))
    registry.apply(
        Marriage(**day(2036), husband=DEDI.nik, wife=S.child, household=Household.WIFES)
    )
    assert Relationship.CHILD_IN_LAW is registry.family(S.family).member(DEDI.nik).relationship
    applied = registry.apply(birth(**day(2037), mother=S.child, father=DEDI.nik))
    assert isinstance(applied, Birth)
    assert applied.nik is not None
    assert Relationship.GRANDCHILD is registry.family(S.family).member(applied.nik).relationship


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"mother": S.head}, "is not female"),
        ({"father": S.wife}, "is not male"),
        ({**day(1989), "mother": S.wife}, "was born after the child"),
        ({"mother": None, "father": None}, "names the mother, the father or both"),
    ],
)
def test_impossible_births(registry: Registry, kwargs: dict[str, object], message: str) -> None:
    """Parents of the wrong sex, or born after the child, make a birth impossible."""
    with pytest.raises(errors.AdmindukError, match=message):
        registry.apply(birth(**kwargs))
    assert 3 == len(registry.residents())


def test_birth_after_the_mothers_death(registry: Registry) -> None:
    """A mother who died before the birth date cannot give birth."""
    registry.apply(Death(**day(2026, 1, 1), nik=S.wife))
    assert_refused(registry, birth(), errors.ImpossibleEvent)


def test_birth_with_an_explicit_nik_already_taken(registry: Registry) -> None:
    """A NIK given with the birth must be free; one given matching the child is used as is."""
    applied = registry.apply(birth(nik="1808010110260007"))
    assert isinstance(applied, Birth)
    assert "1808010110260007" == applied.nik
    assert_refused(registry, birth(nik="1808010110260007"), errors.DuplicateRecord)


# --- deaths --------------------------------------------------------------------------------------


def test_the_head_dies(registry: Registry) -> None:
    """The widow heads the family and becomes cerai mati; the dead leave the card."""
    applied = registry.apply(Death(**day(2030), nik=S.head))
    assert isinstance(applied, Death)
    assert S.wife == applied.new_head
    budi = registry.resident(S.head)
    assert (LifeStatus.DEAD, D(2030, 1, 1)) == (budi.life_status, budi.death_date)
    assert registry.family_of(S.head) is None
    family = registry.family(S.family)
    assert S.wife == family.head
    assert MaritalStatus.WIDOWED is registry.resident(S.wife).marital_status
    assert registry.spouse_of(S.wife) is None
    registry.check()


def test_dead_residents_cannot_marry_or_die_again(registry: Registry) -> None:
    """A dead person marrying, or dying twice, is impossible."""
    registry.apply(single_family(DEDI, DEDI_KK))
    registry.apply(Death(**day(2030), nik=DEDI.nik))
    assert DEDI_KK in registry.retired_numbers()
    assert_refused(registry, Death(**day(2031), nik=DEDI.nik), errors.ImpossibleEvent)
    assert_refused(
        registry, Marriage(**day(2036), husband=DEDI.nik, wife=S.child), errors.ImpossibleEvent
    )


def test_death_before_birth(registry: Registry) -> None:
    """Nobody dies before being born."""
    assert_refused(registry, Death(**day(2014), nik=S.child), errors.ImpossibleEvent)


def test_the_head_dies_and_a_child_takes_over(registry: Registry) -> None:
    """new_head and relationships re-code the family; a too-young head is refused."""
    registry.apply(Death(**day(2030), nik=S.wife))
    assert_refused(
        registry,
        Death(**day(2031), nik=S.head, new_head=S.child),
        errors.InvariantViolation,
        "head-eligible",
    )
    registry.apply(Death(**day(2034), nik=S.head, new_head=S.child))
    assert S.child == registry.family(S.family).head


def test_the_last_member_dies(registry: Registry) -> None:
    """A family whose last member dies disappears, and its number is never reused."""
    registry.apply(single_family(DEDI, DEDI_KK))
    registry.apply(Death(**day(2030), nik=DEDI.nik))
    with pytest.raises(errors.UnknownFamily):
        registry.family(DEDI_KK)
    assert_refused(registry, single_family(DEDI, DEDI_KK), errors.DuplicateRecord)


# --- marriages and divorces ----------------------------------------------------------------------


def test_marriage_forms_a_new_family(registry: Registry) -> None:
    """A new household: both leave their families; a new KK headed by the husband."""
    registry.apply(single_family(DEDI, DEDI_KK))
    applied = registry.apply(Marriage(**day(2036, 3, 3), husband=DEDI.nik, wife=S.child))
    assert isinstance(applied, Marriage)
    assert applied.family_number == "1808040303360001"
    new = registry.family(applied.family_number)
    assert {DEDI.nik: Relationship.HEAD, S.child: Relationship.WIFE} == {
        m.nik: m.relationship for m in new.members
    }
    assert DEDI_KK in registry.retired_numbers()
    assert S.child not in registry.family(S.family).niks()
    assert MaritalStatus.MARRIED is registry.resident(S.child).marital_status
    assert S.child == registry.spouse_of(DEDI.nik)


def test_unregistered_marriage_and_wife_joins(registry: Registry) -> None:
    """An unregistered marriage where the wife joins the husband's family as WIFE."""
    registry.apply(single_family(DEDI, DEDI_KK))
    registry.apply(
        Marriage(
            **day(2036),
            husband=DEDI.nik,
            wife=S.child,
            registered=False,
            household=Household.HUSBANDS,
        )
    )
    assert MaritalStatus.MARRIED_UNREGISTERED is registry.resident(DEDI.nik).marital_status
    assert Relationship.WIFE is registry.family(DEDI_KK).member(S.child).relationship


def test_separate_households(registry: Registry) -> None:
    """SEPARATE changes statuses only."""
    registry.apply(single_family(DEDI, DEDI_KK))
    registry.apply(
        Marriage(**day(2036), husband=DEDI.nik, wife=S.child, household=Household.SEPARATE)
    )
    assert S.family == registry.family_of(S.child).number  # type: ignore[union-attr]
    assert DEDI.nik == registry.spouse_of(S.child)


def test_married_people_cannot_marry_again(registry: Registry) -> None:
    """Already married residents are refused, as are same-sex or swapped couples."""
    registry.apply(single_family(DEDI, DEDI_KK))
    assert_refused(
        registry, Marriage(**day(2030), husband=DEDI.nik, wife=S.wife), errors.ImpossibleEvent
    )
    assert_refused(
        registry, Marriage(**day(2036), husband=S.child, wife=DEDI.nik), errors.ImpossibleEvent
    )
    assert_refused(
        registry, Marriage(**day(2010), husband=DEDI.nik, wife=S.child), errors.ImpossibleEvent
    )


def test_divorce_the_wife_leaves_with_the_child(registry: Registry) -> None:
    """After divorce the wife heads a new family with the child at the same address."""
    applied = registry.apply(
        Divorce(**day(2028), husband=S.head, wife=S.wife, children=(S.child,))
    )
    assert isinstance(applied, Divorce)
    assert applied.family_number is not None
    new = registry.family(applied.family_number)
    assert S.wife == new.head
    assert Relationship.CHILD is new.member(S.child).relationship
    assert new.address == sample_address()
    assert [S.head] == list(registry.family(S.family).niks())
    assert MaritalStatus.DIVORCED is registry.resident(S.head).marital_status
    assert registry.spouse_of(S.head) is None
    assert_refused(
        registry, Divorce(**day(2029), husband=S.head, wife=S.wife), errors.ImpossibleEvent
    )


def test_divorce_the_wife_returns_to_her_parents(registry: Registry) -> None:
    """The leaving spouse can join another family; children come along as grandchildren."""
    harun = make_resident("Harun", Sex.MALE, D(1960, 2, 2), district="18.08.04", serial=6)
    registry.apply(single_family(harun, HARUN_KK))
    divorce = Divorce(
        **day(2028),
        husband=S.head,
        wife=S.wife,
        registered=False,
        children=(S.child,),
        join=HARUN_KK,
        relationship=Relationship.CHILD,
    )
    assert_refused(
        registry,
        attrs.evolve(
            divorce,
            join=None,
            relationship=Relationship.OTHER,
            address=ELSEWHERE,
            children=(S.head,),
        ),
        errors.ImpossibleEvent,
    )
    applied = registry.apply(divorce)
    assert applied.family_number is None
    family = registry.family(HARUN_KK)
    assert Relationship.CHILD is family.member(S.wife).relationship
    assert Relationship.GRANDCHILD is family.member(S.child).relationship
    assert MaritalStatus.DIVORCED_UNREGISTERED is registry.resident(S.wife).marital_status


# --- moves ---------------------------------------------------------------------------------------


def test_whole_family_moves_within_the_regency(registry: Registry) -> None:
    """A new address and a new KK number; the old number is retired."""
    applied = registry.apply(
        MoveWithin(**day(2027, 2, 2), niks=(S.head, S.wife, S.child), address=ELSEWHERE)
    )
    assert isinstance(applied, MoveWithin)
    assert applied.family_number == "1808040202270001"
    moved = registry.family(applied.family_number)
    assert ELSEWHERE == moved.address
    assert {S.head, S.wife, S.child} == set(moved.niks())
    assert S.family in registry.retired_numbers()
    registry.check()


def test_part_of_a_family_moves_within_the_regency(registry: Registry) -> None:
    """Movers form a new family; the head moving alone needs a new head for those staying."""
    registry.apply(Death(**day(2030), nik=S.head))
    applied = registry.apply(
        MoveWithin(
            **day(2034),
            niks=(S.child,),
            address=ELSEWHERE,
            relationships={S.child: Relationship.HEAD},
        )
    )
    assert applied.family_number is not None
    assert [S.wife] == list(registry.family(S.family).niks())
    assert_refused(
        registry,
        MoveWithin(
            **day(2035),
            niks=(S.wife,),
            join=applied.family_number,
            relationships={S.wife: Relationship.HEAD},
        ),
        errors.ImpossibleEvent,
    )
    registry.apply(
        MoveWithin(
            **day(2035),
            niks=(S.wife,),
            join=applied.family_number,
            relationships={S.wife: Relationship.PARENT},
        )
    )
    assert S.family in registry.retired_numbers()


def test_move_out_of_the_regency(registry: Registry) -> None:
    """Residents leaving with an SKPWNI become MOVED_OUT and keep their NIK."""
    assert_refused(
        registry,
        MoveOut(**day(2027), niks=(S.head,), skpwni="SKPWNI/001", destination="31.71"),
        errors.ImpossibleEvent,
    )
    registry.apply(
        MoveOut(
            **day(2027), niks=(S.head,), skpwni="SKPWNI/001", destination="31.71", new_head=S.wife
        )
    )
    assert LifeStatus.MOVED_OUT is registry.resident(S.head).life_status
    assert S.wife == registry.family(S.family).head
    assert_refused(
        registry,
        MoveOut(**day(2027), niks=(S.wife, S.child), skpwni="SKPWNI/002", destination="18.08.02"),
        errors.ImpossibleEvent,
    )
    registry.apply(
        MoveOut(**day(2028), niks=(S.wife, S.child), skpwni="SKPWNI/002", destination="11")
    )
    assert 0 == len(registry.families())
    registry.check()


def test_move_in_from_another_province(registry: Registry) -> None:
    """Arrivals keep their NIKs and form a family, or join one; the returning are welcome."""
    registry.apply(
        MoveIn(
            **day(2027),
            residents=(DEDI,),
            skpwni="SKPWNI/3171/9",
            origin="31.71",
            relationships={DEDI.nik: Relationship.HEAD},
            address=ELSEWHERE,
        )
    )
    assert DEDI.nik == registry.family_of(DEDI.nik).head  # type: ignore[union-attr]
    assert_refused(
        registry,
        MoveIn(
            **day(2027),
            residents=(DEDI,),
            skpwni="X",
            origin="31.71",
            relationships={DEDI.nik: Relationship.HEAD},
            address=ELSEWHERE,
        ),
        errors.DuplicateRecord,
    )
    registry.apply(MoveOut(**day(2028), niks=(DEDI.nik,), skpwni="Y", destination="31.71"))
    registry.apply(
        MoveIn(
            **day(2029),
            residents=(DEDI,),
            skpwni="Z",
            origin="31.71",
            relationships={DEDI.nik: Relationship.OTHER_RELATIVE},
            join=S.family,
        )
    )
    assert Relationship.OTHER_RELATIVE is registry.family(S.family).member(DEDI.nik).relationship
    assert_refused(
        registry,
        MoveIn(
            **day(2029),
            residents=(make_resident("Eka", Sex.MALE, D(1990, 1, 1), serial=99),),
            skpwni="Z",
            origin="18.08.03",
            relationships={},
            join=S.family,
        ),
        errors.ImpossibleEvent,
    )


def test_family_split(registry: Registry) -> None:
    """Pisah KK: an adult child takes her own card at the same address; minors and heads cannot."""
    split = FamilySplit(**day(2031), family=S.family, relationships={S.child: Relationship.HEAD})
    assert_refused(registry, split, errors.InvariantViolation, rule="head-eligible")
    assert_refused(
        registry,
        FamilySplit(**day(2034), family=S.family, relationships={S.head: Relationship.HEAD}),
        errors.ImpossibleEvent,
    )
    applied = registry.apply(attrs.evolve(split, **day(2034)))
    assert isinstance(applied, FamilySplit)
    assert applied.family_number is not None
    new = registry.family(applied.family_number)
    assert (S.child, sample_address()) == (new.head, new.address)
    assert S.child not in registry.family(S.family).niks()


# --- corrections and KTP-el ----------------------------------------------------------------------


def test_data_correction(registry: Registry) -> None:
    """Only the given fields change; at least one must be given."""
    registry.apply(
        DataCorrection(
            **day(2027), nik=S.child, name="Ani Lestari Putri", education=Education.PRIMARY
        )
    )
    ani = registry.resident(S.child)
    assert ("Ani Lestari Putri", Education.PRIMARY) == (ani.name, ani.education)
    with pytest.raises(errors.InvalidComponent, match="at least one field"):
        DataCorrection(**day(2027), nik=S.child)


def test_ktp_el_recording(registry: Registry) -> None:
    """Recording needs age 17 (or marriage) and happens once."""
    assert_refused(
        registry, KTPElRecorded(**day(2031, 12, 31), nik=S.child), errors.ImpossibleEvent
    )
    registry.apply(KTPElRecorded(**day(2032, 1, 1), nik=S.child))
    assert KTPElStatus.RECORDED is registry.resident(S.child).ktp_el_status
    assert_refused(registry, KTPElRecorded(**day(2032, 2, 1), nik=S.child), errors.ImpossibleEvent)


def test_ktp_el_for_a_married_minor(registry: Registry) -> None:
    """Married at 16 (with dispensation): required to hold a KTP-el before 17."""
    registry.apply(single_family(DEDI, DEDI_KK))
    registry.apply(
        Marriage(**day(2031, 6, 1), husband=DEDI.nik, wife=S.child, household=Household.HUSBANDS)
    )
    registry.apply(KTPElRecorded(**day(2031, 7, 1), nik=S.child))
    assert registry.resident(S.child).ktp_el_status.is_recorded


# --- journal, replay, privacy --------------------------------------------------------------------


def test_replay_rebuilds_an_equal_register(registry: Registry) -> None:
    """The journal holds events as applied; replaying it gives an equal register."""
    registry.apply(birth())
    registry.apply(single_family(DEDI, DEDI_KK))
    registry.apply(Marriage(**day(2036), husband=DEDI.nik, wife=S.child))
    registry.apply(Death(**day(2040), nik=S.head))
    replayed = Registry.replay(registry.journal, area="18.08")
    assert replayed == registry
    assert Registry.replay(registry.journal) != registry  # the area is part of the register
    assert registry != Registry.replay(registry.journal[:-1], area="18.08")


def test_unknown_event_types_are_refused(registry: Registry) -> None:
    """Only the register's own event types can be applied."""
    assert_refused(registry, Event(**day(2027)), errors.InvalidFormat)


def test_events_are_recorded_after_they_happen() -> None:
    """recorded_on may not be before occurred_on."""
    with pytest.raises(errors.InvalidComponent, match="before it happened"):
        Death(occurred_on=D(2030, 1, 2), recorded_on=D(2030, 1, 1), nik=S.head)


def test_repr_masks_personal_numbers(registry: Registry) -> None:
    """repr() of models, events and the register never shows a whole NIK or KK number."""
    applied = registry.apply(birth())
    texts = [
        repr(registry.resident(S.head)),
        repr(registry.family(S.family)),
        repr(applied),
        repr(registry),
        repr(Death(**day(2030), nik=S.head, new_head=S.wife)),
        repr(family_event()),
    ]
    for text in texts:
        for number in (S.head, S.wife, S.child, S.family):
            assert number not in text
    assert "Registry(area='18.08', residents=4, families=1, events=2)" == repr(registry)


def test_registers_compare_only_with_registers(registry: Registry) -> None:
    """Comparing with another type is not equality; registers are unhashable."""
    assert registry != "registry"
    with pytest.raises(TypeError):
        hash(registry)


def test_area_must_be_a_known_region() -> None:
    """The area is a region code."""
    with pytest.raises(errors.UnknownRegion):
        Registry(area="18.99")
    assert Registry(area="1808").area == "18.08"


def test_resident_nik_must_agree_with_birth_date_and_sex() -> None:
    """A resident whose NIK disagrees with the birth date or sex cannot exist."""
    ani = family_event().residents[2]
    with pytest.raises(errors.InvalidComponent, match="says female, born 01-01-15"):
        attrs.evolve(ani, birth_date=D(2015, 1, 2))
    with pytest.raises(errors.InvalidComponent, match="death date"):
        attrs.evolve(ani, life_status=LifeStatus.DEAD)


# --- every refusal path ------------------------------------------------------------------------


def test_refusals_of_moves_and_births(registry: Registry) -> None:
    """Each impossible request names what is wrong and changes nothing."""
    registry.apply(single_family(DEDI, DEDI_KK))
    cases: list[tuple[Event, type[Exception], str]] = [
        (birth(family=HARUN_KK), errors.UnknownFamily, "no family with KK number"),
        (
            Death(**day(2030), nik=S.child, new_head=S.wife),
            errors.ImpossibleEvent,
            "head of the family stays",
        ),
        (
            Death(**day(2030), nik=S.child, relationships={DEDI.nik: Relationship.CHILD}),
            errors.ImpossibleEvent,
            "not in family",
        ),
        (
            MoveWithin(
                **day(2034),
                niks=(S.child,),
                address=ELSEWHERE,
                relationships={S.child: Relationship.CHILD},
            ),
            errors.ImpossibleEvent,
            "exactly one head",
        ),
        (
            MoveWithin(**day(2034), niks=(S.child,), address=ELSEWHERE),
            errors.ImpossibleEvent,
            "give no place",
        ),
        (
            MoveWithin(**day(2034), niks=(S.child, DEDI.nik), address=ELSEWHERE),
            errors.ImpossibleEvent,
            "all belong to one family",
        ),
        (
            MoveWithin(
                **day(2034),
                niks=(S.child,),
                join=S.family,
                relationships={S.child: Relationship.CHILD},
            ),
            errors.ImpossibleEvent,
            "the family they are in",
        ),
        (
            FamilySplit(**day(2034), family=S.family, relationships={DEDI.nik: Relationship.HEAD}),
            errors.ImpossibleEvent,
            "is not on family card",
        ),
        (
            MoveIn(
                **day(2027),
                residents=(attrs.evolve(DEDI, nik=DEDI.nik[:12] + "0099"),),
                skpwni="A",
                origin="31.71",
                relationships={DEDI.nik[:12] + "0099": Relationship.HEAD},
                address=ELSEWHERE,
                family_number=DEDI_KK,
            ),
            errors.DuplicateRecord,
            "already in use",
        ),
        (
            MoveIn(
                **day(2027),
                residents=(
                    attrs.evolve(
                        make_resident("Eko", Sex.MALE, D(1990, 1, 1), serial=98),
                        life_status=LifeStatus.MISSING,
                    ),
                ),
                skpwni="A",
                origin="31.71",
                relationships={
                    make_resident("Eko", Sex.MALE, D(1990, 1, 1), serial=98).nik: Relationship.HEAD
                },
                address=ELSEWHERE,
            ),
            errors.ImpossibleEvent,
            "must be alive to move in",
        ),
        (
            MoveIn(
                **day(2027),
                residents=(make_resident("Eko", Sex.MALE, D(1990, 1, 1), serial=98),),
                skpwni="A",
                origin="31.71",
                relationships={
                    make_resident(
                        "Eko", Sex.MALE, D(1990, 1, 1), serial=98
                    ).nik: Relationship.HEAD,
                    S.head: Relationship.CHILD,
                },
                address=ELSEWHERE,
            ),
            errors.ImpossibleEvent,
            "not arriving",
        ),
    ]
    for event, error, message in cases:
        with pytest.raises(error, match=message):
            registry.apply(event)
        registry.check()
    assert 2 == len(registry.journal)  # no refused event reached the journal


def test_registering_someone_not_alive() -> None:
    """A registration carries living residents only."""
    dead = attrs.evolve(DEDI, life_status=LifeStatus.DEAD, death_date=D(2019, 1, 1))
    assert_refused(Registry(), single_family(dead, DEDI_KK), errors.ImpossibleEvent)


def test_birth_when_no_parent_has_a_family(registry: Registry) -> None:
    """A father who moved away and no mother named: the family to join must be named."""
    registry.apply(
        MoveOut(**day(2025), niks=(S.head,), skpwni="A", destination="31", new_head=S.wife)
    )
    assert_refused(registry, birth(mother=None), errors.ImpossibleEvent)
    applied = registry.apply(birth(mother=None, family=S.family))
    assert (
        Relationship.OTHER_RELATIVE
        is registry.family(S.family).member(applied.nik or "").relationship
    )


def test_divorce_without_a_shared_family(registry: Registry) -> None:
    """A couple living apart divorce without anyone moving; naming children is then an error."""
    registry.apply(single_family(DEDI, DEDI_KK))
    registry.apply(
        Marriage(**day(2036), husband=DEDI.nik, wife=S.child, household=Household.SEPARATE)
    )
    assert_refused(
        registry,
        Divorce(**day(2037), husband=DEDI.nik, wife=S.child, children=(S.head,)),
        errors.ImpossibleEvent,
    )
    registry.apply(Divorce(**day(2037), husband=DEDI.nik, wife=S.child))
    assert MaritalStatus.DIVORCED is registry.resident(S.child).marital_status


def test_divorce_of_a_couple_living_with_parents(registry: Registry) -> None:
    """When neither spouse heads the family, the in-law leaves."""
    registry.apply(single_family(DEDI, DEDI_KK))
    registry.apply(
        Marriage(**day(2036), husband=DEDI.nik, wife=S.child, household=Household.WIFES)
    )
    applied = registry.apply(Divorce(**day(2038), husband=DEDI.nik, wife=S.child))
    assert applied.family_number is not None
    assert DEDI.nik == registry.family(applied.family_number).head
    assert S.child in registry.family(S.family).niks()


def test_running_out_of_serials(registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """With every serial taken, allocating a NIK or a KK number is refused."""
    import adminduk.register._stage as module

    monkeypatch.setattr(module, "_SERIALS", range(1, 2))
    registry.apply(birth())
    assert_refused(registry, birth(name="Kembar"), errors.ImpossibleEvent)
    registry.apply(single_family(DEDI, DEDI_KK))
    registry.apply(MoveWithin(**day(2027, 2, 2), niks=(DEDI.nik,), address=ELSEWHERE))
    harun = make_resident("Harun", Sex.MALE, D(1960, 2, 2), district="18.08.04", serial=6)
    registry.apply(single_family(harun, HARUN_KK))
    assert_refused(
        registry,
        MoveWithin(**day(2027, 2, 2), niks=(harun.nik,), address=ELSEWHERE),
        errors.ImpossibleEvent,
    )


# --- the full check catches corrupted state ------------------------------------------------------


def test_check_catches_a_corrupted_index(registry: Registry) -> None:
    """check() walks every family and resident; a broken index is an InvariantViolation."""
    registry._family_of.pop(S.child)
    with pytest.raises(errors.InvariantViolation, match=r"on KK 180801\*+ and another"):
        registry.check()
    registry._family_of[S.child] = DEDI_KK
    with pytest.raises(errors.InvariantViolation) as caught:
        registry.check()
    assert "one-family" == caught.value.rule


def test_check_catches_gone_residents_on_a_card(registry: Registry) -> None:
    """A dead resident still on a card, or still indexed, is caught."""
    registry._residents[S.child] = attrs.evolve(
        registry.resident(S.child), life_status=LifeStatus.DEAD, death_date=D(2030, 1, 1)
    )
    with pytest.raises(errors.InvariantViolation) as caught:
        registry.check()
    assert "gone-no-family" == caught.value.rule


def test_check_catches_a_one_sided_marriage(registry: Registry) -> None:
    """A marriage recorded on one side only is caught."""
    registry._spouse[S.child] = S.head
    with pytest.raises(errors.InvariantViolation, match="one-sided marriage"):
        registry.check()


def test_check_catches_a_living_resident_without_a_family(registry: Registry) -> None:
    """A living resident on no card is caught, as is an index pointing at the wrong card."""
    registry.apply(single_family(DEDI, DEDI_KK))
    registry._families[DEDI_KK] = attrs.evolve(
        registry.family(DEDI_KK),
        members=(Membership(nik=S.child, relationship=Relationship.HEAD, since=D(2020, 1, 1)),),
    )
    with pytest.raises(errors.InvariantViolation):
        registry.check()
    registry._families.pop(DEDI_KK)
    registry._family_of.pop(DEDI.nik)
    with pytest.raises(errors.InvariantViolation, match="alive but on no KK"):
        registry.check()


def test_check_on_an_empty_register() -> None:
    """An empty register passes its check."""
    Registry().check()
    Registry().check(on=D(2026, 1, 1))


def test_lookups_that_answer_none(registry: Registry) -> None:
    """find_* and family_number_of answer None for the unknown (and for None); nothing raises."""
    stranger = DEDI.nik
    assert registry.find_resident(S.head) == registry.resident(S.head)
    assert registry.find_resident(stranger) is None
    assert registry.find_resident(None) is None
    assert registry.find_family(S.family) == registry.family(S.family)
    assert registry.find_family(DEDI_KK) is None
    assert registry.find_family(None) is None
    assert S.family == registry.family_number_of(S.child)
    assert registry.family_number_of(stranger) is None
    assert S.wife == registry.find_spouse(S.head)
    assert registry.find_spouse(S.child) is None
    assert registry.find_spouse(None) is None
    assert {S.head, S.wife, S.child} == registry.family_members_of(S.wife)
    assert frozenset() == registry.family_members_of(stranger)
    assert S.head in registry
    assert stranger not in registry
    assert 3 == len(registry)
    assert registry.residents_by_nik[S.child].name == registry.resident(S.child).name
    with pytest.raises(TypeError):
        registry.residents_by_nik[S.child] = registry.resident(S.head)  # type: ignore[index]
