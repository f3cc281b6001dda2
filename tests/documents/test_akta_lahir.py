"""Birth certificates (adminduk.documents.akta_lahir): deadline, substitutes, unknown origin."""

from __future__ import annotations

from adminduk import Registry, Sex
from adminduk.documents import (
    BirthReport,
    Channel,
    Evidence,
    FindingKind,
    Form,
    check,
    fill,
)
from adminduk.documents.akta_lahir import AktaLahir
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import make_resident
from tests.documents.contract import DocumentTypeContract
from tests.documents.helpers import D, apply_for


class TestAktaLahir(DocumentTypeContract):
    """The shared contract, for AktaLahir."""

    kind = AktaLahir


# --- birth certificates --------------------------------------------------------------------------


def birth(**kwargs: object) -> Form:
    fields: dict[str, object] = {
        "subject": S.wife,
        "partner": S.head,
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
        birth().with_attested(Evidence.HEAD_OF_OFFICE_DECISION), registry, on=D(2026, 3, 3)
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
    """A birth date after the check date is an INVALID finding; so is a missing date or report."""
    assert ("akta-lahir.future",) == check(
        birth(event_date=D(2027, 1, 1)), registry, on=D(2026, 1, 5)
    ).codes
    assert ("akta-lahir.event_date",) == check(
        birth(event_date=None), registry, on=D(2026, 1, 5)
    ).codes
    unreported = check(birth(details=None), registry, on=D(2026, 1, 5))
    assert ("akta-lahir.details",) == unreported.codes
    assert "details" == unreported.findings[0].field


def test_child_of_unknown_origin(registry: Registry) -> None:
    """A foundling's certificate needs the police report."""
    application = apply_for(
        "AKTA-LAHIR",
        "unknown_origin",
        applicant=S.head,
        event_date=D(2026, 1, 1),
        evidence={Evidence.FORM_F201, Evidence.KK},
    )
    assert ("akta-lahir.police_report",) == check(application, registry, on=D(2026, 1, 2)).codes


def test_the_birth_report_filled_in_is_form_f201(registry: Registry) -> None:
    """F-2.01 is met by its data: a form carrying the birth report needs no F-2.01 paper.

    Permendagri 109/2019 makes F-2.01 the report's content, which an online form (the described
    form, ``fill``) carries in ``details``; only a filing without those details still asks for
    the paper form.
    """
    answers = {
        "subject": S.wife,
        "partner": S.head,
        "event_date": "2026-01-01",
        "details.child_name": "Putri Contoh",
        "details.child_sex": 2,
        "details.birth_place": "Way Kanan",
        "details.place_kind": 1,
        "details.birth_kind": 1,
        "details.birth_order": 1,
        "details.attendant": 2,
    }
    filled = fill(
        "AKTA-LAHIR",
        "standard",
        answers,
        channel=Channel.WEBSITE,
        evidence={Evidence.BIRTH_LETTER},
    )
    assert filled.form is not None
    assert isinstance(filled.form.details, BirthReport)
    assert "akta-lahir.form" not in check(filled.form, registry, on=D(2026, 1, 5)).codes
    bare = birth(evidence={Evidence.BIRTH_LETTER}, details=None)
    assert bare.details is None
    assert "akta-lahir.form" in check(bare, registry, on=D(2026, 1, 5)).codes
