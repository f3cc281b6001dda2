"""How many staff the office needs: the smallest staffing that meets a service level.

The office model (:func:`~adminduk.simulation.simulate_office`) serves its files through two
desks that limit it: verification (front office operators) and signature (registrars). A
:class:`Staffing` says how many people sit at each; ``throughput`` how many files one person
gets through a day (office data: :func:`estimate_throughput` reads it from the office's own
histories, a store's applications). A run's
**service level** is the share of files due within the run that were printed by their due date
(a file still waiting past its due date counts as late; one returned to the resident, rejected
or cancelled is not the desks' to print and is left out).

:func:`plan_staff` finds a staffing meeting ``target``: it adds a person where one helps most
(the bottleneck) until the target is met, then takes away anyone who is not needed, so the
answer meets the target and no staffing with one fewer person at any desk does (each checked
in the same seeded run). :attr:`StaffPlan.tried` keeps every staffing run with its level, for
a chart of level against staff.

Each level comes from one seeded run; the model draws its residents' doings and the desks'
work from one random stream, so levels are not monotone in staff (one more operator changes
which files come back when), and the guarantee is about the runs made. The model works
weekdays only: with service levels in calendar days (the defaults), files filed at weekends for
a one-day service are late whatever the staffing, which caps the level (about 0.85 in
synthetic Way Kanan); with working days (``service_levels=ServiceLevels.default(
working_days=True)``) the desks can meet any level.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Mapping

import attrs

from adminduk.applications import Application, Role, Status, Trigger
from adminduk.documents import ServiceLevels
from adminduk.errors import InvalidFormat
from adminduk.register import Registry
from adminduk.samples import sample_staff
from adminduk.simulation.office import simulate_office
from adminduk.workflows import Office

__all__ = [
    "DESKS",
    "StaffPlan",
    "Staffing",
    "estimate_throughput",
    "plan_staff",
    "service_level",
]

#: The desks that limit the office, by the role of who sits there.
DESKS = (Role.FRONT_OFFICE, Role.REGISTRAR)
#: What each desk does to a file: verify (or return) it at the front office, sign it.
_DESK_WORK = {
    Role.FRONT_OFFICE: frozenset({Trigger.VERIFY, Trigger.SEND_BACK}),
    Role.REGISTRAR: frozenset({Trigger.ISSUE}),
}


@attrs.frozen(order=True)
class Staffing:
    """People at each desk: front office operators and registrars."""

    front_office: int
    registrar: int

    def __attrs_post_init__(self) -> None:
        for count in (self.front_office, self.registrar):
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise InvalidFormat("staff counts are whole numbers, zero or more")

    def of(self, role: Role) -> int:
        """How many sit at ``role``'s desk."""
        return self.front_office if role is Role.FRONT_OFFICE else self.registrar

    def plus(self, role: Role, count: int = 1) -> Staffing:
        """The staffing with ``count`` more (or fewer) at ``role``'s desk."""
        if role is Role.FRONT_OFFICE:
            return attrs.evolve(self, front_office=self.front_office + count)
        return attrs.evolve(self, registrar=self.registrar + count)

    @property
    def people(self) -> int:
        """Everyone at the two desks."""
        return self.front_office + self.registrar


def estimate_throughput(applications: Iterable[Application]) -> dict[Role, int]:
    """Files one person gets through a working day at each desk, from the office's histories.

    For each desk, the files its staff handled (front office: verified or returned; registrar:
    signed) per person-day worked (a day on which that person handled at least one), rounded
    down, at least 1: what the office's own people did, as :func:`plan_staff`'s throughput.
    """
    handled: dict[Role, int] = dict.fromkeys(DESKS, 0)
    worked: dict[Role, set[tuple[str, datetime.date]]] = {role: set() for role in DESKS}
    for app in applications:
        if not isinstance(app, Application):
            raise InvalidFormat(f"expected Applications, not {type(app).__name__}")
        for action in app.history:
            for role, triggers in _DESK_WORK.items():
                if action.trigger in triggers and action.actor.role is role:
                    handled[role] += 1
                    worked[role].add((action.actor.id, action.at.date()))
    return {role: max(1, handled[role] // max(1, len(worked[role]))) for role in DESKS}


def service_level(applications: tuple[Application, ...], at: datetime.datetime) -> float:
    """The share of files due by ``at`` that were printed by their due date (1.0: none due)."""
    # What waits on the resident (returned for papers) or ended without a document (rejected,
    # cancelled) is not the desks' doing: the level counts the files the office owed.
    owed = (Status.RETURNED, Status.REJECTED, Status.CANCELLED)
    due = [
        app
        for app in applications
        if app.due is not None and app.due <= at and app.status not in owed
    ]
    if not due:
        return 1.0
    on_time = 0
    for app in due:
        printed = next((a.at for a in app.history if a.status is Status.PRINTED), None)
        if printed is not None and app.due is not None and printed <= app.due:
            on_time += 1
    return on_time / len(due)


@attrs.frozen
class StaffPlan:
    """The staffing found, its service level, the bottleneck it had, and every run tried."""

    staffing: Staffing
    level: float
    target: float
    bottleneck: Role
    tried: tuple[tuple[Staffing, float], ...]


def plan_staff(
    registry: Registry,
    *,
    target: float,
    throughput: Mapping[Role, int],
    days: int,
    seed: int,
    start: datetime.date = datetime.date(2026, 1, 5),
    most: int = 40,
    service_levels: ServiceLevels | None = None,
    run: Callable[..., float] | None = None,
) -> StaffPlan:
    """The smallest staffing whose seeded run of ``days`` days meets ``target`` (0 to 1).

    Every run starts from a copy of ``registry`` (it is not changed) with the same ``seed``,
    so staffings are compared on the same days and residents. ``most`` bounds the people at
    one desk. ``service_levels`` are the office's (the defaults count calendar days;
    ``ServiceLevels.default(working_days=True)`` counts working days, as offices that close at
    weekends promise). ``run(registry, capacity, days, seed, start)`` replaces the simulation
    (tests).
    """
    if not 0.0 < target <= 1.0:
        raise InvalidFormat("the target is a share of files, above 0 and at most 1")
    if set(throughput) != set(DESKS) or any(v < 1 for v in throughput.values()):
        raise InvalidFormat("throughput gives files a day per person at both desks, 1 or more")
    simulate = run or functools.partial(_simulated, service_levels=service_levels)
    levels: dict[Staffing, float] = {}

    def level(staffing: Staffing) -> float:
        if staffing not in levels:
            capacity = {role: staffing.of(role) * throughput[role] for role in DESKS}
            copy = Registry.replay(registry.journal, area=registry.area)
            levels[staffing] = simulate(copy, capacity, days, seed, start)
        return levels[staffing]

    current = Staffing(1, 1)
    bottleneck = Role.FRONT_OFFICE
    while level(current) < target:
        options = [current.plus(role) for role in DESKS if current.of(role) < most]
        if not options:
            raise InvalidFormat(f"no staffing up to {most} a desk meets {target:.0%}")
        best = max(options, key=level)
        if level(best) <= level(current):
            # nobody helps alone (the runs are noisy): staff the desk that gets through least
            best = min(options, key=lambda s: sum(s.of(r) * throughput[r] for r in DESKS))
        bottleneck = next(role for role in DESKS if best.of(role) > current.of(role))
        current = best
    changed = True
    while changed:  # take away anyone not needed, one desk at a time
        changed = False
        for role in DESKS:
            fewer = current.plus(role, -1)
            if fewer.of(role) >= 1 and level(fewer) >= target:
                current, changed = fewer, True
    return StaffPlan(current, level(current), target, bottleneck, tuple(sorted(levels.items())))


def _simulated(
    registry: Registry,
    capacity: Mapping[Role, int],
    days: int,
    seed: int,
    start: datetime.date,
    *,
    service_levels: ServiceLevels | None,
) -> float:
    office = Office(
        registry.area or "18.08",
        registry,
        name="Disdukcapil",
        staff=sample_staff(),
        service_levels=service_levels,
    )
    outcome = simulate_office(
        registry, days=days, seed=seed, start=start, capacity=capacity, office=office
    )
    end = datetime.datetime.combine(start + datetime.timedelta(days=days), datetime.time())
    return service_level(outcome.applications, end)
