"""Working hours per role in the office model: who works when, how much a short day holds, and
what waits at a full or closed hand-over desk.

Each rule is checked on the run's own histories (the actions' days and actors), not on the
model's counters.
"""

from __future__ import annotations

import datetime
from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk.applications import Role, Status, Trigger
from adminduk.documents import Channel, Delivery
from adminduk.errors import AdmindukError, InvalidFormat
from adminduk.register import Registry
from adminduk.simulation import (
    OFFICE_WEEK,
    OfficeSimulation,
    WorkingHours,
    handover_level,
    simulate_office,
    synthesize_population,
)

DESKS = {Role.FRONT_OFFICE: 6, Role.REGISTRAR: 8}
_DISTRICT: list[Registry] = []


def district() -> Registry:
    """A copy of one small synthetic district (built once per process)."""
    if not _DISTRICT:
        _DISTRICT.append(synthesize_population("18.08.15", seed=5, scale=0.3))
    registry = _DISTRICT[0]
    return Registry.replay(registry.journal, area=registry.area)


def actions(run: OfficeSimulation, trigger: Trigger, role: Role) -> list[datetime.date]:
    """The days of every ``trigger`` taken by someone in ``role``."""
    return [
        action.at.date()
        for app in run.applications
        for action in app.history
        if action.trigger is trigger and action.actor.role is role
    ]


@given(
    st.lists(st.floats(0, 12), min_size=7, max_size=7).filter(any),
    st.integers(0, 500),
    st.dates(datetime.date(2020, 1, 1), datetime.date(2030, 1, 1)),
)
def test_a_day_holds_its_share_of_a_full_day(
    week: list[float], per_full_day: int, day: datetime.date
) -> None:
    """A day of h hours holds h/full_day of a full day's files; a closed day holds none."""
    hours = WorkingHours(week, full_day=8)
    got = hours.capacity(per_full_day, day)
    assert abs(got - per_full_day * week[day.weekday()] / 8) <= 0.5
    assert hours.works(day) == (week[day.weekday()] > 0)
    if not hours.works(day):
        assert got == 0


@pytest.mark.parametrize(
    ("week", "full_day"),
    [
        ((8, 8, 8, 8, 8, 0), 8),  # six days
        ((8, 8, 8, 8, 8, 0, 0, 0), 8),
        ((0,) * 7, 8),  # never works
        ((25, 8, 8, 8, 8, 0, 0), 8),
        ((-1, 8, 8, 8, 8, 0, 0), 8),
        ((float("nan"), 8, 8, 8, 8, 0, 0), 8),
        ((True, 8, 8, 8, 8, 0, 0), 8),
        (("8", 8, 8, 8, 8, 0, 0), 8),
        ("8888800", 8),
        (8, 8),
        ((8, 8, 8, 8, 8, 0, 0), 0),
        ((8, 8, 8, 8, 8, 0, 0), float("inf")),
    ],
)
def test_bad_working_hours_are_refused(week: object, full_day: object) -> None:
    """Seven days of 0-24 hours, at least one worked, and a full day of some hours."""
    with pytest.raises(InvalidFormat):
        WorkingHours(week, full_day)  # type: ignore[arg-type]


def test_the_default_week_is_the_model_before_hours() -> None:
    """Naming every role's week as Monday to Friday changes nothing in a seeded run."""
    plain = simulate_office(district(), days=21, seed=5, capacity=DESKS)
    named = simulate_office(
        district(),
        days=21,
        seed=5,
        capacity=DESKS,
        hours=dict.fromkeys(
            (Role.FRONT_OFFICE, Role.REGISTRAR, Role.DISTRICT_OFFICER, Role.OUTREACH_OFFICER),
            OFFICE_WEEK,
        ),
    )
    assert plain.days == named.days
    assert [a.history for a in plain.applications] == [a.history for a in named.applications]


def test_a_saturday_front_office_and_a_short_friday() -> None:
    """The front office opens Saturday mornings (walk-ins come and files are verified then) and
    works half of Friday (at most half its capacity verified); the registrar signs on weekdays
    only; nothing is verified on Sunday."""
    front = WorkingHours((8, 8, 8, 8, 4, 4, 0))
    run = simulate_office(
        district(), days=28, seed=5, capacity=DESKS, hours={Role.FRONT_OFFICE: front}
    )
    verified = Counter(actions(run, Trigger.VERIFY, Role.FRONT_OFFICE))
    verified.update(actions(run, Trigger.SEND_BACK, Role.FRONT_OFFICE))
    assert any(day.weekday() == 5 for day in verified)  # Saturdays worked
    assert all(day.weekday() != 6 for day in verified)  # Sundays not
    for day, count in verified.items():
        assert count <= (DESKS[Role.FRONT_OFFICE] // 2 if day.weekday() >= 4 else 6), day
    counter_filed = [
        app.history[0].at.date() for app in run.applications if app.form.channel is Channel.COUNTER
    ]
    assert any(day.weekday() == 5 for day in counter_filed)
    assert all(day.weekday() != 6 for day in counter_filed)
    signed = actions(run, Trigger.ISSUE, Role.REGISTRAR)
    assert signed
    assert all(day.weekday() < 5 for day in signed)


def test_outreach_teams_go_out_on_their_days() -> None:
    """Teams out on Tuesdays and Thursdays take outreach files and hand documents over at home
    only on those days; a document due on another day waits, and the wait is recorded."""
    teams = WorkingHours((0, 8, 0, 8, 0, 0, 0))
    run = simulate_office(
        district(),
        days=42,
        seed=5,
        capacity=DESKS,
        hours={Role.OUTREACH_OFFICER: teams},
        outreach_per_week=60,
    )
    taken = [
        app.history[0].at.date()
        for app in run.applications
        if app.form.channel is Channel.OUTREACH
    ]
    assert taken
    assert {day.weekday() for day in taken} <= {1, 3}
    handed = [
        day
        for app in run.applications
        if app.form.delivery is Delivery.OUTREACH
        for day in (a.at.date() for a in app.history if a.trigger is Trigger.COLLECT)
    ]
    assert handed
    assert {day.weekday() for day in handed} <= {1, 3}
    waits = [waited for role, waited in run.handovers if role is Role.OUTREACH_OFFICER]
    assert len(waits) >= len(handed)  # handed over, then still waiting for a team's day
    assert any(waited > 0 for waited in waits)


def test_a_full_district_desk_makes_residents_wait() -> None:
    """District officers limited to one hand-over a day: never more than one a day, and some
    residents wait; unlimited, every posted document is handed over the day it is sought."""
    limited = simulate_office(
        district(), days=42, seed=5, capacity={**DESKS, Role.DISTRICT_OFFICER: 1}
    )
    handed = Counter(
        a.at.date()
        for app in limited.applications
        if app.form.delivery is Delivery.POST
        for a in app.history
        if a.trigger is Trigger.COLLECT
    )
    assert handed
    assert max(handed.values()) == 1
    assert handover_level(limited.handovers, Role.DISTRICT_OFFICER, within=0) < 1.0
    # the documents still waiting at the full desk when the run ends count too
    waits = [waited for role, waited in limited.handovers if role is Role.DISTRICT_OFFICER]
    still = [
        app
        for app in limited.applications
        if app.form.delivery is Delivery.POST and app.status is Status.ARRIVED
    ]
    assert sum(handed.values()) < len(waits) <= sum(handed.values()) + len(still)
    assert all(waited > 0 for waited in waits[sum(handed.values()) :])
    free = simulate_office(district(), days=42, seed=5, capacity=DESKS)
    waits = [waited for role, waited in free.handovers if role is Role.DISTRICT_OFFICER]
    assert waits
    assert set(waits) == {0}
    assert handover_level(free.handovers, Role.DISTRICT_OFFICER, within=0) == 1.0


def test_hand_over_level_counts_the_role_and_its_waits() -> None:
    """The share of the role's hand-overs within the allowed wait; 1.0 with none."""
    waits = [(Role.DISTRICT_OFFICER, 0), (Role.DISTRICT_OFFICER, 3), (Role.OUTREACH_OFFICER, 9)]
    assert handover_level(waits, Role.DISTRICT_OFFICER, within=1) == 0.5
    assert handover_level(waits, Role.DISTRICT_OFFICER, within=3) == 1.0
    assert handover_level(waits, Role.OUTREACH_OFFICER) == 0.0
    assert handover_level([], Role.OUTREACH_OFFICER) == 1.0


@pytest.mark.parametrize(
    "hours",
    [
        {Role.COURIER: OFFICE_WEEK},
        {Role.FRONT_OFFICE: (8, 8, 8, 8, 8, 0, 0)},
        [OFFICE_WEEK],
    ],
)
def test_hours_must_name_timed_roles(hours: object) -> None:
    """Hours for a role the model does not time, or not WorkingHours, are refused."""
    with pytest.raises(AdmindukError, match="hours"):
        simulate_office(district(), days=1, seed=5, hours=hours)  # type: ignore[arg-type]
