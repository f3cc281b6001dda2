"""A day-by-day model of a regency office, seeded and reproducible.

Residents file applications online (WhatsApp, website), at the counter or through outreach,
driven by life events (births, deaths, weddings, seventeenth birthdays) and everyday needs.
Staff handle a limited number a day; incomplete files go back to the resident, who returns
later; registrars print with the register change; the post takes batches to the district
offices, where residents collect. One seeded generator draws everything and every action goes
through :class:`adminduk.workflows.Office`: the histories replay and the register keeps its rules.

The rates are **assumptions** (Way Kanan's 300 online files a day, 5-10 walk-ins, Indonesian
birth, death and marriage rates) scaled to the register's size; pass your own for another office.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable, Mapping

from adminduk.applications import Role
from adminduk.documents import (
    Channel,
)
from adminduk.errors import AdmindukError
from adminduk.register import Registry
from adminduk.samples import sample_staff
from adminduk.simulation.filings import (
    REFERENCE_POPULATION,
    poisson,
)
from adminduk.simulation.hours import WorkingHours
from adminduk.simulation.model import STAFF_ROLES, TIMED_ROLES, OfficeModel
from adminduk.simulation.outcome import OfficeDay, OfficeSimulation
from adminduk.workflows import Office

__all__ = ["OfficeDay", "OfficeSimulation", "simulate_office"]


def simulate_office(
    registry: Registry,
    *,
    days: int,
    seed: int,
    start: datetime.date = datetime.date(2026, 1, 5),
    online_per_day: int | None = None,
    walk_ins: tuple[int, int] = (5, 10),
    outreach_per_week: int | None = None,
    capacity: int | Mapping[Role, int] | None = None,
    hours: Mapping[Role, WorkingHours] | None = None,
    incomplete_share: float = 0.3,
    progress: Callable[[int, int], None] | None = None,
    office: Office | None = None,
) -> OfficeSimulation:
    """Run the office for ``days`` days from ``start`` and return what happened.

    ``registry`` is changed in place (births, deaths, weddings, moves, KTP-el recordings, as
    the office prints them); pass a copy (``Registry.replay(r.journal, area=r.area)``) to keep
    the original. Defaults scale with the register's size: 300 online files a day and
    ``walk_ins`` counter visitors on weekdays for Way Kanan's 480,000 people, outreach visits,
    and a daily ``capacity`` per desk (front office verification, registrar signatures) of 600
    files, or a mapping by role (``{Role.FRONT_OFFICE: 40, Role.REGISTRAR: 90}``); a mapping
    may also limit the hand-overs a day of the district officers (posted files, all district
    offices together) and of the outreach teams (at home), ``Role.DISTRICT_OFFICER`` and
    ``Role.OUTREACH_OFFICER``. ``hours`` gives a role's working week (front office, registrar,
    district officers, outreach teams; :data:`~adminduk.simulation.hours.OFFICE_WEEK`, Monday
    to Friday, for a role not named): its capacity counts for a full day and shrinks with a
    short day; walk-ins come when the front office is open, outreach files are taken on the
    teams' days, and nobody hands a document over on a day they do not work.
    ``incomplete_share`` of files lack papers and come back 1-7 days later;
    ``progress(day_index, days)`` is called after each day (for a progress bar).

    ``office`` runs the simulation through an office of your own over ``registry`` (one backed
    by a durable store, say, or with other workflows); it needs staff in every role the model
    uses (:func:`adminduk.samples.sample_staff` has one of each). By default a new office with
    the sample staff.

    >>> from adminduk.simulation import synthesize_population
    >>> registry = synthesize_population("18.08.15", seed=3, scale=0.2)
    >>> run = simulate_office(registry, days=14, seed=3)
    >>> sum(day.filed for day in run.days) > 0, registry.check() is None
    (True, True)
    """
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise AdmindukError(f"days must be a whole number of days, not {days!r}")
    population = sum(1 for r in registry.residents() if r.is_alive)
    scale = population / REFERENCE_POPULATION
    rng = random.Random(seed)
    if office is None:
        office = Office(
            registry.area or "18.08", registry, name="Disdukcapil", staff=sample_staff()
        )
    elif not isinstance(office, Office) or office.registry is not registry:
        raise AdmindukError("office must be an Office over the registry being simulated")
    missing = STAFF_ROLES - {actor.role for actor in office.staff}
    if missing:
        raise AdmindukError(
            "the office has nobody in the roles "
            + ", ".join(sorted(role.value for role in missing))
            + " (the simulation needs one of each)"
        )
    model = OfficeModel(
        registry,
        office,
        rng,
        scale=scale,
        incomplete_share=incomplete_share,
        capacity=capacity if capacity is not None else max(2, round(600 * scale)),
        hours=_checked_hours(hours),
    )
    online = online_per_day if online_per_day is not None else 300 * scale
    outreach = outreach_per_week if outreach_per_week is not None else 70 * scale
    website_or_whatsapp = lambda: Channel.WHATSAPP if rng.random() < 0.7 else Channel.WEBSITE  # noqa: E731
    record: list[OfficeDay] = []
    for index in range(days):
        day = start + datetime.timedelta(days=index)
        model.start_day(day)
        before = dict(model.counts)
        model.life_events(day, website_or_whatsapp)
        everyday = poisson(rng, online) - (model.counts["filed"] - before["filed"])
        model.everyday(max(0, everyday), day, website_or_whatsapp, office.staff_in(Role.SYSTEM)[0])
        working = {role for role, week in model.hours.items() if week.works(day)}
        if Role.FRONT_OFFICE in working:
            low, high = walk_ins
            visitors = poisson(rng, (low + high) / 2 * max(scale, 0.02))
            model.everyday(
                visitors, day, lambda: Channel.COUNTER, office.staff_in(Role.FRONT_OFFICE)[0]
            )
        if Role.OUTREACH_OFFICER in working:
            model.outreach(poisson(rng, outreach / 5), day)
        if working:
            model.serve(day)
        record.append(
            OfficeDay(
                day,
                *(
                    model.counts[k] - before[k]
                    for k in ("filed", "returned", "issued", "collected", "rejected")
                ),
            )
        )
        if progress is not None:
            progress(index + 1, days)
    return OfficeSimulation(
        registry=registry,
        office=office,
        days=tuple(record),
        handovers=model.handed_over_and_waiting(),
    )


def _checked_hours(hours: Mapping[Role, WorkingHours] | None) -> Mapping[Role, WorkingHours]:
    if hours is None:
        return {}
    if not isinstance(hours, Mapping):
        raise AdmindukError("hours maps roles to their WorkingHours")
    for role, week in hours.items():
        if role not in TIMED_ROLES or not isinstance(week, WorkingHours):
            raise AdmindukError(
                "hours maps the front office, registrar, district officer and outreach "
                "roles to their WorkingHours"
            )
    return hours
