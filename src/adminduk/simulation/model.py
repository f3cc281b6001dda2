"""The state of one simulated office run: its residents' doings and its staff's work a day.

:func:`~adminduk.simulation.simulate_office` drives it day by day; the rates and the days
each step takes are its assumptions (documented there).
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
from adminduk.samples import issue_details, sample_actor
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
from adminduk.simulation.hours import OFFICE_WEEK, WorkingHours
from adminduk.workflows import Office, workflow_for

__all__ = ["STAFF_ROLES", "TIMED_ROLES", "OfficeModel"]

_POST_DAYS = frozenset({0, 2, 4})  # Monday, Wednesday, Friday
#: The roles the model acts in: every one but the resident's, who acts for themselves.
STAFF_ROLES = frozenset(Role) - {Role.RESIDENT}
#: Who hands a document over, by how it is delivered.
_HANDED_OVER_BY = {
    Delivery.POST: Role.DISTRICT_OFFICER,
    Delivery.OUTREACH: Role.OUTREACH_OFFICER,
    Delivery.PICKUP: Role.FRONT_OFFICE,
}
#: The roles whose working hours the model follows.
TIMED_ROLES = (Role.FRONT_OFFICE, Role.REGISTRAR, Role.DISTRICT_OFFICER, Role.OUTREACH_OFFICER)


class OfficeModel:
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
        hours: Mapping[Role, WorkingHours],
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
        self.hours = {role: hours.get(role, OFFICE_WEEK) for role in TIMED_ROLES}
        # Serving days a document waited at a full or closed hand-over desk, by application,
        # and what each hand-over by a district officer or an outreach team waited.
        self.postponed: dict[str, int] = {}
        self.handover_waits: list[tuple[Role, int]] = []
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
        """Set the clock to the office's opening on ``day``."""
        self.clock = datetime.datetime.combine(day, datetime.time(7, 30))

    def tick(self) -> datetime.datetime:
        """The time of the next action: 15 seconds after the last."""
        self.clock += datetime.timedelta(seconds=15)
        return self.clock

    def later(self, day: datetime.date, days: int, what: str, app_id: str) -> None:
        """Put ``what`` for ``app_id`` on the agenda ``days`` after ``day``."""
        self.serial += 1
        heapq.heappush(
            self.agenda, (day + datetime.timedelta(days=days), self.serial, what, app_id)
        )

    def due_today(self, day: datetime.date) -> list[tuple[str, str]]:
        """Take off the agenda what is due by ``day``, in order."""
        found = []
        while self.agenda and self.agenda[0][0] <= day:
            _, _, what, app_id = heapq.heappop(self.agenda)
            found.append((what, app_id))
        return found

    # -- people -------------------------------------------------------------------------------

    def someone(self, test: Callable[[Resident], bool], tries: int = 40) -> Resident | None:
        """A resident drawn at random who passes ``test``, or None after ``tries`` draws."""
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
        """A form for ``document`` and ``variant`` about ``person``, as a resident fills it."""
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
        """File the drafted form (if any) and queue it for verification."""
        if app is None:
            return
        filed = self.office.submit(app, actor=actor, at=self.tick())
        self.queue_verify.append(filed.id)
        self.counts["filed"] += 1

    def life_events(self, day: datetime.date, channel: Callable[[], Channel]) -> None:
        """Births, deaths and weddings of ``day``, each reported as an application."""
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
        """``count`` everyday requests (lost cards, changes, moves) through ``channel``."""
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
        """``count`` outreach visits recording residents without a KTP-el."""
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
        """The staff's day: what is due, then verification, signature and the post."""
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
                delivery = app.form.delivery
                role = _HANDED_OVER_BY.get(delivery)
                limit = self.handovers.get(delivery)
                if role is not None and limit is not None:
                    limit = self.hours[role].capacity(limit, day)
                closed = role is not None and not self.hours[role].works(day)
                if closed or (limit is not None and handed[delivery] >= limit):
                    self.postponed[app_id] = self.postponed.get(app_id, 0) + 1
                    self.later(day, 1, "collect", app_id)  # closed or full: tomorrow
                    continue
                handed[delivery] = handed.get(delivery, 0) + 1
                self._collect(app)
        verify_today = self.hours[Role.FRONT_OFFICE].capacity(self.verify_capacity, day)
        issue_today = self.hours[Role.REGISTRAR].capacity(self.issue_capacity, day)
        # Each desk takes its day's capacity from the front of its queue; the rest wait, in order.
        today, self.queue_verify = _split(self.queue_verify, verify_today)
        for app_id in today:
            self._verify(office.get(app_id), day)
        today, self.queue_issue = _split(self.queue_issue, issue_today)
        for app_id in today:
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

    def handed_over_and_waiting(self) -> tuple[tuple[Role, int], ...]:
        """The serving days each district officer's or outreach team's hand-over waited.

        Then, for each document still waiting at such a full or closed desk, its wait so far.
        """
        waiting = []
        for app_id, waited in self.postponed.items():
            role = _HANDED_OVER_BY.get(self.office.get(app_id).form.delivery)
            if role is not None and role is not Role.FRONT_OFFICE:
                waiting.append((role, waited))
        return (*self.handover_waits, *waiting)

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
        waited = self.postponed.pop(app.id, 0)
        role = _HANDED_OVER_BY.get(app.form.delivery)
        if role is not None and role is not Role.FRONT_OFFICE:
            self.handover_waits.append((role, waited))


def _split(queue: list[str], capacity: int) -> tuple[list[str], list[str]]:
    """The first ``capacity`` files of ``queue`` (served today) and the rest (waiting)."""
    cut = max(0, capacity)
    return queue[:cut], queue[cut:]
