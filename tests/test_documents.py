"""Tests of adminduk.documents: one contract over every type, then scenarios from DOMAIN.md."""

from __future__ import annotations

import datetime

import attrs
import pytest

from adminduk import Registry, Religion, Sex, errors
from adminduk.codes import Relationship
from adminduk.documents import (
    DOCUMENT_TYPES,
    KIA,
    Channel,
    DocumentType,
    Evidence,
    FindingKind,
    Form,
    MoveLevel,
    ServiceLevels,
    catalogue,
    check,
    document_type,
    move_level,
)
from adminduk.register.events import FamilyRegistered, KTPElRecorded, Marriage
from adminduk.register.family import Family, Membership
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import family_event, make_resident, sample_address

D = datetime.date


@pytest.fixture
def registry() -> Registry:
    """The sample family: Budi (head, born 1987), Siti (wife, 1990), Ani (child, 1 Jan 2015)."""
    return Registry.replay([family_event()])


def apply_for(document: str, variant: str, **kwargs: object) -> Form:
    return Form(document=document, variant=variant, channel=Channel.WHATSAPP, **kwargs)  # type: ignore[arg-type]


# --- the contract every document type keeps ------------------------------------------------------


@pytest.mark.parametrize("kind", DOCUMENT_TYPES, ids=lambda k: k.code)
class TestEveryDocumentType:
    """The same checks over every document type, as holidays does over every country."""

    def test_names_and_basis(self, kind: type[DocumentType]) -> None:
        """Each type has a code, Indonesian and English names, a legal basis and who may apply."""
        assert kind.code
        assert kind.name_id
        assert kind.name_en
        assert kind.legal_basis
        assert kind.who_id
        assert kind.who_en
        assert document_type(kind.code) is kind

    def test_every_requirement_is_complete(self, kind: type[DocumentType]) -> None:
        """Every requirement has an id, both messages and a citation; ids are unique per variant."""
        for variant in kind.variants:
            requirements = kind.all_requirements(variant.code)
            ids = [r.id for r in requirements]
            assert len(ids) == len(set(ids)), variant.code
            for requirement in requirements:
                assert requirement.id.startswith(kind.code.lower().split("-")[0])
                assert requirement.message_id.strip()
                assert requirement.message_en.strip()
                assert requirement.basis.strip()
                assert requirement.satisfied_by or requirement.met is not None

    def test_every_variant_is_reachable(
        self, kind: type[DocumentType], registry: Registry
    ) -> None:
        """Each variant can be checked, and an empty application to it lists findings."""
        for variant in kind.variants:
            report = check(
                apply_for(kind.code, variant.code, subject=S.wife, event_date=D(2026, 1, 1)),
                registry,
                on=D(2026, 1, 2),
            )
            assert (kind.code, variant.code) == (report.document, report.variant)
            assert report.findings

    def test_substitutes_stand_together(self, kind: type[DocumentType]) -> None:
        """Evidence that replaces other evidence is accepted by the same requirement."""
        for substitute, replaced in kind.substitutes.items():
            assert any(
                substitute in r.satisfied_by and set(replaced) <= set(r.satisfied_by)
                for variant in kind.variants
                for r in kind.all_requirements(variant.code)
            )

    def test_catalogue_lists_every_variant(self, kind: type[DocumentType]) -> None:
        """The catalogue has one entry per variant, in both languages, with a service time."""
        for lang in ("id", "en"):
            entries = [e for e in catalogue(lang).to_records() if e["document"] == kind.code]
            assert [v.code for v in kind.variants] == [e["variant"] for e in entries]
            assert all(e["service_days"] >= 1 and e["requirements"] for e in entries)


def test_every_evidence_kind_is_used() -> None:
    """Every kind of evidence is accepted by at least one requirement somewhere."""
    used = set().union(*(kind.evidence_kinds() for kind in DOCUMENT_TYPES))
    used.add(Evidence.HEAD_OF_OFFICE_DECISION)  # added by the checker to late reports
    assert set(Evidence) == used


def test_unknown_types_and_variants() -> None:
    """An unknown document type or variant is a ValidationError, not a finding."""
    with pytest.raises(errors.InvalidComponent, match="no document type 'PASSPORT'"):
        document_type("PASSPORT")  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidComponent, match="KIA has no variant 'adult'"):
        check(apply_for("KIA", "adult"), Registry(), on=D(2026, 1, 1))
    with pytest.raises(errors.InvalidFormat):
        check("KIA", Registry(), on=D(2026, 1, 1))  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidFormat):
        check(apply_for("KIA", "lost"), Registry(), on="2026-01-01")  # type: ignore[arg-type]
    with pytest.raises(errors.InvalidComponent):
        Form(document="KK", variant="new", channel=Channel.COUNTER, evidence={"kk"})  # type: ignore[arg-type]


# --- KTP-el --------------------------------------------------------------------------------------


def test_ktp_el_at_17(registry: Registry) -> None:
    """Ani turns 17 on 1 January 2032: the day before she is not yet required, then she is."""
    application = apply_for("KTP-el", "new", subject=S.child).with_evidence(
        Evidence.FORM_F102, Evidence.BIOMETRICS
    )
    assert ("ktp-el.eligible",) == check(application, registry, on=D(2031, 12, 31)).codes
    assert check(application, registry, on=D(2032, 1, 1)).ok


def test_ktp_el_married_young(registry: Registry) -> None:
    """Married at 16 (with dispensation) or 18, a resident must hold a KTP-el."""
    dedi = make_resident("Dedi", Sex.MALE, D(1995, 4, 2), district="18.08.04", serial=5)
    family = Family(
        number="1808040101200001",
        address=sample_address(),
        members=(Membership(nik=dedi.nik, relationship=Relationship.HEAD, since=D(2020, 1, 1)),),
    )
    registry.apply(
        FamilyRegistered(
            occurred_on=D(2020, 1, 1), recorded_on=D(2020, 1, 1), family=family, residents=(dedi,)
        )
    )
    registry.apply(
        Marriage(
            occurred_on=D(2031, 2, 1), recorded_on=D(2031, 2, 1), husband=dedi.nik, wife=S.child
        )
    )
    application = apply_for("KTP-el", "new", subject=S.child).with_evidence(
        Evidence.FORM_F102, Evidence.BIOMETRICS
    )
    assert check(application, registry, on=D(2031, 3, 1)).ok  # 16, married
    assert check(application, registry, on=D(2033, 3, 1)).ok  # 18, married


def test_ktp_el_biometrics_from_the_register(registry: Registry) -> None:
    """Recorded biometrics in the register satisfy the requirement without a paper."""
    registry.apply(KTPElRecorded(occurred_on=D(2026, 1, 1), recorded_on=D(2026, 1, 1), nik=S.wife))
    report = check(apply_for("KTP-el", "new", subject=S.wife), registry, on=D(2026, 2, 1))
    assert ("ktp-el.new.form",) == report.codes


def test_lost_ktp_el(registry: Registry) -> None:
    """A lost KTP-el needs the police letter; the KK comes from the register."""
    application = apply_for("KTP-el", "lost", subject=S.head)
    report = check(application, registry, on=D(2026, 1, 1))
    assert ("ktp-el.lost.police",) == report.codes
    assert (Evidence.POLICE_LETTER,) == report.findings[0].satisfy_with
    assert check(application.with_evidence(Evidence.POLICE_LETTER), registry, on=D(2026, 1, 1)).ok


def test_unknown_subject_is_a_finding(registry: Registry) -> None:
    """A NIK the register does not know is an INVALID finding, and the KK must be attached."""
    report = check(
        apply_for("KTP-el", "lost", subject="1808010101900001"), registry, on=D(2026, 1, 1)
    )
    assert {"ktp-el.subject", "ktp-el.kk", "ktp-el.lost.police"} == set(report.codes)
    assert FindingKind.INVALID is report.findings[0].kind


# --- KIA -----------------------------------------------------------------------------------------


def kia(variant: str) -> Form:
    return apply_for("KIA", variant, subject=S.child).with_evidence(
        Evidence.BIRTH_CERTIFICATE, Evidence.PARENTS_KTP_EL, Evidence.PHOTOS
    )


def test_kia_boundary_at_5(registry: Registry) -> None:
    """Ani (born 1 Jan 2015) needs the 0-5 card until 31 Dec 2019, the 5-17 card from 1 Jan 2020."""
    assert check(kia("under_5"), registry, on=D(2019, 12, 31)).ok
    assert ("kia.under_5.age",) == check(kia("under_5"), registry, on=D(2020, 1, 1)).codes
    assert ("kia.5_to_17.age",) == check(kia("5_to_17"), registry, on=D(2019, 12, 31)).codes
    assert check(kia("5_to_17"), registry, on=D(2020, 1, 1)).ok


def test_kia_ends_at_17(registry: Registry) -> None:
    """On her 17th birthday no KIA is issued any more."""
    assert check(kia("5_to_17"), registry, on=D(2031, 12, 31)).ok
    assert {"kia.under_17", "kia.5_to_17.age"} == set(
        check(kia("5_to_17"), registry, on=D(2032, 1, 1)).codes
    )


def test_kia_for_a_30_year_old_is_a_finding(registry: Registry) -> None:
    """A KIA for an adult is reported as ineligible, not a crash."""
    report = check(apply_for("KIA", "5_to_17", subject=S.head), registry, on=D(2026, 1, 1))
    assert FindingKind.INELIGIBLE is report.findings[0].kind
    assert not report.ok


def test_kia_validity() -> None:
    """The 0-5 card runs to the day before the 5th birthday, the 5-17 card to 17 less a day."""
    assert D(2025, 2, 28) == KIA.valid_until(D(2020, 3, 1), "under_5")
    assert D(2032, 3, 31) == KIA.valid_until(D(2015, 4, 1), "5_to_17")
    assert D(2029, 2, 28) == KIA.valid_until(D(2012, 2, 29), "5_to_17")


# --- birth certificates --------------------------------------------------------------------------


def birth(**kwargs: object) -> Form:
    fields: dict[str, object] = {
        "subject": S.wife,
        "partner": S.head,
        "child_name": "Bayu",
        "child_sex": Sex.MALE,
        "event_date": D(2026, 1, 1),
        "evidence": {Evidence.FORM_F201, Evidence.BIRTH_LETTER},
    }
    fields.update(kwargs)
    return apply_for("AKTA-LAHIR", "standard", **fields)


def test_birth_reported_on_day_60_and_61(registry: Registry) -> None:
    """Day 60 is in time; day 61 is late and needs the head of office's decision."""
    assert check(birth(), registry, on=D(2026, 3, 2)).ok  # day 60
    late = check(birth(), registry, on=D(2026, 3, 3))  # day 61
    assert ("akta-lahir.late", "akta-lahir.late_decision") == late.codes
    assert FindingKind.LATE is late.findings[0].kind
    assert check(
        birth().with_evidence(Evidence.HEAD_OF_OFFICE_DECISION), registry, on=D(2026, 3, 3)
    ).ok


def test_birth_without_a_birth_letter(registry: Registry) -> None:
    """SPTJM F-2.03 (signed with two witnesses) replaces the birth letter."""
    sptjm = birth(evidence={Evidence.FORM_F201, Evidence.SPTJM_BIRTH})
    assert check(sptjm, registry, on=D(2026, 1, 5)).ok
    nothing = birth(evidence={Evidence.FORM_F201})
    finding = check(nothing, registry, on=D(2026, 1, 5)).findings[0]
    assert (Evidence.BIRTH_LETTER, Evidence.SPTJM_BIRTH) == finding.satisfy_with
    assert "F-2.03 with two witnesses" in finding.message_en


def test_birth_to_parents_not_registered_as_married(registry: Registry) -> None:
    """Without a registered marriage the proof or SPTJM F-2.04 (with witnesses) is needed."""
    stranger = make_resident("Joko", Sex.MALE, D(1985, 1, 1), serial=44)
    report = check(birth(partner=stranger.nik), registry, on=D(2026, 1, 5))
    assert "akta-lahir.marriage" in report.codes
    sptjm = birth(partner=stranger.nik).with_evidence(Evidence.SPTJM_PARENTS_MARRIAGE)
    assert check(sptjm, registry, on=D(2026, 1, 5)).ok


def test_birth_in_the_future_is_a_finding(registry: Registry) -> None:
    """A birth date after the check date is an INVALID finding; so is a missing date or child."""
    assert ("akta-lahir.future",) == check(
        birth(event_date=D(2027, 1, 1)), registry, on=D(2026, 1, 5)
    ).codes
    assert ("akta-lahir.event_date",) == check(
        birth(event_date=None), registry, on=D(2026, 1, 5)
    ).codes
    assert ("akta-lahir.child",) == check(birth(child_name=" "), registry, on=D(2026, 1, 5)).codes


def test_child_of_unknown_origin(registry: Registry) -> None:
    """A foundling's certificate needs the police report."""
    application = apply_for(
        "AKTA-LAHIR",
        "unknown_origin",
        applicant=S.head,
        child_name="X",
        child_sex=Sex.FEMALE,
        event_date=D(2026, 1, 1),
        evidence={Evidence.FORM_F201, Evidence.KK},
    )
    assert ("akta-lahir.police_report",) == check(application, registry, on=D(2026, 1, 2)).codes


# --- deaths, marriages, divorces, moves ----------------------------------------------------------


def test_death_reported_late(registry: Registry) -> None:
    """A death reported on day 31 is late: the decision of the head of office is added."""
    application = apply_for(
        "AKTA-MATI",
        "standard",
        subject=S.head,
        applicant=S.wife,
        event_date=D(2026, 1, 1),
        evidence={Evidence.DEATH_LETTER},
    )
    assert ("akta-mati.ktp_el",) == check(application, registry, on=D(2026, 1, 31)).codes
    late = check(application.with_evidence(Evidence.KTP_EL), registry, on=D(2026, 2, 1))
    assert ("akta-mati.late", "akta-mati.late_decision") == late.codes


def christian_couple(
    registry: Registry, groom_born: datetime.date, bride_born: datetime.date
) -> tuple[str, str]:
    groom = make_resident("Yohanes", Sex.MALE, groom_born, serial=61, religion=Religion.KRISTEN)
    bride = make_resident("Maria", Sex.FEMALE, bride_born, serial=62, religion=Religion.KRISTEN)
    for number, person in (("1808040101200011", groom), ("1808040101200012", bride)):
        family = Family(
            number=number,
            address=sample_address(),
            members=(
                Membership(nik=person.nik, relationship=Relationship.HEAD, since=D(2025, 1, 1)),
            ),
        )
        registry.apply(
            FamilyRegistered(
                occurred_on=D(2025, 1, 1),
                recorded_on=D(2025, 1, 1),
                family=family,
                residents=(person,),
            )
        )
    return groom.nik, bride.nik


FULL_MARRIAGE = {
    Evidence.RELIGIOUS_STATEMENT,
    Evidence.PHOTOS,
    Evidence.FORM_F212,
    Evidence.WITNESSES,
    Evidence.KTP_EL,
}


def test_marriage_under_19_with_and_without_dispensation(registry: Registry) -> None:
    """Under 19 needs a court dispensation (UU 16/2019); under 21 the parents' consent too."""
    groom, bride = christian_couple(registry, D(1998, 1, 1), D(2007, 6, 1))
    application = apply_for(
        "AKTA-KAWIN",
        "standard",
        subject=groom,
        partner=bride,
        event_date=D(2026, 1, 10),
        evidence=FULL_MARRIAGE,
    )
    report = check(application, registry, on=D(2026, 1, 20))
    assert {"akta-kawin.minimum_age", "akta-kawin.parents_consent"} == set(report.codes)
    assert FindingKind.INELIGIBLE is report.findings[0].kind
    granted = application.with_evidence(Evidence.COURT_DISPENSATION, Evidence.PARENTS_CONSENT)
    assert check(granted, registry, on=D(2026, 1, 20)).ok


def test_muslim_marriages_belong_to_the_kua(registry: Registry) -> None:
    """Two Muslims register their marriage at the KUA."""
    groom = make_resident("Rizki", Sex.MALE, D(1990, 1, 1), serial=71)
    report = check(
        apply_for(
            "AKTA-KAWIN", "standard", subject=groom.nik, partner=S.child, event_date=D(2026, 1, 1)
        ),
        registry,
        on=D(2026, 1, 2),
    )
    assert "akta-kawin.subject" not in report.codes
    registry_with = Registry.replay(registry.journal)
    report = check(
        apply_for(
            "AKTA-KAWIN", "standard", subject=S.head, partner=S.wife, event_date=D(2026, 1, 1)
        ),
        registry_with,
        on=D(2026, 1, 2),
    )
    assert {"akta-kawin.kua", "akta-kawin.free"} <= set(report.codes)


def test_divorce_needs_a_married_couple(registry: Registry) -> None:
    """The decision and the marriage certificate; the couple must be married to each other."""
    application = apply_for(
        "AKTA-CERAI", "standard", subject=S.head, partner=S.wife, event_date=D(2026, 1, 1)
    )
    expected = {
        "akta-cerai.decision",
        "akta-cerai.marriage_certificate",
        "akta-cerai.ktp_husband",
        "akta-cerai.ktp_wife",
    }
    assert expected == set(check(application, registry, on=D(2026, 1, 5)).codes)
    stranger = check(attrs.evolve(application, partner=S.child), registry, on=D(2026, 1, 5))
    assert "akta-cerai.married" in stranger.codes


def test_move_within_the_regency_vs_to_another_province(registry: Registry) -> None:
    """No SKPWNI within the regency (a new KK instead); one for Jakarta."""
    within = apply_for("SKPWNI", "departure", subject=S.head, destination="18.08.04")
    assert ("skpwni.within_regency",) == check(within, registry, on=D(2026, 1, 1)).codes
    away = attrs.evolve(within, destination="31.71")
    assert check(away, registry, on=D(2026, 1, 1)).ok
    assert ("skpwni.destination",) == check(
        attrs.evolve(within, destination=None), registry, on=D(2026, 1, 1)
    ).codes
    arrival = apply_for("SKPWNI", "arrival", subject=S.head)
    assert ("skpwni.arrival.letter",) == check(arrival, registry, on=D(2026, 1, 1)).codes


@pytest.mark.parametrize(
    ("origin", "destination", "level"),
    [
        ("18.08.01.2006", "18.08.01.2007", MoveLevel.VILLAGE),
        ("18.08.01.2006", "18.08.04.2001", MoveLevel.DISTRICT),
        ("18.08.01", "18.71", MoveLevel.REGENCY),
        ("18.08", "31.71.01", MoveLevel.PROVINCE),
    ],
)
def test_move_levels(origin: str, destination: str, level: MoveLevel) -> None:
    """Moves between villages, districts, regencies and provinces."""
    assert level is move_level(origin, destination)


# --- KK ------------------------------------------------------------------------------------------


def test_kk_split_needs_an_adult(registry: Registry) -> None:
    """Pisah KK: the applicant must be 17 or married."""
    application = apply_for(
        "KK", "split", subject=S.child, evidence={Evidence.FORM_F102, Evidence.KTP_EL}
    )
    assert ("kk.split.eligible",) == check(application, registry, on=D(2031, 1, 1)).codes
    assert check(application, registry, on=D(2032, 1, 1)).ok


def test_kk_new_family_accepts_sptjm(registry: Registry) -> None:
    """A new family shows a marriage proof, a divorce proof, or SPTJM F-1.05."""
    application = apply_for(
        "KK", "new", subject=S.head, evidence={Evidence.FORM_F102, Evidence.FORM_F101}
    )
    assert ("kk.new.marriage",) == check(application, registry, on=D(2026, 1, 1)).codes
    for proof in (Evidence.MARRIAGE_PROOF, Evidence.DIVORCE_PROOF, Evidence.SPTJM_MARRIAGE):
        assert check(application.with_evidence(proof), registry, on=D(2026, 1, 1)).ok


# --- service levels and the catalogue ------------------------------------------------------------


def test_service_levels_are_an_office_table() -> None:
    """Defaults from DOMAIN.md; an office overrides per document or per variant."""
    levels = ServiceLevels.default()
    assert (1, 1, 1, 2) == tuple(
        levels.days(c, "x") for c in ("KK", "KTP-el", "AKTA-KAWIN", "AKTA-CERAI")
    )
    office = levels.with_days("KIA", 3).with_days("KK", 2, variant="split")
    assert (3, 2, 1) == (
        office.days("KIA", "under_5"),
        office.days("KK", "split"),
        office.days("KK", "new"),
    )
    with pytest.raises(errors.InvalidComponent):
        levels.with_days("KK", -1)
    with pytest.raises(errors.InvalidComponent):
        ServiceLevels().days("KK", "new")


def test_catalogue_renders_what_the_checker_enforces() -> None:
    """Markdown and records in both languages, from the same requirement tables."""
    records = catalogue("id").to_records()
    assert sum(len(kind.variants) for kind in DOCUMENT_TYPES) == len(records)
    markdown = catalogue("en").to_markdown()
    assert "## Birth certificate: Birth" in markdown
    assert (
        "birth letter or statement of truth of birth data (F-2.03) with two witnesses" in markdown
    )
    assert "60 days" in markdown
    assert "Pasal 79A UU 24/2013" in markdown
    faster = catalogue("en", service_levels=ServiceLevels.default().with_days("KIA", 3))
    assert 3 == next(r for r in faster.to_records() if r["document"] == "KIA")["service_days"]
    with pytest.raises(errors.InvalidComponent):
        catalogue("fr")


def test_a_malformed_destination_is_a_finding(registry: Registry) -> None:
    """A destination that is not a known region code is an INVALID finding, not a crash."""
    for destination in ("Jakarta", "99.99"):
        application = apply_for("SKPWNI", "departure", subject=S.head, destination=destination)
        report = check(application, registry, on=D(2026, 1, 1))
        assert ("skpwni.destination",) == report.codes
        assert FindingKind.INVALID is report.findings[0].kind


def test_online_channels() -> None:
    """Website and WhatsApp are online (scans of originals); counter and outreach are not."""
    assert {Channel.WEBSITE, Channel.WHATSAPP} == {c for c in Channel if c.online}
