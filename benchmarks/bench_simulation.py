"""Simulation: the office year through adminduk's Office against a dict-table floor.

The floor runs the very same model (``simulate_office``, same seed, so the same draws) through
:class:`FloorOffice`, an office that keeps each application as one mutable record and takes each
action from a plain dict transition table built from the same workflows. It does the domain work
adminduk does: ``check()`` on verify and send-back, every guard of the step (the same ``Guard``
objects), the register changes (the step's effect and the registrar's event, applied atomically
with the records of what is printed). It leaves out what the Office adds around them: immutable
``Action`` and ``Application`` versions, argument type checks, the stale-version check, the lock,
due dates, the check that a register change concerns the person named. Both runs must end with
the same outcome counts day by day and the same register journal, or the benchmark fails.

Figures: adminduk over the floor (variants alternated round by round in this process, process
CPU time, median of the per-round ratios with their spread) and CPU per application of each.

Run: ``make bench``, or ``--smoke`` for tiny sizes.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any, NamedTuple, cast

sys.path.insert(0, str(Path(__file__).parent))

from _harness import Figure, Report, arguments, compare, publish

from adminduk import Registry, check, regions
from adminduk._fields import replaced
from adminduk.applications import Actor, Application, Status, Trigger
from adminduk.documents import DocumentCode, Evidence, Finding, Form
from adminduk.documents.issuing import issued_records
from adminduk.errors import ForbiddenTransition
from adminduk.register.events import DocumentIssued, Event
from adminduk.register.view import RegisterView
from adminduk.samples import sample_staff
from adminduk.simulation import OfficeSimulation, simulate_office, synthesize_population
from adminduk.workflows import Attempt, Office, Step

FLOOR_TARGET = 1.3  # issue: the simulated year within 1.3x of the dict-table floor


class Entry(NamedTuple):
    """One action in a floor record's history: what the model reads back."""

    trigger: Trigger
    status: Status
    actor: Actor
    at: datetime.datetime
    findings: tuple[Finding, ...]
    office: str


class Record:
    """An application as the floor keeps it: one mutable record per file."""

    __slots__ = ("form", "history", "id", "status")

    def __init__(self, ident: str, form: Form, status: Status, history: list[Entry]) -> None:
        self.id = ident
        self.form = form
        self.status = status
        self.history = history


_SOURCES: tuple[Status | None, ...] = (None, *Status)


class FloorOffice(Office):
    """The floor: a dict transition table over mutable records, with the same domain work.

    Records stand in for applications where the model reads them (``id``, ``form``,
    ``status``, ``history[-1].findings``, ``history[0].actor``), hence the casts.
    """

    def __init__(self, code: str, registry: Registry, staff: Iterable[Actor]) -> None:
        super().__init__(code, registry, staff=staff)
        self.table: dict[tuple[DocumentCode, Trigger, Status | None, Any, Any], Step] = {}
        for document, flow in self.workflows.items():
            for trigger in Trigger:
                for source in _SOURCES:
                    for step in flow.candidates(trigger, source):  # the machine's order
                        for delivery in step.deliveries:
                            for role in step.roles:
                                key = (document, trigger, source, delivery, role)
                                self.table.setdefault(key, step)
        self.records: dict[str, Record] = {}
        self.serial = 0

    def get(self, application_id: str) -> Application:
        return cast(Application, self.records[application_id])

    def _record(self, application: Application | str) -> Record:
        ident = application if isinstance(application, str) else application.id
        return self.records[ident]

    def _step(self, form: Form, trigger: Trigger, status: Status | None, actor: Actor) -> Step:
        step = self.table.get((form.document, trigger, status, form.delivery, actor.role))
        if step is None:
            raise ForbiddenTransition(f"cannot {trigger.value} from {status}")
        return step

    def _act(
        self,
        record: Record,
        trigger: Trigger,
        actor: Actor,
        at: datetime.datetime,
        *,
        reason: str = "",
        event: Event | None = None,
        collector: str | None = None,
        corrected: Form | None = None,
        office: str | None = None,
    ) -> Application:
        form = record.form
        step = self._step(form, trigger, record.status, actor)
        findings: tuple[Finding, ...] = ()
        if trigger is Trigger.VERIFY or trigger is Trigger.SEND_BACK:
            findings = check(corrected or form, self.registry, on=at.date()).findings
        if step.guards:
            attempt = Attempt(
                form=form,
                trigger=trigger,
                actor=actor,
                at=at,
                registry=self.registry,
                reason=reason,
                event=event,
                collector=collector if collector is not None else actor.nik,
                corrected=corrected,
                findings=findings,
                filer=record.history[0].actor.nik,
            )
            for guard in step.guards:
                guard(attempt)
        self._apply(step, form, event, at.date())
        status = record.status if step.dest is None else step.dest
        record.history.append(Entry(trigger, status, actor, at, findings, office or self.code))
        record.status = status
        if corrected is not None:
            record.form = corrected
        return cast(Application, record)

    def _apply(self, step: Step, form: Form, event: Event | None, on: datetime.date) -> None:
        """The step's register changes, as the engine applies them (records on issue)."""
        changes: list[Event] = [event] if event is not None else []
        if step.effect is not None:
            changes.append(step.effect(form, on))
        if step.trigger is not Trigger.ISSUE:
            if changes:
                self.registry.apply_all(changes)
            return

        def then(view: RegisterView, applied: tuple[Event, ...]) -> list[Event]:
            records = issued_records(
                form, view, applied, on=on, office=self.code, numbering=self.numbering
            )
            return [DocumentIssued(occurred_on=on, recorded_on=on, record=r) for r in records]

        self.registry.apply_all(changes, then=then)

    # --- the actions the model takes ------------------------------------------------------

    def submit(
        self,
        form: Form,
        *,
        actor: Actor,
        at: datetime.datetime,
        channel: Any = None,
        id: str | None = None,  # noqa: A002 - as Office.submit
    ) -> Application:
        step = self._step(form, Trigger.SUBMIT, None, actor)
        if form.reported_on is None:
            form = replaced(form, reported_on=at.date())  # as the engine does, unchecked
        if step.guards:
            attempt = Attempt(
                form=form,
                trigger=Trigger.SUBMIT,
                actor=actor,
                at=at,
                registry=self.registry,
                filer=actor.nik,
            )
            for guard in step.guards:
                guard(attempt)
        assert step.dest is not None
        self.serial += 1
        ident = f"{self.code}/{self.serial:06d}"
        entry = Entry(Trigger.SUBMIT, step.dest, actor, at, (), self.code)
        self.records[ident] = Record(ident, form, step.dest, [entry])
        return cast(Application, self.records[ident])

    def record_biometrics(
        self, application: Application | str, *, actor: Actor, at: datetime.datetime
    ) -> Application:
        return self._act(self._record(application), Trigger.RECORD_BIOMETRICS, actor, at)

    def verify(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        attest: Iterable[Evidence] = (),
        reviews: Any = None,
        reason: str = "",
    ) -> Application:
        record = self._record(application)
        kinds = frozenset(attest)
        reviewed = record.form.with_attested(*kinds) if kinds else None
        return self._act(record, Trigger.VERIFY, actor, at, corrected=reviewed)

    def send_back(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        reason: str = "",
        attest: Iterable[Evidence] = (),
        reviews: Any = None,
    ) -> Application:
        if reviews:
            raise NotImplementedError("the floor office takes no files, so it reviews none")
        record = self._record(application)
        kinds = frozenset(attest)
        reviewed = record.form.with_attested(*kinds) if kinds else None
        return self._act(record, Trigger.SEND_BACK, actor, at, reason=reason, corrected=reviewed)

    def resubmit(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        evidence: Iterable[Evidence] = (),
        form: Form | None = None,
        channel: Any = None,
        attachments: Iterable[Any] = (),
    ) -> Application:
        if tuple(attachments):
            raise NotImplementedError("the floor office takes no files")
        record = self._record(application)
        corrected = (form or record.form).with_evidence(*evidence)
        return self._act(record, Trigger.RESUBMIT, actor, at, corrected=corrected)

    def reject(
        self, application: Application | str, *, actor: Actor, at: datetime.datetime, reason: str
    ) -> Application:
        return self._act(self._record(application), Trigger.REJECT, actor, at, reason=reason)

    def issue(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        event: Event | None = None,
    ) -> Application:
        return self._act(self._record(application), Trigger.ISSUE, actor, at, event=event)

    def ship(
        self, application: Application | str, *, actor: Actor, at: datetime.datetime
    ) -> Application:
        return self._act(self._record(application), Trigger.SHIP, actor, at)

    def arrive(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        district: str | None = None,
    ) -> Application:
        record = self._record(application)
        code = district or self.district_of(cast(Application, record))
        return self._act(record, Trigger.ARRIVE, actor, at, office=regions.normalize(code))

    def collect(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        collector: str | None = None,
    ) -> Application:
        record = self._record(application)
        office = record.history[-1].office if record.status is Status.ARRIVED else None
        return self._act(record, Trigger.COLLECT, actor, at, collector=collector, office=office)


def outcome(run: OfficeSimulation) -> tuple[object, ...]:
    """What both offices must agree on: the day-by-day counts and the register's journal."""
    return (run.days, len(run.registry.journal), run.registry.journal[-1])


def main() -> int:
    args = arguments(__doc__.splitlines()[0])
    region, scale, days, rounds = (
        ("18.08.15", 0.05, 40, 2) if args.smoke else ("18.08", 0.25, 365, 3)
    )
    base = synthesize_population(region, seed=1, scale=scale)
    people = len(base.residents())
    report = Report(
        f"Simulation ({region} at scale {scale:g}, {people:,} residents, {days} days; "
        f"{rounds} alternated rounds, process CPU)"
    )
    fresh: dict[str, Registry] = {}
    runs: dict[str, OfficeSimulation] = {}

    def before(name: str) -> None:
        fresh[name] = Registry.replay(base.journal, area=base.area)

    def ours() -> None:
        runs["adminduk"] = simulate_office(fresh["adminduk"], days=days, seed=1)

    def floor() -> None:
        registry = fresh["floor"]
        office = FloorOffice(registry.area or "18.08", registry, sample_staff())
        runs["floor"] = simulate_office(registry, days=days, seed=1, office=office)

    rounds_run = compare({"adminduk": ours, "floor": floor}, rounds=rounds, before=before)
    if outcome(runs["adminduk"]) != outcome(runs["floor"]):
        raise SystemExit("the floor and adminduk disagree on the outcome: the floor is wrong")
    filed = sum(day.filed for day in runs["adminduk"].days)
    median, _, _ = rounds_run.ratio("adminduk", "floor")
    report.add(
        Figure(
            f"simulated office, adminduk / dict-table floor, {filed:,} applications",
            median,
            "x",
            f"<= {FLOOR_TARGET}x",
            median <= FLOOR_TARGET,
            rounds_run.describe("adminduk", "floor") + "; identical outcomes checked",
        )
    )
    for name in ("adminduk", "floor"):
        cpu = rounds_run.median_cpu(name)
        report.add(
            Figure(
                f"{name}, CPU per application",
                cpu / filed * 1e6,
                "us",
                note=f"{cpu:.1f} s for the {days} days (median round)",
            )
        )
    publish(args, ["adminduk"], report.lines())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
