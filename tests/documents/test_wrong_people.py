"""Wrong people caught at intake: whose document it is, which variant fits, and refusals alone.

Rules (DOMAIN.md; the document types' tables): the mother is the subject of a birth application
and the father its partner (Pasal 27 UU 24/2013); a KIA's variant follows the child's age band
(Permendagri 2/2016); a resident holds one KTP-el (Pasal 63(6) UU 24/2013), so a *new* one is
refused to a holder; a refusal is reported alone, without a list of papers.
"""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given, settings

from adminduk import Registry
from adminduk.applications import Role
from adminduk.codes import Sex
from adminduk.documents import (
    DOCUMENT_TYPES,
    Channel,
    Evidence,
    Finding,
    FindingKind,
    Form,
    check,
    document_type,
    variants_for,
)
from adminduk.errors import GuardFailed
from adminduk.register.events import Birth
from adminduk.samples import (
    SIAP_KELUARGA,
    sample_form,
    sample_issued,
    sample_registry,
    sample_staff,
)
from adminduk.simulation import synthesize_population
from adminduk.strategies import forms
from adminduk.workflows import Office

S = SIAP_KELUARGA
ON = datetime.date(2026, 3, 2)
AT = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}


def test_a_birth_filed_with_the_father_as_subject_is_caught_at_filing() -> None:
    """Pasal 27 UU 24/2013: the Birth names the mother (subject) and the father (partner)."""
    registry = sample_registry()
    swapped = attrs.evolve(sample_form("AKTA-LAHIR", on=ON), subject=S.head, partner=S.wife)
    report = check(swapped, registry, on=ON)
    assert {"akta-lahir.subject.role", "akta-lahir.partner.role"} <= set(report.codes)
    assert not report.ok
    office = Office("18.08", registry, staff=sample_staff())
    app = office.submit(swapped, actor=STAFF[Role.SYSTEM], at=AT)
    with pytest.raises(GuardFailed) as refused:
        office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=AT)
    codes = {f.code for f in refused.value.findings if isinstance(f, Finding)}
    assert "akta-lahir.subject.role" in codes
    assert check(sample_form("AKTA-LAHIR", on=ON), registry, on=ON).ok


def test_a_three_year_old_under_the_5_to_17_card_is_told_the_variant_that_fits() -> None:
    """Permendagri 2/2016: the 0-5 card for under-fives; no photo list, the right variant named."""
    registry = sample_registry()
    born = ON.replace(year=ON.year - 3)
    child = registry.apply(
        Birth(
            occurred_on=born,
            recorded_on=born,
            name="Dimas Saputra",
            sex=Sex.MALE,
            birth_place="Blambangan Umpu",
            mother=S.wife,
            father=S.head,
        )
    ).nik
    assert child is not None
    assert variants_for("KIA", child, registry, on=ON)[0] == "under_5"
    form = attrs.evolve(sample_form("KIA", "5_to_17", on=ON), subject=child, evidence=frozenset())
    report = check(form, registry, on=ON)
    assert report.codes == ("kia.5_to_17.age", "kia.variant")
    assert "Anak di bawah 5 tahun" in report.findings[-1].message_id
    # Asked only whether it is refused: the same refusal, without evaluating other variants.
    assert check(form, registry, on=ON, suggest=False).codes == ("kia.5_to_17.age",)
    assert "kia.5_to_17.photos" not in report.codes


def test_an_ineligible_child_asking_for_a_ktp_el_is_told_only_that() -> None:
    """Pasal 63 UU 24/2013: under 17 and never married, no KTP-el; no form F-1.02 list after."""
    registry = sample_registry()
    form = attrs.evolve(sample_form("KTP-el", on=ON), subject=S.child, evidence=frozenset())
    assert check(form, registry, on=ON).codes == ("ktp-el.eligible",)
    assert variants_for("KTP-el", S.child, registry, on=ON) == ()


def test_a_first_ktp_el_is_refused_to_a_resident_who_holds_one() -> None:
    """Pasal 63(6) UU 24/2013: one KTP-el per resident; a holder asks for a replacement."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    app = office.submit(sample_form("KTP-el", on=ON), actor=STAFF[Role.SYSTEM], at=AT)
    app = office.record_biometrics(app, actor=STAFF[Role.FRONT_OFFICE], at=AT)
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=AT)
    app = office.issue(app, actor=STAFF[Role.REGISTRAR], at=AT)
    office.collect(app, actor=STAFF[Role.FRONT_OFFICE], at=AT, collector=S.head)
    again = check(sample_form("KTP-el", on=ON), office.registry, on=ON)
    assert again.codes[0] == "ktp-el.new.first"
    assert "penggantian" in again.findings[0].message_id
    assert set(again.codes) <= {"ktp-el.new.first", "ktp-el.variant"}  # and what fits instead
    lost = check(sample_form("KTP-el", "lost", on=ON), office.registry, on=ON)
    assert lost.ok
    assert "new" not in variants_for("KTP-el", S.head, office.registry, on=ON)


def test_a_first_kia_is_refused_while_the_child_holds_a_valid_one() -> None:
    """Permendagri 2/2016: a child holds one KIA; while it is valid, only a replacement."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    sample_issued("KIA", office=office)
    report = check(sample_form("KIA", on=ON), office.registry, on=ON)
    assert "kia.5_to_17.first" in report.codes
    lost = sample_form("KIA", "lost", on=ON).with_evidence(Evidence.POLICE_LETTER)
    assert check(lost, office.registry, on=ON).ok


@given(forms(sample_registry()))
@settings(max_examples=200)
def test_without_suggestions_a_report_only_drops_the_variants_that_fit(form: Form) -> None:
    """check(suggest=False) is check() less its ``<code>.variant`` finding, nothing else."""
    registry = sample_registry()
    full = check(form, registry, on=ON)
    bare = check(form, registry, on=ON, suggest=False)
    assert bare.findings == tuple(f for f in full.findings if not f.code.endswith(".variant"))
    assert bare.ok == full.ok


def test_every_refusal_in_a_village_suggests_the_variants_that_fit() -> None:
    """Each resident, each service: the suggestion is variants_for's, of the same sort."""
    registry = synthesize_population("18.08.15", seed=3, scale=0.01)
    suggestions = 0
    for kind in DOCUMENT_TYPES:
        for variant in kind.variants:
            for person in registry.residents():
                form = Form(
                    document=kind.code,
                    variant=variant.code,
                    channel=Channel.COUNTER,
                    subject=person.nik,
                    applicant=person.nik,
                )
                suggestions += _suggests_what_fits(form, registry)
    assert suggestions >= 20


@given(forms(sample_registry()))
@settings(max_examples=200)
def test_a_refusal_suggests_exactly_the_other_variants_of_its_sort_that_fit(form: Form) -> None:
    """The ``<code>.variant`` finding names the variants variants_for finds, of the same sort."""
    _suggests_what_fits(form, sample_registry())


def _suggests_what_fits(form: Form, registry: Registry) -> bool:
    """Assert the report's suggestion is the definition's; return whether it made one."""
    report = check(form, registry, on=ON)
    kind = document_type(form.document)
    current = kind.variant(form.variant)
    suggested = [f for f in report.findings if f.code == f"{kind.code.lower()}.variant"]
    refused = any(f.kind is FindingKind.INELIGIBLE and not f.satisfy_with for f in report.findings)
    if not refused or form.subject is None or registry.find_resident(form.subject) is None:
        assert not suggested
        return False
    expected = [
        variant
        for variant in kind.variants
        if variant.code in variants_for(kind.code, form.subject, registry, on=ON)
        and variant.code != current.code
        and variant.reissue == current.reissue
        and any(r.kind is FindingKind.INELIGIBLE for r in variant.requirements)
    ]
    assert len(suggested) == (1 if expected else 0)
    if expected:
        assert suggested[0].message_en.endswith(", ".join(v.name_en for v in expected) + ".")
    return bool(expected)
