"""KTP-el (adminduk.documents.ktp_el): the age rule, biometrics from the register, replacement."""

from __future__ import annotations

from adminduk import Registry, Sex
from adminduk.codes import Relationship
from adminduk.documents import (
    Evidence,
    FindingKind,
    check,
)
from adminduk.documents.ktp_el import KTPEl
from adminduk.register.events import FamilyRegistered, KTPElRecorded, Marriage
from adminduk.register.family import Family, Membership
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import make_resident, sample_address
from tests.documents.contract import DocumentTypeContract
from tests.documents.helpers import D, apply_for


class TestKTPEl(DocumentTypeContract):
    """The shared contract, for KTPEl."""

    kind = KTPEl


# --- KTP-el --------------------------------------------------------------------------------------


def test_ktp_el_at_17(registry: Registry) -> None:
    """Ani turns 17 on 1 January 2032: the day before she is not yet required, then she is."""
    application = (
        apply_for("KTP-el", "new", subject=S.child)
        .with_evidence(Evidence.FORM_F102)
        .with_attested(Evidence.BIOMETRICS)
    )
    assert ("ktp-el.eligible",) == check(application, registry, on=D(2031, 12, 31)).codes
    assert check(application, registry, on=D(2032, 1, 1)).ok


def test_ktp_el_married_young(registry: Registry) -> None:
    """Married at 16 (with dispensation) or 18, a resident must hold a KTP-el."""
    dedi = make_resident("Dedi", Sex.MALE, D(1995, 4, 2), district="18.08.04", serial=5)
    family = Family(
        number="1808040101200001",
        address=sample_address(),
        members=(Membership(nik=dedi.nik, relationship=Relationship.HEAD, since=D(2020, 1, 1)),),
    )
    registry.apply(
        FamilyRegistered(
            occurred_on=D(2020, 1, 1), recorded_on=D(2020, 1, 1), family=family, residents=(dedi,)
        )
    )
    registry.apply(
        Marriage(
            occurred_on=D(2031, 2, 1), recorded_on=D(2031, 2, 1), husband=dedi.nik, wife=S.child
        )
    )
    application = (
        apply_for("KTP-el", "new", subject=S.child)
        .with_evidence(Evidence.FORM_F102)
        .with_attested(Evidence.BIOMETRICS)
    )
    assert check(application, registry, on=D(2031, 3, 1)).ok  # 16, married
    assert check(application, registry, on=D(2033, 3, 1)).ok  # 18, married


def test_ktp_el_biometrics_from_the_register(registry: Registry) -> None:
    """Recorded biometrics in the register satisfy the requirement without a paper."""
    registry.apply(KTPElRecorded(occurred_on=D(2026, 1, 1), recorded_on=D(2026, 1, 1), nik=S.wife))
    report = check(apply_for("KTP-el", "new", subject=S.wife), registry, on=D(2026, 2, 1))
    assert ("ktp-el.new.form",) == report.codes


def test_lost_ktp_el(registry: Registry) -> None:
    """A lost KTP-el (biometrics on record) needs the police letter; the KK is the register's."""
    registry.apply(KTPElRecorded(occurred_on=D(2021, 1, 4), recorded_on=D(2021, 1, 4), nik=S.head))
    application = apply_for("KTP-el", "lost", subject=S.head)
    report = check(application, registry, on=D(2026, 1, 1))
    assert ("ktp-el.lost.police",) == report.codes
    assert (Evidence.POLICE_LETTER,) == report.findings[0].satisfy_with
    assert check(application.with_evidence(Evidence.POLICE_LETTER), registry, on=D(2026, 1, 1)).ok


def test_unknown_subject_is_a_finding(registry: Registry) -> None:
    """A NIK the register does not know is an INVALID finding, and the KK must be attached."""
    report = check(
        apply_for("KTP-el", "lost", subject="1808010101900001"), registry, on=D(2026, 1, 1)
    )
    assert {"ktp-el.subject", "ktp-el.kk", "ktp-el.lost.police"} == set(report.codes)
    assert FindingKind.INVALID is report.findings[0].kind
