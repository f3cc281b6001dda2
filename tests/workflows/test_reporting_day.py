"""Lateness is counted to the day the resident reported, not to the office's day.

Pasal 27 UU 24/2013 (births, 60 days) and Pasal 44 (deaths, 30 days): the deadline runs from the
event to the report. An office that verifies a few days later must not turn an on-time report into
a late one (and send the resident back for a late-registration decision).
"""

from __future__ import annotations

import datetime

import attrs

from adminduk import check
from adminduk.applications import Actor, Role, Status
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import sample_form, sample_registry, sample_staff
from adminduk.workflows import Office

STAFF = {actor.role: actor for actor in sample_staff()}
D = datetime.date


def _office() -> Office:
    return Office("18.08", sample_registry(), staff=sample_staff())


def test_a_birth_reported_on_day_60_is_on_time_when_verified_on_day_63() -> None:
    """Pasal 27(1) UU 24/2013: born 1 April, reported 31 May (day 60), verified 3 June: on time."""
    office = _office()
    form = attrs.evolve(sample_form("AKTA-LAHIR", on=D(2026, 5, 31)), event_date=D(2026, 4, 1))
    app = office.submit(form, actor=Actor.resident(S.head), at=datetime.datetime(2026, 5, 31, 9))
    assert D(2026, 5, 31) == app.form.reported_on
    verified = office.verify(
        app, actor=STAFF[Role.FRONT_OFFICE], at=datetime.datetime(2026, 6, 3, 9)
    )
    assert Status.VERIFIED is verified.status
    assert not any(f.code.endswith(".late") for f in verified.history[-1].findings)


def test_a_death_reported_on_day_30_is_on_time_when_verified_later() -> None:
    """Pasal 44 UU 24/2013: a death reported on day 30 stays on time at a later verification."""
    office = _office()
    form = attrs.evolve(sample_form("AKTA-MATI", on=D(2026, 3, 31)), event_date=D(2026, 3, 1))
    app = office.submit(form, actor=Actor.resident(S.wife), at=datetime.datetime(2026, 3, 31, 9))
    verified = office.verify(
        app, actor=STAFF[Role.FRONT_OFFICE], at=datetime.datetime(2026, 4, 6, 9)
    )
    assert Status.VERIFIED is verified.status


def test_a_late_report_is_still_late_and_the_first_report_counts() -> None:
    """Reported on day 61 is late, also at a resubmission; ages and validity use the check's day."""
    form = attrs.evolve(
        sample_form("AKTA-LAHIR", on=D(2026, 6, 1)),
        event_date=D(2026, 4, 1),
        reported_on=D(2026, 6, 1),
    )
    late = check(form, sample_registry(), on=D(2026, 6, 1))
    assert "akta-lahir.late" in late.codes
    on_time = check(
        attrs.evolve(form, reported_on=D(2026, 5, 31)), sample_registry(), on=D(2026, 7, 1)
    )
    assert "akta-lahir.late" not in on_time.codes
    office = _office()
    app = office.submit(
        attrs.evolve(form, reported_on=None),
        actor=Actor.resident(S.head),
        at=datetime.datetime(2026, 5, 31, 9),
    )
    returned = office.send_back(
        app, actor=STAFF[Role.FRONT_OFFICE], at=datetime.datetime(2026, 6, 2, 9), reason="scan"
    )
    again = office.resubmit(
        returned, actor=Actor.resident(S.head), at=datetime.datetime(2026, 6, 20, 9)
    )
    assert D(2026, 5, 31) == again.form.reported_on
