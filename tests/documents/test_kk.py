"""Family cards (adminduk.documents.kk): splitting a family, a new family on SPTJM."""

from __future__ import annotations

from adminduk import Registry
from adminduk.documents import (
    Evidence,
    check,
)
from adminduk.documents.kk import KK
from adminduk.samples import SIAP_KELUARGA as S
from tests.documents.contract import DocumentTypeContract
from tests.documents.helpers import D, apply_for


class TestKK(DocumentTypeContract):
    """The shared contract, for KK."""

    kind = KK


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
