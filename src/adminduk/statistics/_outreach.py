"""Whom to visit: residents who must hold a KTP-el and have not recorded, by village.

The office measures itself by KTP-el recording in each district, and visits (jemput bola) those
who cannot come: the disabled, the elderly, the sick. :func:`outreach_list` lists, per village,
every living resident who must hold a KTP-el (Pasal 63 UU 24/2013) and has not recorded,
flagging who needs a visit rather than a summons: a disability recorded on the family card
(F-1.01, :class:`~adminduk.codes.Disability`), an age of ``visit_age`` (70 by default) or more,
or an illness the office recorded when the family asked for a home visit (an application whose
:class:`~adminduk.documents.Outreach` gives the reason ``SICK``).
:func:`plan_visits` groups the visits into days of a team's capacity, village by village in code
order (neighbouring codes lie near each other), on working days; :func:`visits_effect` says
what coverage each district would reach, day by day, if the plan were carried out.

>>> import datetime
>>> from adminduk.samples import sample_registry
>>> villages = outreach_list(sample_registry(), "18.08", on=datetime.date(2026, 3, 2))
>>> [(village.name, len(village.summons), len(village.visits)) for village in villages]
[('Lembasung', 2, 0), ('Setia Negara', 2, 0)]
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable

import attrs

from adminduk import regions
from adminduk._fields import masked_repr
from adminduk.applications import Application
from adminduk.codes import LifeStatus
from adminduk.documents import OutreachReason
from adminduk.errors import AdmindukError, InvalidFormat
from adminduk.register.events import KTPElRecorded
from adminduk.register.registry import Registry
from adminduk.statistics._coverage import CoverageRow, ktp_el_coverage

__all__ = ["OutreachCase", "VillageList", "Visit", "outreach_list", "plan_visits"]

#: The age from which a resident is visited rather than summoned (office policy; configurable).
VISIT_AGE = 70


@attrs.frozen
class OutreachCase:
    """One resident to record: who, how old, and why they need a visit (empty: a summons)."""

    nik: str = attrs.field(repr=masked_repr)
    name: str
    age: int
    village: str
    reasons: tuple[str, ...] = ()

    @property
    def visit(self) -> bool:
        """Whether the resident needs a visit rather than a summons to the office."""
        return bool(self.reasons)


@attrs.frozen
class VillageList:
    """A village's residents to record, with those who need a visit."""

    code: str
    name: str
    district: str
    cases: tuple[OutreachCase, ...]

    @property
    def visits(self) -> tuple[OutreachCase, ...]:
        """The cases that need a visit."""
        return tuple(case for case in self.cases if case.visit)

    @property
    def summons(self) -> tuple[OutreachCase, ...]:
        """The cases the office can summon."""
        return tuple(case for case in self.cases if not case.visit)


def _sick(applications: Iterable[Application]) -> frozenset[str]:
    """The NIKs of residents whose home visit was asked for because they are sick."""
    found = set()
    for app in applications:
        if not isinstance(app, Application):
            raise InvalidFormat(f"expected Applications, not {type(app).__name__}")
        visit = app.form.outreach
        if visit is not None and visit.reason is OutreachReason.SICK and app.form.subject:
            found.add(app.form.subject)
    return frozenset(found)


def _name(code: str) -> str:
    try:
        return regions.get(code).name
    except AdmindukError:
        return code


def outreach_list(
    registry: Registry,
    region_code: str,
    *,
    on: datetime.date,
    visit_age: int = VISIT_AGE,
    applications: Iterable[Application] = (),
) -> list[VillageList]:
    """Per village of ``region_code``, who must hold a KTP-el on ``on`` and has not recorded.

    ``applications`` are the office's: a visit asked for because the resident is sick flags
    them (the illness the office recorded).
    """
    if not isinstance(registry, Registry):
        raise InvalidFormat(f"expected a Registry, not {type(registry).__name__}")
    if not isinstance(on, datetime.date):
        raise InvalidFormat(f"on must be a date, not {type(on).__name__}")
    prefix = regions.normalize(region_code)
    sick = _sick(applications)
    by_village: dict[str, list[OutreachCase]] = {}
    for family in registry.families():
        village = family.address.village_code
        if not (village == prefix or village.startswith(prefix + ".")):
            continue
        for member in family.members:
            person = registry.resident(member.nik)
            if (
                person.life_status is not LifeStatus.ALIVE
                or person.ktp_el_status.is_recorded
                or not person.must_hold_ktp_el(on)
            ):
                continue
            age = person.age(on)
            reasons = []
            if person.disability is not None:
                reasons.append(person.disability.label)
            if age >= visit_age:
                reasons.append(f"usia {age} tahun")
            if person.nik in sick:
                reasons.append(OutreachReason.SICK.label)
            case = OutreachCase(person.nik, person.name, age, village, tuple(reasons))
            by_village.setdefault(village, []).append(case)
    return [
        VillageList(
            code,
            _name(code),
            code[:8],
            tuple(sorted(cases, key=lambda case: (not case.visit, case.name, case.nik))),
        )
        for code, cases in sorted(by_village.items())
    ]


@attrs.frozen
class Visit:
    """One team's day: the villages on its route and the residents it records there."""

    day: datetime.date
    stops: tuple[tuple[str, tuple[OutreachCase, ...]], ...]

    @property
    def residents(self) -> int:
        """How many residents the team records that day."""
        return sum(len(cases) for _, cases in self.stops)


def plan_visits(
    villages: Iterable[VillageList],
    *,
    start: datetime.date,
    capacity: int,
    working_days: Iterable[int] = (0, 1, 2, 3, 4),
) -> list[Visit]:
    """The visits as a team's days: ``capacity`` residents a day, village by village.

    Days are the ``working_days`` (Monday is 0) from ``start``; a village's visits stay together
    on one day when they fit in what is left of it, else they continue the next working day.
    """
    if not isinstance(capacity, int) or capacity < 1:
        raise InvalidFormat("a team's capacity is a positive whole number of residents a day")
    weekdays = frozenset(working_days)
    if not weekdays or not weekdays <= set(range(7)):
        raise InvalidFormat("working days are weekday numbers 0 (Monday) to 6")
    day = start
    while day.weekday() not in weekdays:
        day += datetime.timedelta(days=1)
    plan: list[Visit] = []
    stops: list[tuple[str, tuple[OutreachCase, ...]]] = []
    left = capacity

    def close_day() -> None:
        nonlocal day, stops, left
        if stops:
            plan.append(Visit(day, tuple(stops)))
        stops, left = [], capacity
        day += datetime.timedelta(days=1)
        while day.weekday() not in weekdays:
            day += datetime.timedelta(days=1)

    for village in villages:
        pending = list(village.visits)
        if pending and len(pending) > left and len(pending) <= capacity:
            close_day()  # the whole village fits in a fresh day: keep it together
        while pending:
            taken, pending = pending[:left], pending[left:]
            stops.append((village.code, tuple(taken)))
            left -= len(taken)
            if left == 0:
                close_day()
    close_day()
    return plan


def visits_effect(
    registry: Registry, plan: Iterable[Visit], region_code: str
) -> list[tuple[datetime.date, list[CoverageRow]]]:
    """KTP-el coverage per district after each day of ``plan``, on a copy of the register.

    Each visit records the resident's biometrics that day (a :class:`KTPElRecorded` event);
    ``registry`` itself is not changed. A resident the register refuses (died, moved away
    since the list was made) is skipped.
    """
    if not isinstance(registry, Registry):
        raise InvalidFormat(f"expected a Registry, not {type(registry).__name__}")
    copy = Registry.replay(registry.journal, area=registry.area)
    effect = []
    for visit in plan:
        for _, cases in visit.stops:
            for case in cases:
                with contextlib.suppress(AdmindukError):
                    copy.apply(
                        KTPElRecorded(occurred_on=visit.day, recorded_on=visit.day, nik=case.nik)
                    )
        effect.append((visit.day, ktp_el_coverage(copy, region_code, on=visit.day)))
    return effect
