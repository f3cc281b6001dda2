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
import heapq
import random
from collections.abc import Callable, Mapping
from typing import Any

import attrs

from adminduk import regions
from adminduk._fields import replaced
from adminduk.applications import Actor, Application, Role, Status, Trigger
from adminduk.codes import KTPElStatus, MaritalStatus, Religion, Sex
from adminduk.documents import (
    Channel,
    Delivery,
    DocumentCode,
    Evidence,
    Finding,
    FindingKind,
    Form,
    Supplier,
    check,
    document_type,
    event_for,
)
from adminduk.errors import AdmindukError, GuardFailed
from adminduk.register import Registry, Resident
from adminduk.register.events import Event
from adminduk.samples import issue_details, sample_actor, sample_staff
from adminduk.simulation.filings import (
    BIRTH_RATE,
    DEATH_RATE,
    EVERYDAY,
    MARRIAGE_RATE,
    REFERENCE_POPULATION,
    birth_report,
    death_report,
    delay,
    home_visit,
    marriage_report,
    move_request,
    poisson,
    village_of,
)
from adminduk.simulation.outcome import OfficeDay, OfficeSimulation
from adminduk.workflows import Office, workflow_for

__all__ = ["OfficeDay", "OfficeSimulation", "simulate_office"]

_POST_DAYS = frozenset({0, 2, 4})  # Monday, Wednesday, Friday
#: The roles the model acts in: every one but the resident's, who acts for themselves.
_STAFF_ROLES = frozenset(Role) - {Role.RESIDENT}


class _Model:
    """The state of one simulation run."""

    def __init__(
        self,
        registry: Registry,
        office: Office,
        rng: random.Random,
        *,
        scale: float,
        incomplete_share: float,
        capacity: int | Mapping[Role, int],
    ) -> None:
        self.registry = registry
        self.office = office
        self.rng = rng
        self.scale = scale
        self.incomplete_share = incomplete_share
        # Files a day at each desk: verification (front office), signature (registrar).
        given = capacity if isinstance(capacity, Mapping) else dict.fromkeys(Role, capacity)
        self.verify_capacity, self.issue_capacity = given[Role.FRONT_OFFICE], given[Role.REGISTRAR]
        # Hand-overs a day by district officers (posted files) and outreach teams (at home):
        # limited only when a mapping names them.
        mapped = capacity if isinstance(capacity, Mapping) else {}
        self.handovers = {
            Delivery.POST: mapped.get(Role.DISTRICT_OFFICER),
            Delivery.OUTREACH: mapped.get(Role.OUTREACH_OFFICER),
        }
        self.staff = {actor.role: actor for actor in office.staff}
        self.agenda: list[tuple[datetime.date, int, str, str]] = []
        self.serial = 0
        self.clock = datetime.datetime.min
        self.queue_verify: list[str] = []
        self.queue_issue: list[str] = []
        self.queue_post: list[str] = []
        self.people = sorted(registry.residents_by_nik)
        self.counts = dict.fromkeys(("filed", "returned", "issued", "collected", "rejected"), 0)

    # -- time and agenda ------------------------------------------------------------------

    def start_day(self, day: datetime.date) -> None:
        self.clock = datetime.datetime.combine(day, datetime.time(7, 30))

    def tick(self) -> datetime.datetime:
        self.clock += datetime.timedelta(seconds=15)
        return self.clock

    def later(self, day: datetime.date, days: int, what: str, app_id: str) -> None:
        self.serial += 1
        heapq.heappush(
            self.agenda, (day + datetime.timedelta(days=days), self.serial, what, app_id)
        )

    def due_today(self, day: datetime.date) -> list[tuple[str, str]]:
        found = []
        while self.agenda and self.agenda[0][0] <= day:
            _, _, what, app_id = heapq.heappop(self.agenda)
            found.append((what, app_id))
        return found

    # -- people -------------------------------------------------------------------------------

    def someone(self, test: Callable[[Resident], bool], tries: int = 40) -> Resident | None:
        residents = self.registry.residents_by_nik
        for _ in range(tries):
            person = residents.get(self.people[int(self.rng.random() * len(self.people))])
            if person is not None and person.is_alive and test(person):
                return person
        return None

    # -- filing ---------------------------------------------------------------------------------

    def eligible(
        self, document: DocumentCode, variant: str, day: datetime.date, **fields: Any
    ) -> Callable[[Resident], bool]:
        """Whether the checker finds the person eligible (papers aside) for the service."""
        evidence = document_type(document).evidence_for(variant)
        refusals = (FindingKind.INELIGIBLE, FindingKind.INVALID)
        first = Form(
            document=document,
            variant=variant,
            channel=Channel.COUNTER,
            evidence=evidence,
            **fields,
        )

        def test(person: Resident) -> bool:
            # The same form for each person tried (their NIK comes checked from the register);
            # only whether it is refused matters: no suggestion of the variants that fit.
            form = replaced(first, subject=person.nik, applicant=person.nik)
            findings = check(form, self.registry, on=day, suggest=False).findings
            return not any(finding.kind in refusals for finding in findings)

        return test

    def draft(
        self,
        document: DocumentCode,
        variant: str,
        subject: Resident,
        day: datetime.date,
        channel: Channel,
        **fields: Any,
    ) -> Form | None:
        kind = document_type(document)
        # What a resident hands in; what only the office attests (a late report's decision,
        # biometrics) the office does when it verifies.
        evidence = {e for e in kind.evidence_for(variant) if e.supplier is Supplier.RESIDENT}
        flow = workflow_for(document)
        if channel is Channel.OUTREACH:
            delivery = Delivery.OUTREACH
        elif channel is Channel.COUNTER:
            delivery = Delivery.PICKUP
        else:
            roll = self.rng.random()
            delivery = (
                Delivery.POST
                if roll < 0.7
                else Delivery.DIGITAL
                if roll < 0.9
                else Delivery.PICKUP
            )
            if delivery not in flow.deliveries:
                delivery = Delivery.POST
        visit = None
        if delivery is Delivery.OUTREACH:
            visit = home_visit(self.rng, subject, village_of(self.registry, subject))
        app = Form(
            document=document,
            variant=variant,
            channel=channel,
            subject=subject.nik,
            applicant=fields.pop("applicant", subject.nik),
            evidence=frozenset(evidence),
            delivery=delivery,
            outreach=visit,
            **fields,
        )
        findings = check(app, self.registry, on=day).findings
        if any(finding.blocking and not finding.by_office for finding in findings):
            return None  # not eligible (or nothing the papers could fix): not filed
        if self.rng.random() < self.incomplete_share:
            ordered = sorted(app.evidence, key=lambda e: e.value)
            keep = [e for e in ordered if self.rng.random() < 0.6]
            app = attrs.evolve(app, evidence=frozenset(keep))
        return app

    def file(self, app: Form | None, actor: Actor, day: datetime.date) -> None:
        if app is None:
            return
        filed = self.office.submit(app, actor=actor, at=self.tick())
        self.queue_verify.append(filed.id)
        self.counts["filed"] += 1

    def life_events(self, day: datetime.date, channel: Callable[[], Channel]) -> None:
        rng, scale = self.rng, self.scale * REFERENCE_POPULATION / 365
        system = self.staff[Role.SYSTEM]
        for _ in range(poisson(rng, BIRTH_RATE * scale)):
            mother = self.someone(
                lambda p: (
                    p.sex is Sex.FEMALE
                    and 18 <= p.age(day) <= 44
                    and p.marital_status is MaritalStatus.MARRIED
                )
            )
            father = None if mother is None else self.registry.spouse_of(mother.nik)
            if mother is not None and father is not None:
                born = day - datetime.timedelta(days=delay(rng))
                app = self.draft(
                    "AKTA-LAHIR",
                    "standard",
                    mother,
                    day,
                    channel(),
                    partner=father,
                    event_date=born,
                    applicant=father,
                    details=birth_report(rng, mother, self.registry),
                )
                self.file(app, system, day)
        for _ in range(poisson(rng, DEATH_RATE * scale)):
            person = self.someone(lambda p: p.age(day) >= 55 + int(rng.random() * 30))
            applicant = None if person is None else self._relative(person, day)
            if person is not None and applicant is not None:
                died = day - datetime.timedelta(days=min(delay(rng), 200))
                app = self.draft(
                    "AKTA-MATI",
                    "standard",
                    person,
                    day,
                    channel(),
                    event_date=died,
                    applicant=applicant,
                    details=death_report(rng, village_of(self.registry, person)),
                )
                self.file(app, system, day)
        for _ in range(poisson(rng, MARRIAGE_RATE * scale / 2)):
            groom = self.someone(
                lambda p: (
                    p.sex is Sex.MALE
                    and 21 <= p.age(day) <= 40
                    and p.marital_status is MaritalStatus.SINGLE
                )
            )
            bride = self.someone(
                lambda p: (
                    p.sex is Sex.FEMALE
                    and 19 <= p.age(day) <= 38
                    and p.marital_status is MaritalStatus.SINGLE
                )
            )
            if groom is None or bride is None:
                continue
            married = day - datetime.timedelta(days=min(delay(rng), 50))
            if groom.religion is Religion.ISLAM and bride.religion is Religion.ISLAM:
                # Registered by the KUA; the civil registry issues the new family's KK.
                app = self.draft(
                    "KK", "new", groom, day, channel(), partner=bride.nik, event_date=married
                )
            else:
                witnesses = self._witnesses({groom.nik, bride.nik}, day)
                if witnesses is None:
                    continue
                place = village_of(self.registry, groom)
                app = self.draft(
                    "AKTA-KAWIN",
                    "standard",
                    groom,
                    day,
                    channel(),
                    partner=bride.nik,
                    event_date=married,
                    details=marriage_report(groom, bride, witnesses, place),
                )
            self.file(app, system, day)

    def everyday(
        self, count: int, day: datetime.date, channel: Callable[[], Channel], actor: Actor
    ) -> None:
        services = [s for s, _ in EVERYDAY]
        weights = [w for _, w in EVERYDAY]
        for _ in range(count):
            document, variant = self.rng.choices(services, weights)[0]
            extra: dict[str, Any] = {}
            if document == "SKPWNI":
                extra["details"] = move_request(self.rng)
            person = self.someone(self.eligible(document, variant, day, **extra))
            if person is None:
                continue
            self.file(self.draft(document, variant, person, day, channel(), **extra), actor, day)

    def outreach(self, count: int, day: datetime.date) -> None:
        officer = self.staff[Role.OUTREACH_OFFICER]
        for _ in range(count):
            person = self.someone(
                lambda p: p.ktp_el_status is KTPElStatus.NOT_RECORDED and p.must_hold_ktp_el(day)
            )
            if person is not None:
                app = self.draft("KTP-el", "new", person, day, Channel.OUTREACH)
                self.file(app, officer, day)

    def _witnesses(self, couple: set[str], day: datetime.date) -> tuple[str, str] | None:
        """Two adults other than the couple, to witness a marriage (F-2.12)."""
        found: list[str] = []
        for _ in range(2):
            person = self.someone(
                lambda p: p.must_hold_ktp_el(day) and p.nik not in couple and p.nik not in found
            )
            if person is None:
                return None
            found.append(person.nik)
        return found[0], found[1]

    def _relative(self, person: Resident, day: datetime.date) -> str | None:
        family = self.registry.family_of(person.nik)
        if family is None:
            return None
        for member in family.members:
            other = self.registry.residents_by_nik[member.nik]
            if other.nik != person.nik and other.is_alive and other.must_hold_ktp_el(day):
                return other.nik
        return None

    # -- serving -------------------------------------------------------------------------------

    def serve(self, day: datetime.date) -> None:
        office, staff = self.office, self.staff
        handed = dict.fromkeys(self.handovers, 0)
        for what, app_id in self.due_today(day):
            app = office.get(app_id)
            if what == "resubmit" and app.status is Status.RETURNED:
                missing = {
                    e
                    for f in app.history[-1].findings
                    for e in f.satisfy_with[:1]
                    if e.supplier is Supplier.RESIDENT
                }
                office.resubmit(
                    app,
                    actor=Actor.resident(app.form.applicant or app.form.subject or ""),
                    at=self.tick(),
                    evidence=missing,
                )
                self.queue_verify.append(app_id)
            elif what == "arrive":
                self._arrive(app)
                self.later(day, 1 + int(self.rng.random() * 10), "collect", app_id)
            elif what == "collect":
                limit = self.handovers.get(app.form.delivery)
                if limit is not None and handed[app.form.delivery] >= limit:
                    self.later(day, 1, "collect", app_id)  # the desk is full: tomorrow
                    continue
                handed[app.form.delivery] = handed.get(app.form.delivery, 0) + 1
                self._collect(app)
        verified = 0
        waiting, self.queue_verify = self.queue_verify, []
        for app_id in waiting:
            if verified >= self.verify_capacity:
                self.queue_verify.append(app_id)
                continue
            verified += 1
            self._verify(office.get(app_id), day)
        issued = 0
        waiting, self.queue_issue = self.queue_issue, []
        for app_id in waiting:
            if issued >= self.issue_capacity:
                self.queue_issue.append(app_id)
                continue
            issued += 1
            self._issue(office.get(app_id), day)
        if day.weekday() in _POST_DAYS:
            for app_id in self.queue_post:
                office.ship(app_id, actor=staff[Role.COURIER], at=self.tick())
                self.later(day, 1 + int(self.rng.random() * 3), "arrive", app_id)
            self.queue_post = []

    def _verify(self, app: Application, day: datetime.date) -> None:
        office, staff = self.office, self.staff
        operator = staff[
            Role.OUTREACH_OFFICER if app.form.channel is Channel.OUTREACH else Role.FRONT_OFFICE
        ]
        try:
            if app.form.document == "KTP-el" and app.form.variant == "new":
                person = self.registry.find_resident(app.form.subject)
                if person is not None and not person.ktp_el_status.is_recorded:
                    app = office.record_biometrics(app, actor=operator, at=self.tick())
            # Pasal 32 UU 24/2013: the head of office decides on a late report, as it is verified.
            late = any(
                Evidence.HEAD_OF_OFFICE_DECISION in finding.satisfy_with
                for finding in check(app.form, self.registry, on=day).findings
            )
            attest = (Evidence.HEAD_OF_OFFICE_DECISION,) if late else ()
            office.verify(app, actor=staff[Role.FRONT_OFFICE], at=self.tick(), attest=attest)
        except GuardFailed as refused:
            blocking = [f for f in refused.findings if isinstance(f, Finding) and f.blocking]
            if any(not finding.satisfy_with for finding in blocking):
                self._reject(app, "syarat tidak terpenuhi: " + blocking[0].code)
                return
            office.send_back(
                app, actor=staff[Role.FRONT_OFFICE], at=self.tick(), reason="berkas belum lengkap"
            )
            self.counts["returned"] += 1
            self.later(day, 1 + int(self.rng.random() * 7), "resubmit", app.id)
            return
        except AdmindukError as error:  # the resident died or moved away meanwhile
            self._reject(app, f"tidak dapat dilayani: {error}")
            return
        self.queue_issue.append(app.id)

    def _reject(self, app: Application, reason: str) -> None:
        current = self.office.get(app.id)
        self.office.reject(
            current, actor=self.staff[Role.REGISTRAR], at=self.tick(), reason=reason[:200]
        )
        self.counts["rejected"] += 1

    def _issue(self, app: Application, day: datetime.date) -> None:
        office, staff = self.office, self.staff
        form = app.form
        change = document_type(form.document).register_changes.get(form.variant)
        event: Event | None = None
        try:
            if form.document == "KK" and form.variant == "new" and form.partner:
                event = event_for(attrs.evolve(form, document="AKTA-KAWIN"), on=day)
            elif change is not None and change.required:
                event = event_for(form, on=day, **issue_details(self.registry, app))
            printed = office.issue(app, actor=staff[Role.REGISTRAR], at=self.tick(), event=event)
        except AdmindukError as error:
            self._reject(app, f"tidak dapat dicatat: {error}")
            return
        self.counts["issued"] += 1
        if form.delivery is Delivery.POST:
            self.queue_post.append(printed.id)
        elif form.delivery is Delivery.DIGITAL:
            office.ship(printed, actor=staff[Role.SYSTEM], at=self.tick())
            self.later(day, int(self.rng.random() * 3), "collect", printed.id)
        else:
            self.later(day, 1 + int(self.rng.random() * 7), "collect", printed.id)

    def _arrive(self, app: Application) -> None:
        """The post office delivers the batch to the district office of the resident."""
        office = self.office
        try:
            district = office.district_of(app)
        except AdmindukError:  # nobody named lives here now: the regency office's own district
            district = regions.children(office.code)[0].code
        office.arrive(
            app, actor=self.staff[Role.DISTRICT_OFFICER], at=self.tick(), district=district
        )

    def _collect(self, app: Application) -> None:
        office = self.office
        receiver = app.form.applicant or app.form.subject
        actor = sample_actor(
            Trigger.COLLECT,
            app,
            staff=office.staff,
            workflow=office.workflows.get(app.form.document),
        )
        try:
            office.collect(app, actor=actor, at=self.tick(), collector=receiver)
        except AdmindukError:
            return  # the named person died or moved meanwhile: the document waits
        self.counts["collected"] += 1


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
    ``Role.OUTREACH_OFFICER``.
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
    missing = _STAFF_ROLES - {actor.role for actor in office.staff}
    if missing:
        raise AdmindukError(
            "the office has nobody in the roles "
            + ", ".join(sorted(role.value for role in missing))
            + " (the simulation needs one of each)"
        )
    model = _Model(
        registry,
        office,
        rng,
        scale=scale,
        incomplete_share=incomplete_share,
        capacity=capacity if capacity is not None else max(2, round(600 * scale)),
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
        if day.weekday() < 5:
            low, high = walk_ins
            visitors = poisson(rng, (low + high) / 2 * max(scale, 0.02))
            model.everyday(
                visitors, day, lambda: Channel.COUNTER, office.staff_in(Role.FRONT_OFFICE)[0]
            )
            model.outreach(poisson(rng, outreach / 5), day)
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
    return OfficeSimulation(registry=registry, office=office, days=tuple(record))
