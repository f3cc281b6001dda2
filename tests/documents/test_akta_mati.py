"""Death certificates (adminduk.documents.akta_mati): the 30-day deadline."""

from __future__ import annotations

from adminduk import Registry
from adminduk.documents import (
    Evidence,
    check,
)
from adminduk.documents.akta_mati import AktaMati
from adminduk.samples import SIAP_KELUARGA as S
from tests.documents.contract import DocumentTypeContract
from tests.documents.helpers import D, apply_for


class TestAktaMati(DocumentTypeContract):
    """The shared contract, for AktaMati."""

    kind = AktaMati


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
