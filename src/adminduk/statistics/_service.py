"""Service metrics from application histories, and the timeliness of registrations."""

from __future__ import annotations

import datetime
import statistics as _stats
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from adminduk.applications import Application, Role, Status, Trigger
from adminduk.documents import Delivery
from adminduk.errors import InvalidFormat
from adminduk.register.events import Birth, Death, Divorce, Event, Marriage
from adminduk.register.registry import Registry
from adminduk.workflows import durations

# --- service metrics ----------------------------------------------------------------------------


def _quantile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return 0.0
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


@attrs.frozen
class ServiceMetrics:
    """How fast and how completely the office serves, from applications' histories.

    Times are in hours. ``compliance`` is the share of issued applications printed by their
    due date; ``first_time_complete`` the share of issued ones never returned; ``rounds`` the
    average number of returns per application.
    """

    applications: int
    per_day: Mapping[datetime.date, Mapping[str, int]]
    online_share: float
    state_hours: Mapping[Status, tuple[float, float]]
    lead_hours: tuple[float, float]
    compliance: float
    first_time_complete: float
    rounds: float

    def to_records(self) -> list[dict[str, Any]]:
        """Per-day volumes by channel, as plain dicts."""
        return [
            {"date": day.isoformat(), **dict(channels)}
            for day, channels in sorted(self.per_day.items())
        ]


def service_metrics(applications: Iterable[Application]) -> ServiceMetrics:
    """Volume per day and channel, online share, lead times (median, p90), compliance, returns."""
    filed = [app for app in applications if app.history]
    per_day: dict[datetime.date, Counter[str]] = {}
    online = 0
    spent: dict[Status, list[float]] = {}
    leads: list[float] = []
    issued = on_time = complete = 0
    returns = 0
    for app in filed:
        first = app.history[0]
        per_day.setdefault(first.at.date(), Counter())[app.form.channel.value] += 1
        online += app.form.channel.online
        for status, time in durations(app).items():
            spent.setdefault(status, []).append(time.total_seconds() / 3600)
        rounds = sum(action.trigger is Trigger.SEND_BACK for action in app.history)
        returns += rounds
        printed = app.action(Trigger.ISSUE)
        if printed is not None:
            issued += 1
            due = app.due
            on_time += due is None or printed.at <= due
            complete += rounds == 0
        if app.status is Status.COLLECTED:
            leads.append((app.history[-1].at - first.at).total_seconds() / 3600)
    count = len(filed)
    return ServiceMetrics(
        applications=count,
        per_day={day: dict(channels) for day, channels in per_day.items()},
        online_share=online / count if count else 0.0,
        state_hours={
            status: (_stats.median(hours), _quantile(hours, 0.9))
            for status, hours in spent.items()
        },
        lead_hours=(_stats.median(leads), _quantile(leads, 0.9)) if leads else (0.0, 0.0),
        compliance=on_time / issued if issued else 0.0,
        first_time_complete=complete / issued if issued else 0.0,
        rounds=returns / count if count else 0.0,
    )


@attrs.frozen
class Timeliness:
    """How soon events of one kind were registered (OpenCRVS completeness brackets)."""

    kind: str
    deadline_days: int
    within_deadline: int
    within_year: int
    within_five_years: int
    later: int

    @property
    def total(self) -> int:
        """All events of the kind."""
        return self.within_deadline + self.within_year + self.within_five_years + self.later


#: Legal deadlines in days (UU 24/2013 and UU 23/2006).
_DEADLINES: Mapping[type[Event], tuple[str, int]] = {
    Birth: ("birth", 60),
    Death: ("death", 30),
    Marriage: ("marriage", 60),
    Divorce: ("divorce", 60),
}


def registration_timeliness(registry: Registry) -> list[Timeliness]:
    """Births, deaths, marriages and divorces by how soon after the event they were recorded."""
    tally = {kind: [0, 0, 0, 0] for kind in _DEADLINES}
    for event in registry.journal:
        slot = tally.get(type(event))
        if slot is None:
            continue
        days = (event.recorded_on - event.occurred_on).days
        deadline = _DEADLINES[type(event)][1]
        bracket = 0 if days <= deadline else 1 if days <= 365 else 2 if days <= 5 * 365 else 3
        slot[bracket] += 1
    return [
        Timeliness(name, deadline, *tally[kind]) for kind, (name, deadline) in _DEADLINES.items()
    ]


# --- desks: who each file waits for, and how long -----------------------------------------------

#: Who a file waits for in each status (the desk that acts next), by delivery path where it
#: matters: the front office verifies, the registrar signs, the courier posts a printed file to
#: the district office, the district officer receives it and hands it over; a file printed for
#: pick-up waits for the front office's hand-over, one for a home visit for the outreach team.
_WAITING_FOR: Mapping[Status, Role] = {
    Status.SUBMITTED: Role.FRONT_OFFICE,
    Status.VERIFIED: Role.REGISTRAR,
    Status.APPROVED: Role.REGISTRAR,
    Status.SHIPPED: Role.DISTRICT_OFFICER,
    Status.ARRIVED: Role.DISTRICT_OFFICER,
}
_PRINTED_WAITS_FOR: Mapping[Delivery, Role] = {
    Delivery.POST: Role.COURIER,
    Delivery.PICKUP: Role.FRONT_OFFICE,
    Delivery.OUTREACH: Role.OUTREACH_OFFICER,
}


def waiting_for(app: Application, status: Status) -> Role | None:
    """The role a file in ``status`` waits for (``None``: it waits for the resident, or ended)."""
    if status is Status.PRINTED:
        return _PRINTED_WAITS_FOR.get(app.form.delivery)
    return _WAITING_FOR.get(status)


@attrs.frozen
class DeskQueue:
    """One role's queue: files waiting for it at a moment, and how long files waited for it.

    ``waits`` counts the waits that ended by the moment (a file may wait twice: returned and
    filed again); ``median_hours`` and ``p90_hours`` are over those waits, in hours.
    """

    role: Role
    backlog: int
    waits: int
    median_hours: float
    p90_hours: float


def desk_queues(applications: Iterable[Application], *, at: datetime.datetime) -> list[DeskQueue]:
    """Per role, the backlog at ``at`` and the waits for it until then (see :class:`DeskQueue`).

    >>> import datetime
    >>> from adminduk.simulation import simulate_office, synthesize_population
    >>> registry = synthesize_population("18.08", seed=2, counts={"18.08.01": (300, 300)})
    >>> run = simulate_office(registry, days=10, seed=2, start=datetime.date(2026, 1, 5))
    >>> queues = desk_queues(run.applications, at=datetime.datetime(2026, 1, 15))
    >>> [queue.role.value for queue in queues][:2]
    ['front_office', 'registrar']
    """
    if not isinstance(at, datetime.datetime):
        raise InvalidFormat(f"at must be a datetime, not {type(at).__name__}")
    backlog: Counter[Role] = Counter()
    waited: dict[Role, list[float]] = {}
    for app in applications:
        if not isinstance(app, Application):
            raise InvalidFormat(f"expected Applications, not {type(app).__name__}")
        previous = None
        for action in app.history:
            if action.at > at:
                break
            if previous is not None:
                role = waiting_for(app, previous.status)
                if role is not None:
                    hours = (action.at - previous.at).total_seconds() / 3600
                    waited.setdefault(role, []).append(hours)
            previous = action
        if previous is not None:
            role = waiting_for(app, previous.status)
            if role is not None:
                backlog[role] += 1
    roles = [role for role in Role if role in backlog or role in waited]
    return [
        DeskQueue(
            role,
            backlog[role],
            len(waited.get(role, ())),
            _stats.median(waited[role]) if waited.get(role) else 0.0,
            _quantile(waited.get(role, []), 0.9),
        )
        for role in roles
    ]
