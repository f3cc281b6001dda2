"""Marriage certificates (adminduk.documents.akta_kawin): age, consent, the KUA's share."""

from __future__ import annotations

import datetime

from adminduk import Registry, Religion, Sex
from adminduk.codes import Relationship
from adminduk.documents import (
    Evidence,
    FindingKind,
    check,
)
from adminduk.documents.akta_kawin import AktaKawin
from adminduk.register.events import FamilyRegistered
from adminduk.register.family import Family, Membership
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import make_resident, sample_address
from tests.documents.contract import DocumentTypeContract
from tests.documents.helpers import D, apply_for


class TestAktaKawin(DocumentTypeContract):
    """The shared contract, for AktaKawin."""

    kind = AktaKawin


def christian_couple(
    registry: Registry, groom_born: datetime.date, bride_born: datetime.date
) -> tuple[str, str]:
    groom = make_resident("Yohanes", Sex.MALE, groom_born, serial=61, religion=Religion.KRISTEN)
    bride = make_resident("Maria", Sex.FEMALE, bride_born, serial=62, religion=Religion.KRISTEN)
    for number, person in (("1808040101200011", groom), ("1808040101200012", bride)):
        family = Family(
            number=number,
            address=sample_address(),
            members=(
                Membership(nik=person.nik, relationship=Relationship.HEAD, since=D(2025, 1, 1)),
            ),
        )
        registry.apply(
            FamilyRegistered(
                occurred_on=D(2025, 1, 1),
                recorded_on=D(2025, 1, 1),
                family=family,
                residents=(person,),
            )
        )
    return groom.nik, bride.nik


FULL_MARRIAGE = {
    Evidence.RELIGIOUS_STATEMENT,
    Evidence.PHOTOS,
    Evidence.FORM_F212,
    Evidence.WITNESSES,
    Evidence.KTP_EL,
}


def test_marriage_under_19_with_and_without_dispensation(registry: Registry) -> None:
    """Under 19 needs a court dispensation (UU 16/2019); under 21 the parents' consent too."""
    groom, bride = christian_couple(registry, D(1998, 1, 1), D(2007, 6, 1))
    application = apply_for(
        "AKTA-KAWIN",
        "standard",
        subject=groom,
        partner=bride,
        event_date=D(2026, 1, 10),
        evidence=FULL_MARRIAGE,
    )
    report = check(application, registry, on=D(2026, 1, 20))
    assert {"akta-kawin.minimum_age", "akta-kawin.parents_consent"} == set(report.codes)
    assert FindingKind.INELIGIBLE is report.findings[0].kind
    granted = application.with_evidence(Evidence.COURT_DISPENSATION, Evidence.PARENTS_CONSENT)
    assert check(granted, registry, on=D(2026, 1, 20)).ok


def test_muslim_marriages_belong_to_the_kua(registry: Registry) -> None:
    """Two Muslims register their marriage at the KUA."""
    groom = make_resident("Rizki", Sex.MALE, D(1990, 1, 1), serial=71)
    report = check(
        apply_for(
            "AKTA-KAWIN", "standard", subject=groom.nik, partner=S.child, event_date=D(2026, 1, 1)
        ),
        registry,
        on=D(2026, 1, 2),
    )
    assert "akta-kawin.subject" not in report.codes
    registry_with = Registry.replay(registry.journal)
    report = check(
        apply_for(
            "AKTA-KAWIN", "standard", subject=S.head, partner=S.wife, event_date=D(2026, 1, 1)
        ),
        registry_with,
        on=D(2026, 1, 2),
    )
    assert {"akta-kawin.kua", "akta-kawin.free"} <= set(report.codes)
