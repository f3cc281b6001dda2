"""KIA (adminduk.documents.kia): the age bands and the card's validity."""

from __future__ import annotations

import pytest

from adminduk import Registry, errors
from adminduk.documents import (
    KIA,
    Evidence,
    FindingKind,
    Form,
    check,
)
from adminduk.samples import SIAP_KELUARGA as S
from tests.documents.contract import DocumentTypeContract
from tests.documents.helpers import D, apply_for


class TestKIA(DocumentTypeContract):
    """The shared contract, for KIA."""

    kind = KIA


# --- KIA -----------------------------------------------------------------------------------------


def kia(variant: str) -> Form:
    return apply_for("KIA", variant, subject=S.child).with_evidence(
        Evidence.BIRTH_CERTIFICATE, Evidence.PARENTS_KTP_EL, Evidence.PHOTOS
    )


def test_kia_boundary_at_5(registry: Registry) -> None:
    """Ani (born 1 Jan 2015) needs the 0-5 card until 31 Dec 2019, the 5-17 card from 1 Jan 2020."""
    assert check(kia("under_5"), registry, on=D(2019, 12, 31)).ok
    # refused, with the variant that fits named
    assert ("kia.under_5.age", "kia.variant") == check(
        kia("under_5"), registry, on=D(2020, 1, 1)
    ).codes
    assert ("kia.5_to_17.age", "kia.variant") == check(
        kia("5_to_17"), registry, on=D(2019, 12, 31)
    ).codes
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


def test_a_replacement_kia_keeps_the_childs_age_band() -> None:
    """Permendagri 2/2016: a lost card replaced for a two-year-old is the under-5 card again,
    valid to the day before the fifth birthday; an unknown variant is refused."""
    born = D(2024, 6, 10)
    assert D(2029, 6, 9) == KIA.valid_until(born, "lost", on=D(2026, 6, 10))
    assert D(2041, 6, 9) == KIA.valid_until(born, "damaged", on=D(2030, 1, 1))
    with pytest.raises(errors.InvalidComponent, match="on="):
        KIA.valid_until(born, "lost")
    with pytest.raises(errors.InvalidComponent, match="no variant"):
        KIA.valid_until(born, "adult")
