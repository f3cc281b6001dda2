"""Corrections (adminduk.documents.perbaikan_data): the request, the evidence of each route.

The workflow and the effects are in tests/workflows/test_corrections.py; here, the checker's
rows: what each route asks for, and what it refuses.
"""

from __future__ import annotations

import datetime

import pytest

from adminduk import Registry
from adminduk.documents import CorrectionRequest, Evidence, check, event_for
from adminduk.documents.perbaikan_data import PerbaikanData
from adminduk.errors import InvalidComponent, InvalidField, InvalidFormat
from adminduk.register.events import DataCorrection, DocumentWithdrawn
from adminduk.samples import SIAP_KELUARGA as S
from tests.documents.contract import DocumentTypeContract
from tests.documents.helpers import D, apply_for


class TestPerbaikanData(DocumentTypeContract):
    """The shared contract, for PerbaikanData."""

    kind = PerbaikanData


def _codes(
    registry: Registry, variant: str, request: CorrectionRequest, *evidence: Evidence
) -> set[str]:
    form = apply_for(
        "PERBAIKAN-DATA", variant, subject=S.head, details=request, evidence=frozenset(evidence)
    )
    return set(check(form, registry, on=D(2026, 3, 2)).codes)


def test_a_clerical_error_needs_the_right_data_and_the_wrong_document(registry: Registry) -> None:
    """Pasal 71 UU 24/2013: an authentic document with the right data, and the erroneous one."""
    request = CorrectionRequest(changes={"birth_place": "Banjit"})
    assert {"perbaikan-data.clerical.proof", "perbaikan-data.clerical.document"} == _codes(
        registry, "clerical", request
    )
    assert set() == _codes(
        registry, "clerical", request, Evidence.PROOF_OF_CHANGE, Evidence.ERRONEOUS_DOCUMENT
    )


def test_a_change_of_name_needs_a_court_decision_and_other_data_their_proof(
    registry: Registry,
) -> None:
    """Pasal 52 UU 23/2006 for a name; Perpres 96/2018 for the rest; F-1.02 for both."""
    name = CorrectionRequest(changes={"name": "Budiman Santoso"})
    assert {"perbaikan-data.change.form", "perbaikan-data.change.court"} == _codes(
        registry, "change", name
    )
    date = CorrectionRequest(changes={"birth_date": "1987-08-18"})
    assert {"perbaikan-data.change.form", "perbaikan-data.change.proof"} == _codes(
        registry, "change", date
    )
    assert set() == _codes(registry, "change", date, Evidence.FORM_F102, Evidence.COURT_DECISION)


def test_an_annulment_names_a_certificate_in_force_and_needs_the_court(registry: Registry) -> None:
    """Pasal 72 UU 23/2006: a final court decision, and the certificate named must be in force."""
    request = CorrectionRequest(certificate="AKTA-KAWIN", number="1808-KW-01012020-0001")
    assert {"perbaikan-data.annulment.court", "perbaikan-data.certificate"} == _codes(
        registry, "annulment", request
    )
    with_changes = CorrectionRequest(changes={"name": "X Y"}, certificate="AKTA-KAWIN", number="1")
    assert "perbaikan-data.request" in _codes(registry, "annulment", with_changes)


def test_a_form_without_a_request_is_told_what_is_missing(registry: Registry) -> None:
    """No CorrectionRequest: the checker says what to fill in, not a crash."""
    form = apply_for("PERBAIKAN-DATA", "clerical", subject=S.head, details=None)
    report = check(form, registry, on=D(2026, 3, 2))
    assert "perbaikan-data.details" in report.codes
    assert "F-1.02" in report.findings[report.codes.index("perbaikan-data.details")].message_en
    with pytest.raises(InvalidComponent, match="CorrectionRequest"):
        event_for(form, on=D(2026, 3, 2))


def test_the_events_a_correction_builds() -> None:
    """A DataCorrection of the subject dated the day of issue; an annulment's withdrawal."""
    on = datetime.date(2026, 3, 2)
    clerical = apply_for(
        "PERBAIKAN-DATA",
        "clerical",
        subject=S.head,
        details=CorrectionRequest(changes={"religion": "2", "birth_date": "1987-08-18"}),
    )
    event = event_for(clerical, on=on)
    assert isinstance(event, DataCorrection)
    assert (event.nik, event.occurred_on, event.birth_date) == (S.head, on, D(1987, 8, 18))
    annul = apply_for(
        "PERBAIKAN-DATA",
        "annulment",
        subject=S.head,
        details=CorrectionRequest(certificate="AKTA-LAHIR", number="N-1", reason="Putusan 1"),
    )
    withdrawn = event_for(annul, on=on)
    assert isinstance(withdrawn, DocumentWithdrawn)
    assert (withdrawn.document, withdrawn.number, withdrawn.basis) == (
        "AKTA-LAHIR",
        "N-1",
        "Putusan 1",
    )


@pytest.mark.parametrize(
    ("arguments", "refused"),
    [
        ({"changes": {"nik": "x"}}, InvalidComponent),
        ({"changes": {"birth_date": "02-03-2026"}}, InvalidComponent),
        ({"changes": {"sex": "male"}}, InvalidComponent),
        ({"changes": {"name": ""}}, InvalidFormat),
        ({"changes": "name=Budi"}, InvalidFormat),
        ({"changes": [("name",)]}, InvalidFormat),
        ({"changes": [("name", "A"), ("name", "B")]}, InvalidComponent),
        ({"certificate": "KK", "number": "1"}, InvalidField),
        ({"certificate": "AKTA-LAHIR"}, InvalidField),
        ({"reason": 5}, InvalidField),
    ],
)
def test_a_request_of_the_wrong_shape_is_refused_when_made(
    arguments: dict[str, object], refused: type[Exception]
) -> None:
    """A request is checked when made: unknown fields, values of the wrong form, half a name."""
    with pytest.raises(refused):
        CorrectionRequest(**arguments)  # type: ignore[arg-type]
