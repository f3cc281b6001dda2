"""Every service's form described as data: filled from valid answers it checks; a wrong answer
is named (issue 27).

The property runs for every document code and variant: the people, the event's day and the
facts only the register can make true (what a correction changes, a move's destination, a
marriage's religion) come from a complete form the strategies find for that variant; every other
answer is drawn from the description itself, as a frontend would ask it.
"""

from __future__ import annotations

import datetime
from functools import cache
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from adminduk import Registry, check
from adminduk.documents import (
    DOCUMENT_TYPES,
    Channel,
    Delivery,
    DocumentCode,
    FieldKind,
    FieldSpec,
    Form,
    as_answer,
    describe,
    fill,
)
from adminduk.errors import InvalidField
from adminduk.samples import sample_issued, sample_registry, sample_staff
from adminduk.strategies import answers, forms
from adminduk.workflows import Office

ON = datetime.date(2026, 3, 2)

#: The day a variant is filed when nobody in the sample register qualifies on ``ON`` (its
#: youngest child turned five in 2020).
_ON_FOR = {("KIA", "under_5"): datetime.date(2019, 6, 1)}

VARIANTS: list[tuple[DocumentCode, str]] = [
    (kind.code, variant.code) for kind in DOCUMENT_TYPES for variant in kind.variants
]

#: Details fields only the register can make true for a given resident.
_FROM_REGISTER = {
    "PERBAIKAN-DATA": None,  # every field: what is corrected is what the register has otherwise
    "SKPWNI": ("destination", "origin"),
    "AKTA-KAWIN": ("religion",),
}


@cache
def _registry() -> Registry:
    """The sample register with biometrics recorded and a birth certificate in force."""
    office = Office("18.08", sample_registry(recorded=True), staff=sample_staff())
    sample_issued("AKTA-LAHIR", on=ON, office=office)
    return office.registry


def registry() -> Registry:
    """The shared register: checking and filling never change it."""
    return _registry()


def _fixed(template: Form) -> dict[str, Any]:
    """The answers a complete form of the variant gives that only the register decides."""
    paths = set(describe(template.document, template.variant).paths)
    fixed: dict[str, Any] = {}
    for name in ("subject", "partner", "applicant", "event_date", "reprint_of"):
        value = getattr(template, name)
        if name in paths and value is not None:
            fixed[name] = as_answer(value)
    if template.document in _FROM_REGISTER and template.details is not None:
        names = _FROM_REGISTER[template.document]
        for field in attrs.fields(type(template.details)):
            if names is not None and field.name not in names:
                continue
            value = getattr(template.details, field.name)
            path = f"details.{field.name}"
            if path in paths:  # left empty too: a correction names a certificate or not
                fixed[path] = as_answer(value) if value not in ("", ()) else None
    return fixed


@cache
def _template(document: DocumentCode, variant: str) -> st.SearchStrategy[Form]:
    """Complete forms of the variant (the strategy finds its templates once, so it is kept)."""
    on = _ON_FOR.get((document, variant), ON)
    return forms(registry(), document_type=document, complete=True, on=on).filter(
        lambda form: form.variant == variant
    )


@pytest.mark.parametrize(("document", "variant"), VARIANTS)
@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(data=st.data())
def test_answers_to_the_description_make_a_form_check_accepts(
    document: DocumentCode, variant: str, data: st.DataObject
) -> None:
    """Random valid answers to any described form fill a form the checker accepts with its papers."""
    template = data.draw(_template(document, variant), label="template")
    given_answers = data.draw(answers(document, variant, fixed=_fixed(template)), label="answers")
    filled = fill(
        document,
        variant,
        given_answers,
        channel=Channel.WHATSAPP,
        evidence=template.evidence,
    )
    assert filled.ok, [finding.message_en for finding in filled.findings]
    assert filled.form is not None
    form = filled.form.with_attested(*template.attested)
    report = check(form, registry(), on=_ON_FOR.get((document, variant), ON))
    assert report.ok, [finding.message_en for finding in report.findings]


# --- invalid answers ---------------------------------------------------------------------------


def _invalid(spec: FieldSpec) -> st.SearchStrategy[object]:
    """Answers the field refuses, whatever the rest of the form says."""
    kind = spec.kind
    anything_wrong: st.SearchStrategy[object] = st.sampled_from([{"x": 1}, 3.5, True])
    if kind is FieldKind.NIK:
        return anything_wrong | st.sampled_from(["12345", "1808011708870012X", "abc"])
    if kind is FieldKind.NIKS:
        return st.sampled_from([["123"], "12 34", [7]])
    if kind is FieldKind.DATE:
        return anything_wrong | st.sampled_from(["31-02-2020", "kemarin", "2020-13-01", "1/2"])
    if kind is FieldKind.TIME:
        return anything_wrong | st.sampled_from(["25:00", "jam tiga", "12:61"])
    if kind is FieldKind.INTEGER:
        above = (spec.maximum or 10**6) + 1
        below = (spec.minimum or 0) - 1
        return st.sampled_from([above, below, "banyak", 2.5])
    if kind is FieldKind.CHOICE:
        return st.sampled_from([999, "bukan pilihan", ["1"]])
    if kind is FieldKind.REGION:
        return st.sampled_from(["99.99", "18.08.99.9999", "bukan kode", 1808])
    if kind is FieldKind.CHANGES:
        return st.sampled_from(["nama=", [["bukan_isian", "x"]], 42])
    limit = spec.max_length or 64
    return st.sampled_from(["x" * (limit + 1), "nama\x00", "", "   ", 12])


_DESCRIBED = [
    (document, variant, spec.path)
    for document, variant in VARIANTS
    for spec in describe(document, variant).fields
    if spec.path != "delivery" or len(describe(document, variant).deliveries) > 1
]


@pytest.mark.parametrize(("document", "variant", "path"), _DESCRIBED)
@settings(max_examples=4, deadline=None)
@given(data=st.data())
def test_an_invalid_answer_gets_a_finding_naming_its_field_in_both_languages(
    document: DocumentCode, variant: str, path: str, data: st.DataObject
) -> None:
    """A refused answer is a finding at its field's path, starting with its label in each language."""
    description = describe(document, variant)
    spec = description.field(path)
    wrong = data.draw(_invalid(spec), label="wrong answer")
    if isinstance(wrong, str) and not wrong.strip() and not spec.required:
        return  # a blank optional answer is no answer
    base = data.draw(answers(document, variant), label="answers")
    base[path] = wrong
    if spec.required_when is not None:
        base[spec.required_when[0]] = spec.required_when[1][0]
    filled = fill(document, variant, base, channel=Channel.WEBSITE)
    assert not filled.ok
    named = [finding for finding in filled.findings if finding.field == path]
    assert named, (wrong, [f.field for f in filled.findings])
    finding = named[0]
    assert finding.message_id.startswith(spec.label_id), finding.message_id
    assert finding.message_en.startswith(spec.label_en), finding.message_en
    assert finding.message_id != finding.message_en


@pytest.mark.parametrize(("document", "variant"), VARIANTS)
def test_a_required_field_left_blank_is_named(document: DocumentCode, variant: str) -> None:
    """Each required field left blank is a ``<path>.required`` finding with its labels."""
    description = describe(document, variant)
    for spec in description.fields:
        if not spec.required:
            continue
        filled = fill(document, variant, {spec.path: "  "}, channel=Channel.WEBSITE)
        finding = next(f for f in filled.findings if f.field == spec.path)
        assert finding.code == f"{spec.path}.required"
        assert spec.label_id in finding.message_id
        assert spec.label_en in finding.message_en


def test_an_answer_to_no_field_is_refused_by_name() -> None:
    """An answer keyed by a path the form lacks is named, not silently dropped."""
    filled = fill(
        "AKTA-MATI", "standard", {"details.favourite_colour": "biru"}, channel=Channel.WEBSITE
    )
    unknown = [f for f in filled.findings if f.code == "form.unknown"]
    assert [f.field for f in unknown] == ["details.favourite_colour"]


# --- the description itself --------------------------------------------------------------------


@pytest.mark.parametrize(("document", "variant"), VARIANTS)
def test_every_field_is_labelled_in_both_languages_and_cites_its_form(
    document: DocumentCode, variant: str
) -> None:
    """Every field has distinct Indonesian and English labels, a basis, and choices when a choice."""
    description = describe(document, variant)
    assert len(set(description.paths)) == len(description.paths)
    for spec in description.fields:
        assert spec.label_id, spec.path
        assert spec.label_en, spec.path
        assert spec.label_id != spec.label_en, spec.path
        assert spec.basis, spec.path
        if spec.kind is FieldKind.CHOICE:
            assert spec.choices, spec.path
        as_dict = spec.as_dict()
        assert as_dict["path"] == spec.path
        assert as_dict["kind"] == spec.kind.value
    assert description.as_dict()["fields"][0]["path"] == description.fields[0].path


def test_a_field_the_form_lacks_is_an_invalid_field_error() -> None:
    """Asking the description for a field it lacks raises InvalidField naming the path."""
    with pytest.raises(InvalidField) as raised:
        describe("KK", "new").field("details.child_name")
    assert raised.value.field == "details.child_name"


def test_an_office_describes_only_the_deliveries_its_workflow_offers() -> None:
    """Deliveries the office does not offer bring none of their fields (visit, district office)."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    description = office.describe("KTP-el", "new")
    offered = set(description.deliveries)
    assert offered <= set(Delivery)
    assert all(spec.path != "outreach.address" for spec in description.fields) or (
        Delivery.OUTREACH in offered
    )
    fewer = describe("KTP-el", "new", deliveries=[Delivery.PICKUP])
    assert fewer.deliveries == (Delivery.PICKUP,)
    assert not any(spec.path.startswith("outreach.") for spec in fewer.fields)
    assert "district_office" not in fewer.paths
