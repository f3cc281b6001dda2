"""Property tests of the checker over generated applications."""

from __future__ import annotations

import datetime

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk import Registry
from adminduk.documents import (
    DOCUMENT_TYPES,
    Channel,
    Context,
    FindingKind,
    Form,
    Supplier,
    check,
    document_type,
    variants_for,
)
from adminduk.strategies import forms, registries

ON = datetime.date(2026, 1, 1)


@settings(max_examples=200)
@given(st.data(), registries(max_families=3))
def test_findings_are_exactly_the_unmet_requirements(
    data: st.DataObject, registry: Registry
) -> None:
    """Every finding is an applicable requirement whose evidence is absent and rule unmet;
    every requirement the application does not meet has a finding (besides lateness)."""
    application = data.draw(forms(registry, on=ON))
    report = check(application, registry, on=ON)
    kind = document_type(application.document)
    context = Context(application, registry, ON)
    unmet = {
        r.id
        for r in kind.all_requirements(application.variant)
        if r.applies(context)
        and not context.has(*r.satisfied_by)
        and not (r.met is not None and r.met(context))
    }
    rows = {r.id: r for r in kind.all_requirements(application.variant)}
    timing = {code for code in report.codes if code.startswith(kind.code.lower() + ".")}
    timing -= set(rows)
    refused = any(
        rows[c].kind is FindingKind.INELIGIBLE and not rows[c].satisfied_by for c in unmet
    )
    if refused:
        # a refusal is reported alone, with what is wrong on the form and the variant that fits
        kept = {c for c in unmet if rows[c].kind in (FindingKind.INELIGIBLE, FindingKind.INVALID)}
        assert kept == set(report.codes) - timing
        assert all(
            f.kind in (FindingKind.INELIGIBLE, FindingKind.INVALID) for f in report.findings
        )
    else:
        assert unmet == set(report.codes) - timing
    assert len(report.codes) == len(set(report.codes))
    assert report.ok == all(not f.blocking for f in report.findings)
    # the rows' findings come in the table's order (the refusing rows are evaluated first)
    order = [r.id for r in kind.all_requirements(application.variant)]
    reported = [code for code in report.codes if code in rows]
    assert reported == [code for code in order if code in reported]


@settings(max_examples=100)
@given(st.data(), registries(max_families=3))
def test_variants_for_are_those_a_checked_form_is_not_refused_for(
    data: st.DataObject, registry: Registry
) -> None:
    """variants_for() agrees with check() on a form built with every check: a variant fits
    exactly when checking a form for it reports no ineligibility."""
    residents = sorted(r.nik for r in registry.residents())
    if not residents:
        return
    nik = data.draw(st.sampled_from(residents))
    kind = data.draw(st.sampled_from(DOCUMENT_TYPES))
    expected = tuple(
        variant.code
        for variant in kind.variants
        if not any(
            f.kind is FindingKind.INELIGIBLE
            for f in check(
                Form(
                    document=kind.code, variant=variant.code, channel=Channel.COUNTER, subject=nik
                ),
                registry,
                on=ON,
                suggest=False,
            ).findings
        )
    )
    assert variants_for(kind.code, nik, registry, on=ON) == expected


@settings(max_examples=200)
@given(st.data(), registries(max_families=3))
def test_adding_suggested_evidence_only_removes_findings(
    data: st.DataObject, registry: Registry
) -> None:
    """Supplying what a finding suggests clears it and never adds a finding about that evidence:
    a resident's paper handed in, or the office's act attested.
    """
    application = data.draw(forms(registry, on=ON))
    report = check(application, registry, on=ON)
    fixable = [f for f in report.findings if f.satisfy_with]
    if not fixable:
        return
    finding = data.draw(st.sampled_from(fixable))
    evidence = data.draw(st.sampled_from(finding.satisfy_with))
    better: Form = (
        application.with_attested(evidence)
        if evidence.supplier is Supplier.OFFICE
        else application.with_evidence(evidence)
    )
    after = check(better, registry, on=ON)
    assert finding.code not in after.codes
    assert set(after.codes) <= set(report.codes)
    assert not any(evidence in f.satisfy_with for f in after.findings)


@given(forms(on=ON))
def test_checking_is_pure(application: Form) -> None:
    """The same inputs give the same report, and checking changes nothing."""
    registry = Registry()
    first = check(application, registry, on=ON)
    assert first == check(attrs.evolve(application), registry, on=ON)
    assert Registry() == registry
