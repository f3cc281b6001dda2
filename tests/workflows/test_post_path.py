"""The post path as Way Kanan runs it: printed, posted, arrived at the district office, collected.

DOMAIN.md ("The post path as Way Kanan runs it"): printed at the regency office -> handed to the
post office -> arrives at the resident's district office (kantor kecamatan) -> collected there.
The district office is named by its region code and district name.
"""

from __future__ import annotations

import datetime

import pytest

from adminduk import serialization
from adminduk.applications import Application, Role, Status
from adminduk.documents import Delivery
from adminduk.errors import ForbiddenTransition, InvalidComponent, PermissionDenied
from adminduk.samples import SIAP_KELUARGA, sample_form, sample_registry, sample_staff
from adminduk.workflows import Office, dashboard, replay, waiting_at, waiting_at_districts

S = SIAP_KELUARGA
ON = datetime.date(2026, 3, 2)
START = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}


def at(hours: float) -> datetime.datetime:
    return START + datetime.timedelta(hours=hours)


def printed(office: Office, delivery: Delivery) -> Application:
    form = sample_form("KK", "lost", on=ON, delivery=delivery)
    app = office.submit(form, actor=STAFF[Role.SYSTEM], at=at(0))
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=at(1))
    return office.issue(app, actor=STAFF[Role.REGISTRAR], at=at(2))


def posted(office: Office) -> Application:
    return office.ship(printed(office, Delivery.POST), actor=STAFF[Role.COURIER], at=at(3))


def test_a_posted_document_waits_at_the_district_office_before_collection() -> None:
    """A posted document arrives at the resident's district office and is collected there."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    app = posted(office)
    with pytest.raises(ForbiddenTransition, match="possible now: arrive"):
        office.collect(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(4), collector=S.head)
    district = office.registry.family(S.family).address.district_code
    app = office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(30))
    assert app.status is Status.ARRIVED
    assert waiting_at(app) == (district, at(30))
    board = dashboard(office.applications.values(), at=at(31))
    assert board.at_districts == {district: 1}
    assert "Blambangan Umpu" in board.render()
    app = office.collect(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(50), collector=S.head)
    assert app.history[-1].office == district, "handed over where it arrived"
    assert waiting_at(app) is None
    assert waiting_at_districts(office.applications.values()) == {}
    assert replay(app.history, id=app.id) == app
    assert serialization.loads(serialization.dumps(app)) == app


def test_only_the_district_officer_records_an_arrival_at_a_district_of_the_regency() -> None:
    """Only the district officer records the arrival, at a district code of the office's area."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    app = posted(office)
    with pytest.raises(PermissionDenied):
        office.arrive(app, actor=STAFF[Role.COURIER], at=at(30))
    with pytest.raises(InvalidComponent, match="not in the area"):
        office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(30), district="31.71.01")
    with pytest.raises(InvalidComponent, match="not a district code"):
        office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(30), district="18.08.99")
    assert office.get(app.id).status is Status.SHIPPED
    chosen = office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(30), district="180805")
    assert waiting_at(chosen) == ("18.08.05", at(30))


def test_other_paths_do_not_stop_at_a_district_office() -> None:
    """Digital, pickup and outreach deliveries have no arrival."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    app = printed(office, Delivery.PICKUP)
    with pytest.raises(ForbiddenTransition):
        office.arrive(app, actor=STAFF[Role.DISTRICT_OFFICER], at=at(3))
