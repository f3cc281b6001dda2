"""The KTP-el's life in the register: its status follows the card as the workflow moves.

DOMAIN.md ("KTP-el statuses follow the card"; SIAK statuses): biometrics recorded (sudah
rekam) -> card printed -> card shipped -> card issued (handed over). Coverage of recording
counts everyone at "recorded" or later (Pasal 63-64 UU 24/2013).
"""

from __future__ import annotations

import datetime

import pytest

from adminduk.applications import Role
from adminduk.codes import KTPElStatus
from adminduk.documents import Delivery
from adminduk.errors import ImpossibleEvent
from adminduk.register.events import KTPElCardUpdated
from adminduk.samples import SIAP_KELUARGA, sample_form, sample_registry, sample_staff
from adminduk.statistics import ktp_el_coverage
from adminduk.workflows import Office

S = SIAP_KELUARGA
ON = datetime.date(2026, 3, 2)
START = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}


def at(hours: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=hours)


@pytest.mark.parametrize("delivery", [Delivery.POST, Delivery.PICKUP])
def test_the_register_follows_the_card_from_recording_to_hand_over(delivery: Delivery) -> None:
    """Recorded, printed, (shipped,) issued: the register's status after each step."""
    office = Office("18.08", sample_registry(), staff=sample_staff())

    def status() -> KTPElStatus:
        return office.registry.resident(S.head).ktp_el_status

    app = office.submit(
        sample_form("KTP-el", on=ON, delivery=delivery), actor=STAFF[Role.SYSTEM], at=at(0)
    )
    app = office.record_biometrics(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    assert status() is KTPElStatus.RECORDED
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(2))
    app = office.issue(app, actor=STAFF[Role.REGISTRAR], at=at(3))
    assert status() is KTPElStatus.PRINTED
    if delivery is Delivery.POST:
        app = office.ship(app, actor=STAFF[Role.COURIER], at=at(4))
        assert status() is KTPElStatus.SHIPPED
        app = office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(30))
        handed_by = STAFF[Role.DISTRICT_OFFICER]
    else:
        handed_by = STAFF[Role.FRONT_OFFICE]
    office.collect(app, actor=handed_by, at=at(50), collector=S.head)
    assert status() is KTPElStatus.ISSUED
    office.registry.check()
    # coverage counted from the register still counts him as recorded
    district = office.registry.family(S.family).address.district_code
    [row] = [r for r in ktp_el_coverage(office.registry, "18.08", on=ON) if r.code == district]
    issued_cards = sum(
        1 for p in office.registry.residents() if p.ktp_el_status is KTPElStatus.ISSUED
    )
    assert issued_cards == 1
    assert row.recorded >= issued_cards


def test_a_card_cannot_skip_ahead_of_the_workflow() -> None:
    """A card is not shipped before it is printed, nor printed without biometrics."""
    registry = sample_registry()
    with pytest.raises(ImpossibleEvent, match="cannot move"):
        registry.apply(
            KTPElCardUpdated(
                nik=S.head, status=KTPElStatus.SHIPPED, occurred_on=ON, recorded_on=ON
            )
        )
    registry.apply_all([])  # nothing to do
    before = registry.journal
    with pytest.raises(ImpossibleEvent):
        registry.apply(
            KTPElCardUpdated(
                nik=S.child, status=KTPElStatus.PRINTED, occurred_on=ON, recorded_on=ON
            )
        )
    assert registry.journal == before


def test_two_cards_in_flight_for_one_resident_both_travel() -> None:
    """A replacement filed before the first card arrived: both are posted and handed over."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    first = office.submit(
        sample_form("KTP-el", on=ON, delivery=Delivery.POST), actor=STAFF[Role.SYSTEM], at=at(0)
    )
    first = office.record_biometrics(first, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    second = office.submit(
        sample_form("KTP-el", "lost", on=ON, delivery=Delivery.POST),
        actor=STAFF[Role.SYSTEM],
        at=at(1),
    )
    apps = [first, second]
    for step, role in [
        ("verify", Role.FRONT_OFFICE),
        ("issue", Role.REGISTRAR),
        ("ship", Role.COURIER),
        ("arrive", Role.DISTRICT_OFFICER),
    ]:
        apps = [getattr(office, step)(app, actor=STAFF[role], at=at(2)) for app in apps]
    for app in apps:
        office.collect(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(3), collector=S.head)
    assert office.registry.resident(S.head).ktp_el_status is KTPElStatus.ISSUED
    office.registry.check()
