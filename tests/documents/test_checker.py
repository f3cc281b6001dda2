"""The checker and the catalogue over every type: evidence, unknown codes, service levels."""

from __future__ import annotations

import datetime

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk import Registry, errors
from adminduk.documents import (
    DOCUMENT_TYPES,
    Channel,
    DocumentCode,
    Evidence,
    Form,
    ServiceLevels,
    Supplier,
    catalogue,
    check,
    document_type,
    variants_for,
)
from adminduk.register.issued import IssuedKIA
from adminduk.samples import (
    SIAP_KELUARGA,
    sample_form,
    sample_issued,
    sample_registry,
    sample_staff,
)
from adminduk.workflows import Office
from tests.documents.helpers import D, apply_for


def test_every_evidence_kind_is_used() -> None:
    """Every kind a resident supplies is accepted by a requirement somewhere; of the office's
    attestations, those no national table asks for yet are an office's to require.
    """
    used = set().union(*(kind.evidence_kinds() for kind in DOCUMENT_TYPES))
    used.add(Evidence.HEAD_OF_OFFICE_DECISION)  # added by the checker to late reports
    used.add(Evidence.NOT_A_DUPLICATE)  # asked by an office that checks duplicates at filing
    unused = set(Evidence) - used
    assert {Evidence.ORIGINALS_SEEN, Evidence.SIGNATURE_WITNESSED} == unused
    assert all(kind.supplier is Supplier.OFFICE for kind in unused)


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


def test_online_channels() -> None:
    """Website and WhatsApp are online (scans of originals); counter and outreach are not."""
    assert {Channel.WEBSITE, Channel.WHATSAPP} == {c for c in Channel if c.online}


# --- reference days anywhere in the calendar, and forms of the wrong shape (issue 25) -----------


@settings(max_examples=150)
@given(
    # the whole calendar, with its first centuries (where ages counted back leave it) weighted
    on=st.one_of(st.dates(max_value=datetime.date(300, 12, 31)), st.dates()),
    code=st.sampled_from([kind.code for kind in DOCUMENT_TYPES]),
    who=st.sampled_from(["head", "wife", "child"]),
)
def test_any_reference_day_gets_an_answer_or_a_typed_refusal(
    on: datetime.date, code: DocumentCode, who: str
) -> None:
    """check() and variants_for() on any day from year 1 to 9999: a report, or an AdmindukError.

    Before year 100 the day is refused (ages are counted back from it); no day raises a plain
    ValueError or OverflowError.
    """
    registry = sample_registry()
    person = getattr(SIAP_KELUARGA, who)
    try:
        fitting = variants_for(code, person, registry, on=on)
    except errors.AdmindukError:
        assert on.year < 100
        return
    for variant in fitting or (document_type(code).variants[0].code,):
        form = Form(document=code, variant=variant, channel=Channel.COUNTER, subject=person)
        check(form, registry, on=on)


@pytest.mark.parametrize("evidence", [None, 5, "kk", [Evidence.KK, 5], b"kk", [[1]]])
def test_evidence_of_the_wrong_shape_is_refused_with_a_typed_error(evidence: object) -> None:
    """Form(evidence=None) or a number is an InvalidFormat, never a TypeError."""
    with pytest.raises(errors.ValidationError):
        Form(document="KK", variant="new", channel=Channel.COUNTER, evidence=evidence)  # type: ignore[arg-type]


def test_an_event_dated_today_is_not_in_the_future() -> None:
    """A birth reported on the day it happened is on time, not "in the future" (UU 24/2013).

    The day after the reference day is in the future; the reference day itself is not.
    """
    registry = sample_registry()
    on = datetime.date(2026, 3, 2)
    today = attrs.evolve(sample_form("AKTA-LAHIR", on=on), event_date=on)
    tomorrow = attrs.evolve(today, event_date=on + datetime.timedelta(days=1))
    assert "akta-lahir.future" not in {f.code for f in check(today, registry, on=on).findings}
    assert "akta-lahir.future" in {f.code for f in check(tomorrow, registry, on=on).findings}


def test_a_kia_is_still_valid_on_its_last_valid_day() -> None:
    """Permendagri 2/2016: a KIA is valid up to and including ``valid_until``.

    On that day the child still holds a valid card (a new one is refused: ask for a
    replacement); the day after, the card has expired.
    """
    office = Office("18.08", sample_registry(), staff=sample_staff())
    issued = sample_issued("KIA", on=datetime.date(2026, 3, 2), office=office)
    record = next(r for r in issued.documents if isinstance(r, IssuedKIA))
    registry = office.registry
    form = Form(
        document="KIA", variant="5_to_17", channel=Channel.COUNTER, subject=SIAP_KELUARGA.child
    )

    def still_valid(on: datetime.date) -> bool:
        return any("still valid" in f.message_en for f in check(form, registry, on=on).findings)

    assert still_valid(record.valid_until)
    assert not still_valid(record.valid_until + datetime.timedelta(days=1))
