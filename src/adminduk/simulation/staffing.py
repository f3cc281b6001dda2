"""How many staff the office needs: the smallest staffing that meets a service level.

The office model (:func:`~adminduk.simulation.simulate_office`) serves its files through two
desks that limit it, verification (front office operators) and signature (registrars), and
hands documents over through district officers (posted files) and outreach teams (at home).
A :class:`Staffing` says how many people work in each role; ``throughput`` how many files one
person gets through a full working day (office data: :func:`estimate_throughput` reads it from
the office's own histories, a store's applications), and ``hours`` each role's working week
(:class:`~adminduk.simulation.hours.WorkingHours`).

A run's **service level** is the lowest of its measures: the share of files due within the run
that were printed by their due date (:func:`service_level`: a file still waiting past its due
date counts as late; one returned to the resident, rejected or cancelled is not the desks' to
print and is left out), and, for each hand-over role planned, the share of its hand-overs made
within ``handover_within`` serving days of the resident's coming or the visit's planned day
(:func:`handover_level`).

:func:`plan_staff` finds a staffing meeting ``target``: it adds a person where one helps most
(the bottleneck) until the target is met, then takes away anyone who is not needed, so the
answer meets the target and no staffing with one fewer person in any role planned does (each
checked in the same seeded run). :attr:`StaffPlan.tried` keeps every staffing run with its
level, for a chart of level against staff.

Each level comes from seeded runs (one by default; ``runs=3`` takes the lowest of three
months); the model draws its residents' doings and the desks' work from one random stream, so
levels are not monotone in staff (one more operator changes which files come back when), and
the guarantee is about the runs made. With service levels in
calendar days (the defaults), files filed at weekends for a one-day service are late whatever
the staffing of a Monday-to-Friday office, which caps the level (about 0.85 in synthetic Way
Kanan); with working days (``service_levels=ServiceLevels.default(working_days=True)``) the
desks can meet any level.
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
from adminduk.simulation.hours import WorkingHours
from adminduk.simulation.office import OfficeSimulation, simulate_office
from adminduk.workflows import Office

__all__ = [
    "DESKS",
    "HANDOVERS",
    "ROLES",
    "StaffPlan",
    "Staffing",
    "estimate_throughput",
    "handover_level",
    "plan_staff",
    "run_level",
    "service_level",
]

#: The desks that limit the office, by the role of who sits there; every plan staffs them.
DESKS = (Role.FRONT_OFFICE, Role.REGISTRAR)
#: Who hands documents over: district officers (posted files), outreach teams (at home).
HANDOVERS = (Role.DISTRICT_OFFICER, Role.OUTREACH_OFFICER)
#: Every role a plan may staff.
ROLES = DESKS + HANDOVERS
#: What each role does to a file: verify (or return) it, sign it, hand it over.
_WORK = {
    Role.FRONT_OFFICE: frozenset({Trigger.VERIFY, Trigger.SEND_BACK}),
    Role.REGISTRAR: frozenset({Trigger.ISSUE}),
    Role.DISTRICT_OFFICER: frozenset({Trigger.COLLECT}),
    Role.OUTREACH_OFFICER: frozenset({Trigger.COLLECT}),
}
_FIELDS = {
    Role.FRONT_OFFICE: "front_office",
    Role.REGISTRAR: "registrar",
    Role.DISTRICT_OFFICER: "district_officer",
    Role.OUTREACH_OFFICER: "outreach",
}


@attrs.frozen(order=True)
class Staffing:
    """People in each role: front office operators, registrars, district officers, outreach.

    A hand-over role left ``None`` is not planned: its hand-overs are not limited.
    """

    front_office: int
    registrar: int
    district_officer: int | None = None
    outreach: int | None = None

    def __attrs_post_init__(self) -> None:
        for role in ROLES:
            count = getattr(self, _FIELDS[role])
            if count is None and role in HANDOVERS:
                continue
            if isinstance(count, bool) or not isinstance(count, int) or count < 0:
                raise InvalidFormat("staff counts are whole numbers, zero or more")

    @property
    def roles(self) -> tuple[Role, ...]:
        """The roles staffed (the desks, and the hand-over roles planned)."""
        return tuple(role for role in ROLES if getattr(self, _FIELDS[role]) is not None)

    def of(self, role: Role) -> int:
        """How many work in ``role`` (a role not planned: an error)."""
        count: int | None = getattr(self, _FIELDS[role]) if role in _FIELDS else None
        if count is None:
            raise InvalidFormat(f"the staffing does not plan the role {role.value}")
        return count

    def plus(self, role: Role, count: int = 1) -> Staffing:
        """The staffing with ``count`` more (or fewer) in ``role``."""
        return attrs.evolve(self, **{_FIELDS[role]: self.of(role) + count})

    @property
    def people(self) -> int:
        """Everyone in the roles staffed."""
        return sum(self.of(role) for role in self.roles)


def estimate_throughput(
    applications: Iterable[Application], roles: Iterable[Role] = DESKS
) -> dict[Role, int]:
    """Files one person gets through a working day in each of ``roles``, from the histories.

    For each role, the files its staff handled (front office: verified or returned; registrar:
    signed; district officers and outreach teams: handed over) per person-day worked (a day on
    which that person handled at least one), rounded down, at least 1: what the office's own
    people did, as :func:`plan_staff`'s throughput.
    """
    wanted = tuple(roles)
    if any(role not in _WORK for role in wanted):
        raise InvalidFormat(
            "throughput is read for the roles " + ", ".join(r.value for r in ROLES)
        )
    handled: dict[Role, int] = dict.fromkeys(wanted, 0)
    worked: dict[Role, set[tuple[str, datetime.date]]] = {role: set() for role in wanted}
    for app in applications:
        if not isinstance(app, Application):
            raise InvalidFormat(f"expected Applications, not {type(app).__name__}")
        for action in app.history:
            role = action.actor.role
            if role in handled and action.trigger in _WORK[role]:
                handled[role] += 1
                worked[role].add((action.actor.id, action.at.date()))
    return {role: max(1, handled[role] // max(1, len(worked[role]))) for role in wanted}


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


def handover_level(handovers: Iterable[tuple[Role, int]], role: Role, *, within: int = 1) -> float:
    """The share of ``role``'s hand-overs that waited at most ``within`` serving days (1.0: none).

    ``handovers`` are a run's (:attr:`~adminduk.simulation.OfficeSimulation.handovers`): the
    role and the serving days each document waited because the desk was full or closed.
    """
    waits = [waited for who, waited in handovers if who is role]
    if not waits:
        return 1.0
    return sum(1 for waited in waits if waited <= within) / len(waits)


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
    hours: Mapping[Role, WorkingHours] | None = None,
    handover_within: int = 1,
    runs: int = 1,
    run: Callable[..., float] | None = None,
) -> StaffPlan:
    """The smallest staffing whose seeded run of ``days`` days meets ``target`` (0 to 1).

    ``throughput`` names the roles planned: both desks, and a hand-over role
    (``Role.DISTRICT_OFFICER``, ``Role.OUTREACH_OFFICER``) to plan it too, each with the files
    one person gets through a full day. Every run starts from a copy of ``registry`` (it is
    not changed) with the same ``seed``, so staffings are compared on the same days and
    residents. ``most`` bounds the people in one role. ``service_levels`` are the office's (the
    defaults count calendar days; ``ServiceLevels.default(working_days=True)`` counts working
    days, as offices that close at weekends promise); ``hours`` each role's working week;
    ``handover_within`` the serving days a hand-over may wait at a full or closed desk.
    ``runs`` seeded runs (seeds ``seed``, ``seed + 1``, ...) are made of each staffing and its
    level is the lowest of theirs: the plan meets the target in every one of them, a month of
    bad luck included. ``run(registry, capacity, days, seed, start)`` replaces the simulation
    (tests).
    """
    if not 0.0 < target <= 1.0:
        raise InvalidFormat("the target is a share of files, above 0 and at most 1")
    planned = tuple(role for role in ROLES if role in throughput)
    if (
        not set(DESKS) <= set(throughput)
        or not set(throughput) <= set(ROLES)
        or any(isinstance(v, bool) or not isinstance(v, int) or v < 1 for v in throughput.values())
    ):
        raise InvalidFormat(
            "throughput gives files a day per person, 1 or more, at both desks and for any "
            "hand-over role planned"
        )
    if isinstance(handover_within, bool) or not isinstance(handover_within, int):
        raise InvalidFormat("handover_within is a whole number of serving days")
    if isinstance(runs, bool) or not isinstance(runs, int) or not 1 <= runs <= 100:
        raise InvalidFormat("runs is a whole number of seeded runs, 1 to 100")
    simulate = run or functools.partial(
        _simulated,
        service_levels=service_levels,
        hours=hours,
        measured=planned,
        within=handover_within,
    )
    levels: dict[Staffing, float] = {}

    def level(staffing: Staffing) -> float:
        if staffing not in levels:
            capacity = {role: staffing.of(role) * throughput[role] for role in planned}
            levels[staffing] = min(
                simulate(
                    Registry.replay(registry.journal, area=registry.area),
                    capacity,
                    days,
                    seed + offset,
                    start,
                )
                for offset in range(runs)
            )
        return levels[staffing]

    current = Staffing(
        1,
        1,
        **{_FIELDS[role]: 1 for role in HANDOVERS if role in planned},
    )
    bottleneck = Role.FRONT_OFFICE
    while level(current) < target:
        options = [current.plus(role) for role in planned if current.of(role) < most]
        if not options:
            raise InvalidFormat(f"no staffing up to {most} in a role meets {target:.0%}")
        best = max(options, key=level)
        if level(best) <= level(current):
            # nobody helps alone (the runs are noisy): staff the role that gets through least
            best = min(options, key=lambda s: min(s.of(r) * throughput[r] for r in planned))
        bottleneck = next(role for role in planned if best.of(role) > current.of(role))
        current = best
    changed = True
    while changed:  # take away anyone not needed, one role at a time
        changed = False
        for role in planned:
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
    hours: Mapping[Role, WorkingHours] | None,
    measured: tuple[Role, ...],
    within: int,
) -> float:
    office = Office(
        registry.area or "18.08",
        registry,
        name="Disdukcapil",
        staff=sample_staff(),
        service_levels=service_levels,
    )
    outcome = simulate_office(
        registry, days=days, seed=seed, start=start, capacity=capacity, hours=hours, office=office
    )
    return run_level(outcome, start + datetime.timedelta(days=days), measured, within=within)


def run_level(
    outcome: OfficeSimulation,
    end: datetime.date,
    roles: Iterable[Role] = DESKS,
    *,
    within: int = 1,
) -> float:
    """A run's service level: the lowest of its printing level and each hand-over role's."""
    at = datetime.datetime.combine(end, datetime.time())
    measures = [service_level(outcome.applications, at)]
    measures += [
        handover_level(outcome.handovers, role, within=within)
        for role in roles
        if role in HANDOVERS
    ]
    return min(measures)
