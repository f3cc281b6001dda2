"""The family card follows every change, as an office meets it (issue 26's defects).

Each test is written from the rule in its docstring and was seen to fail before the fix.
"""

from __future__ import annotations

import datetime

import attrs
import pytest

from adminduk import Registry
from adminduk.applications import Application, Role, Status
from adminduk.codes import KTPElStatus, MaritalStatus, Relationship, Sex
from adminduk.documents import Delivery, Evidence, FindingKind, check, event_for
from adminduk.documents.intake import find_service
from adminduk.errors import ImpossibleEvent
from adminduk.notices import notice_for
from adminduk.register import Address, Family, Membership
from adminduk.register.events import Death, FamilyRegistered, MoveWithin
from adminduk.register.issued import IssuedKK
from adminduk.samples import (
    SIAP_KELUARGA,
    issue_details,
    make_resident,
    sample_form,
    sample_registry,
    sample_staff,
)
from adminduk.workflows import Office, waiting_at

S = SIAP_KELUARGA
ON = datetime.date(2026, 3, 2)
START = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}
BARADATU = Address(street="Jl. Pasar Baradatu 4", rt="2", rw="1", village_code="18.08.04.2001")


def at(hours: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=hours)


def office_of(registry: Registry | None = None) -> Office:
    return Office("18.08", registry or sample_registry(), staff=sample_staff())


def issued(office: Office, form: object, **details: object) -> Application:
    """File, verify and issue ``form`` with the register change the registrar enters."""
    app = office.submit(form, actor=STAFF[Role.SYSTEM], at=at(0))  # type: ignore[arg-type]
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    event = event_for(app.form, on=ON, **details)
    return office.issue(app, actor=STAFF[Role.REGISTRAR], at=at(2), event=event)


def family_cards(app: Application) -> dict[str, tuple[str, ...]]:
    """The family cards printed by an application: KK number -> the NIKs it lists."""
    return {
        record.number: tuple(m.nik for m in record.members)
        for record in app.documents
        if isinstance(record, IssuedKK)
    }


def test_a_partial_move_out_reissues_the_card_of_those_who_stay() -> None:
    """Perpres 96/2018; Permendagri 108/2019: every change of a family's members reissues its KK.

    The wife files her own SKPWNI and leaves the regency; her husband and daughter stay: their
    card is printed again without her, though neither is named on her moving letter.
    """
    office = office_of()
    form = attrs.evolve(sample_form("SKPWNI", on=ON), subject=S.wife, applicant=S.wife)
    app = issued(office, form, niks=(S.wife,), skpwni="SKPWNI/1808/0001")
    assert family_cards(app) == {S.family: (S.head, S.child)}


def test_a_death_reported_at_the_counter_reissues_the_widows_card() -> None:
    """Pasal 44 UU 24/2013 and Perpres 96/2018: the family's new KK follows a death.

    The family reports at the counter (no applicant on the form): the card of the widow and her
    daughter is printed all the same, found through the register's change, not the form.
    """
    office = office_of()
    form = attrs.evolve(sample_form("AKTA-MATI", on=ON), applicant=None)
    app = issued(office, form)
    assert family_cards(app) == {S.family: (S.wife, S.child)}


def test_the_widow_collects_the_death_certificate_at_the_district_office() -> None:
    """DOMAIN.md: the holder or an adult of the holder's family collects; for a death, the
    family of the deceased (who is on the new card printed with the certificate)."""
    office = office_of()
    form = attrs.evolve(sample_form("AKTA-MATI", on=ON, delivery=Delivery.POST), applicant=None)
    app = issued(office, form)
    app = office.ship(app, actor=STAFF[Role.COURIER], at=at(3))
    app = office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(30))
    app = office.collect(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(40), collector=S.wife)
    assert app.status is Status.COLLECTED


def test_a_moving_letter_is_posted_to_the_district_where_the_resident_lives_now() -> None:
    """DOMAIN.md: the NIK never changes when a person moves; the document goes to the district
    office of where the resident lives (Baradatu), not the district in the NIK (Blambangan
    Umpu)."""
    office = office_of()
    office.apply(
        MoveWithin(
            occurred_on=ON,
            recorded_on=ON,
            niks=(S.head, S.wife, S.child),
            address=BARADATU,
            relationships={},
        )
    )
    form = attrs.evolve(
        sample_form("SKPWNI", on=ON, delivery=Delivery.POST), subject=S.wife, applicant=S.wife
    )
    app = issued(office, form, niks=(S.wife,), skpwni="SKPWNI/1808/0002")
    app = office.ship(app, actor=STAFF[Role.COURIER], at=at(3))
    posted = notice_for(app)
    app = office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(30))
    assert waiting_at(app) == ("18.08.04", at(30))
    # and the posted notice says which office, by name and code, in both languages
    assert posted.key == "posted"
    assert "Baradatu (18.08.04)" in posted.text
    assert "Baradatu (18.08.04)" in notice_for(app, 3, lang="en").text


def _divorced_father_with_two_children() -> tuple[Registry, str, str, str]:
    """A divorced head (born 1970), his son (born 2000) and his daughter (born 2022)."""
    father = attrs.evolve(
        make_resident("Agus Setiawan", Sex.MALE, datetime.date(1970, 5, 5), serial=21),
        marital_status=MaritalStatus.DIVORCED,
    )
    son = make_resident("Eko Setiawan", Sex.MALE, datetime.date(2000, 8, 1), serial=22)
    daughter = make_resident("Nina Setiawan", Sex.FEMALE, datetime.date(2022, 1, 9), serial=23)
    family = Family(
        number="1808010101200021",
        address=Address(street="Jl. Merdeka 9", rt="4", rw="2", village_code="18.08.01.2006"),
        members=(
            Membership(nik=father.nik, relationship=Relationship.HEAD, since=ON),
            Membership(nik=son.nik, relationship=Relationship.CHILD, since=ON),
            Membership(nik=daughter.nik, relationship=Relationship.CHILD, since=ON),
        ),
    )
    registry = Registry(area="18.08")
    registry.apply(
        FamilyRegistered(
            occurred_on=ON, recorded_on=ON, family=family, residents=(father, son, daughter)
        )
    )
    return registry, father.nik, son.nik, daughter.nik


def test_the_new_head_is_not_printed_as_his_sisters_parent() -> None:
    """KK form F-1.01: SHDK codes are relative to the head. When the son heads the card after
    his father's death, his 4-year-old sister is not his CHILD: the change is refused until
    the registrar gives her place (never printed wrong silently), then printed as given."""
    registry, father, son, daughter = _divorced_father_with_two_children()
    later = datetime.date(2026, 6, 1)
    with pytest.raises(ImpossibleEvent, match="relationship"):
        registry.apply(Death(occurred_on=later, recorded_on=later, nik=father, new_head=son))
    registry.apply(
        Death(
            occurred_on=later,
            recorded_on=later,
            nik=father,
            new_head=son,
            relationships={daughter: Relationship.OTHER_RELATIVE},
        )
    )
    card = registry.family_of(son)
    assert card is not None
    assert card.member(daughter).relationship is Relationship.OTHER_RELATIVE


def test_a_widow_heading_the_card_keeps_her_childrens_codes() -> None:
    """When the head's spouse heads the card, the codes follow without being given: the
    children stay CHILD (the widow's own children), as F-1.01 codes them."""
    office = office_of()
    office.apply(Death(occurred_on=ON, recorded_on=ON, nik=S.head))
    card = office.registry.family_of(S.wife)
    assert card is not None
    assert card.member(S.child).relationship is Relationship.CHILD


def test_intake_does_not_offer_to_register_a_death_twice() -> None:
    """Pasal 44 UU 24/2013: a death is registered once; for the dead, a copy or a correction."""
    office = office_of()
    office.apply(Death(occurred_on=ON, recorded_on=ON, nik=S.head))
    offered = find_service("akta kematian", resident=S.head, registry=office.registry, on=ON)
    variants = {m.variant for m in offered if m.document == "AKTA-MATI"}
    assert "standard" not in variants
    assert {"lost", "damaged"} <= variants


def test_a_lost_ktp_el_without_a_card_on_record_is_caught_at_filing() -> None:
    """Pasal 63-64 UU 24/2013: a replacement KTP-el is printed from recorded biometrics; a
    resident with none on record (status "not yet required") is told at filing to apply for
    a new KTP-el, instead of a file that passes verification and can never be printed."""
    registry = sample_registry()
    assert registry.resident(S.head).ktp_el_status is KTPElStatus.NOT_REQUIRED
    form = sample_form("KTP-el", "lost", on=ON)
    findings = check(form, registry, on=ON).findings
    refused = [f for f in findings if f.kind is FindingKind.INELIGIBLE]
    assert refused, "the file could never be printed"
    assert any("new" in f.message_en.lower() or "baru" in f.message_id for f in refused)
    assert Evidence.POLICE_LETTER in form.evidence  # the papers were all there


def test_issue_details_give_every_member_a_place_when_no_spouse_heads() -> None:
    """The samples' registrar gives the relationships a new head needs (what an office does)."""
    registry, father, son, _ = _divorced_father_with_two_children()
    form = attrs.evolve(
        sample_form("AKTA-MATI", on=ON), subject=father, applicant=son, partner=None
    )
    details = issue_details(registry, form)
    assert details["new_head"] == son
    assert set(details["relationships"]) == set(registry.family_members_of(father)) - {
        father,
        son,
    }
