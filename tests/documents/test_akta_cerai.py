"""Divorce certificates (adminduk.documents.akta_cerai): a married couple, a final decision."""

from __future__ import annotations

import attrs

from adminduk import Registry
from adminduk.documents import (
    check,
)
from adminduk.documents.akta_cerai import AktaCerai
from adminduk.samples import SIAP_KELUARGA as S
from tests.documents.contract import DocumentTypeContract
from tests.documents.helpers import D, apply_for


class TestAktaCerai(DocumentTypeContract):
    """The shared contract, for AktaCerai."""

    kind = AktaCerai


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
