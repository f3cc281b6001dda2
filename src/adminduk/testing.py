"""A stateful Hypothesis model of a register and an office, for adminduk's tests and yours.

:class:`RegistryMachine` is a :class:`hypothesis.stateful.RuleBasedStateMachine`: it starts from
a generated register, applies random life events and drives random applications through every
workflow action (with the right staff, and sometimes the wrong one), and after every step checks
every library invariant:

- each application equals what replaying its history gives, and its status is the replayed one;
- the register keeps all its rules (:meth:`adminduk.Registry.check`);
- no application skipped a state its path requires (printed before shipped or collected,
  verified before printed, shipped before collected on the post and digital paths);
- every collected document was printed by a registrar, and every correction approved first;
- an annulled certificate is never printed again after its annulment;
- a refused action changed nothing: not the application, not the register.

Subclass it to add your own rules and invariants (an app's database mirror, say) and collect
the test with ``TestMyMachine = MyMachine.TestCase``::

    class MyMachine(RegistryMachine):
        @invariant()
        def mirror_agrees(self) -> None:
            ...

Needs the ``testing`` extra (Hypothesis).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from hypothesis.stateful import (
    Bundle,
    MultipleResults,
    RuleBasedStateMachine,
    consumes,
    initialize,
    invariant,
    multiple,
    precondition,
    rule,
)

from adminduk import strategies
from adminduk.applications import Actor, Application, Role, Status, Trigger
from adminduk.documents import (
    CERTIFICATES,
    Channel,
    Delivery,
    Form,
    check,
    document_type,
    event_for,
)
from adminduk.errors import AdmindukError
from adminduk.register import Registry
from adminduk.register.events import DocumentWithdrawn
from adminduk.samples import issue_details, sample_actor, sample_staff, sample_visit
from adminduk.workflows import Office, replay, workflow_for

__all__ = ["RegistryMachine"]

_STAFF = {actor.role: actor for actor in sample_staff()}
#: A second official who signs: approves the corrections the first one asked for (four eyes).
_SECOND_REGISTRAR = Actor(id="REG-02", role=Role.REGISTRAR, name="Sri Wahyuni")
_OFFICE_STAFF = (*sample_staff(), _SECOND_REGISTRAR)
#: The statuses each status needs to have passed through first.
_BEFORE = {
    Status.VERIFIED: (Status.SUBMITTED,),
    Status.APPROVED: (Status.VERIFIED,),
    Status.PRINTED: (Status.VERIFIED,),
    Status.SHIPPED: (Status.PRINTED,),
    Status.ARRIVED: (Status.SHIPPED,),
    Status.COLLECTED: (Status.PRINTED,),
}


class RegistryMachine(RuleBasedStateMachine):
    """A register, an office over it, and random life events and workflow actions."""

    residents: Bundle[str] = Bundle("residents")
    families: Bundle[str] = Bundle("families")
    applications: Bundle[str] = Bundle("applications")

    def __init__(self) -> None:
        super().__init__()
        self.registry = Registry()
        self.office = Office("18.08", self.registry, staff=_OFFICE_STAFF)
        self.now = datetime.datetime(2026, 1, 5, 8, 0)
        self.refusals = 0

    # --- set-up and bundles ----------------------------------------------------------------

    @initialize(registry=strategies.registries(min_families=1, max_families=4))
    def start(self, registry: Registry) -> None:
        """Start from a generated register and an office over it."""
        self.registry = registry
        self.office = Office("18.08", registry, staff=_OFFICE_STAFF)
        self._catch_up()

    @rule(target=residents, data=st.data())
    def note_resident(self, data: st.DataObject) -> str:
        """Remember a resident of the register."""
        return data.draw(st.sampled_from(sorted(r.nik for r in self.registry.residents())))

    @precondition(lambda self: len(self.registry.families()) > 0)
    @rule(target=families, data=st.data())
    def note_family(self, data: st.DataObject) -> str:
        """Remember a family of the register."""
        return data.draw(st.sampled_from(sorted(f.number for f in self.registry.families())))

    @rule(hours=st.integers(0, 72))
    def wait(self, hours: int) -> None:
        """Let time pass."""
        self.now += datetime.timedelta(hours=hours)

    # --- life events -----------------------------------------------------------------------

    @rule(data=st.data())
    def life_event(self, data: st.DataObject) -> None:
        """Apply a generated life event (the register may refuse it)."""
        event = data.draw(strategies.life_events(self.registry))
        self._attempt(None, lambda: self.registry.apply(event))
        self._catch_up()

    @rule(nik=residents)
    def correct_name(self, nik: str) -> None:
        """Correct a remembered resident's name (refused if they left the register)."""
        from adminduk.register.events import DataCorrection  # noqa: PLC0415

        day = self.now.date()
        event = DataCorrection(nik=nik, name="Nama Koreksi", occurred_on=day, recorded_on=day)
        self._attempt(None, lambda: self.registry.apply(event))

    # --- workflow actions ------------------------------------------------------------------

    @rule(target=applications, data=st.data(), complete=st.booleans())
    def submit(self, data: st.DataObject, complete: bool) -> str | MultipleResults[str]:
        """File an application, complete or not, by a resident or the online intake."""
        on = self.now.date()
        try:
            draft = data.draw(strategies.forms(self.registry, complete=complete, on=on))
        except InvalidArgument:  # nobody in the register qualifies for anything today
            return multiple()
        flow = workflow_for(draft.document)
        delivery = data.draw(st.sampled_from(sorted(flow.deliveries, key=lambda d: d.value)))
        visit = sample_visit() if delivery is Delivery.OUTREACH else None
        draft = attrs.evolve(draft, delivery=delivery, outreach=visit)
        # A form the office attested something on is filed at the counter; others online.
        online = [_STAFF[Role.SYSTEM], self._resident(draft)]
        actor = _STAFF[Role.FRONT_OFFICE] if draft.attested else data.draw(st.sampled_from(online))
        filed = self._attempt(
            None, lambda: self.office.submit(draft, actor=actor, at=self._tick())
        )
        return multiple() if filed is None else filed.id

    @rule(app=applications, data=st.data())
    def act(self, app: str, data: st.DataObject) -> None:
        """Take any workflow action on an application, by a drawn role."""
        if app not in self.office.applications:
            return
        current = self.office.get(app)
        trigger = data.draw(st.sampled_from(list(Trigger)))
        role = data.draw(st.sampled_from(list(Role)))
        actor = self._resident(current) if role is Role.RESIDENT else _STAFF[role]
        self._attempt(current, self._action(current, trigger, actor, data))

    @rule(app=applications, steps=st.integers(1, 8))
    def move_along(self, app: str, steps: int) -> None:
        """Take up to ``steps`` natural next steps with the right staff (lifecycles complete)."""
        for _ in range(steps):
            if app not in self.office.applications:
                return
            current = self.office.get(app)
            step = _NEXT.get(current.status)
            if step is None:
                return
            trigger, role = step(current, self.registry)
            actor = self._resident(current) if role is Role.RESIDENT else _STAFF[role]
            if trigger is Trigger.APPROVE and current.history[0].actor == actor:
                actor = _SECOND_REGISTRAR  # who asked may not approve
            if self._attempt(current, self._action(current, trigger, actor, None)) is None:
                return

    @rule(target=applications, nik=residents, data=st.data())
    def request_correction(self, nik: str, data: st.DataObject) -> str | MultipleResults[str]:
        """Ask to correct a resident's data, or to annul a certificate they hold."""
        request = data.draw(strategies.correction_requests())
        if request.number is not None:
            held = [
                r
                for r in self.registry.documents_of(nik)
                if r.document in CERTIFICATES
                and self.registry.withdrawal(r.document, r.number) is None
            ]
            if held:  # the certificate asked about is mostly one the resident holds
                record = data.draw(st.sampled_from(held))
                request = attrs.evolve(request, certificate=record.document, number=record.number)
            route = "annulment"
        else:
            route = data.draw(st.sampled_from(["clerical", "change"]))
        kind = document_type("PERBAIKAN-DATA")
        draft = Form(
            document="PERBAIKAN-DATA",
            variant=route,
            channel=Channel.COUNTER,
            subject=nik,
            evidence=kind.evidence_for(route),
            details=request,
        )
        actor = data.draw(st.sampled_from([_STAFF[Role.REGISTRAR], Actor.resident(nik)]))
        filed = self._attempt(
            None, lambda: self.office.submit(draft, actor=actor, at=self._tick())
        )
        return multiple() if filed is None else filed.id

    @rule(app=consumes(applications), data=st.data())
    def reprint(self, app: str, data: st.DataObject) -> None:
        """Ask for a replacement of a collected document (refused unless one can be)."""
        if app not in self.office.applications:
            return
        current = self.office.get(app)
        variant = data.draw(st.sampled_from(["lost", "damaged"]))
        self._attempt(
            None,
            lambda: self.office.reprint(
                current,
                variant=variant,
                actor=self._resident(current),
                at=self._tick(),
                evidence=current.form.evidence,
            ),
        )

    # --- invariants ------------------------------------------------------------------------

    @invariant()
    def histories_replay(self) -> None:
        """Every application is what its history says, status included."""
        for application in self.office.applications.values():
            replayed = replay(application.history, id=application.id)
            assert replayed == application
            assert replayed.status is application.status

    @invariant()
    def register_rules_hold(self) -> None:
        """The register keeps every rule."""
        self.registry.check()

    @invariant()
    def no_state_skipped(self) -> None:
        """Each status was reached through the ones its path requires."""
        for application in self.office.applications.values():
            seen: set[Status] = set()
            for action in application.history:
                for needed in _BEFORE.get(action.status, ()):
                    assert needed in seen, (application.id, action.status, needed)
                if action.status is Status.COLLECTED and application.form.delivery in (
                    Delivery.POST,
                    Delivery.DIGITAL,
                ):
                    assert Status.SHIPPED in seen
                if (
                    action.status is Status.COLLECTED
                    and application.form.delivery is Delivery.POST
                ):
                    assert Status.ARRIVED in seen  # collected where it arrived
                seen.add(action.status)

    @invariant()
    def collected_were_printed_by_a_registrar(self) -> None:
        """Every collected document was issued by a registrar; every correction approved."""
        for application in self.office.applications.values():
            if application.status is Status.COLLECTED:
                issued = application.action(Trigger.ISSUE)
                assert issued is not None
                assert issued.actor.role is Role.REGISTRAR
            if application.form.document == "PERBAIKAN-DATA" and application.action(Trigger.ISSUE):
                approved = application.action(Trigger.APPROVE)
                assert approved is not None
                assert approved.actor != application.history[0].actor  # four eyes

    @invariant()
    def annulled_stay_annulled(self) -> None:
        """An annulled certificate is never printed again after its annulment."""
        for application in self.office.applications.values():
            for event in (e for a in application.history for e in a.events):
                if isinstance(event, DocumentWithdrawn):
                    printings = self.registry.printings(event.document, event.number)
                    assert printings[-1].issued_on <= event.occurred_on

    # --- plumbing --------------------------------------------------------------------------

    def _tick(self) -> datetime.datetime:
        self.now += datetime.timedelta(minutes=30)
        return self.now

    def _catch_up(self) -> None:
        """Keep the office clock after the register's latest record."""
        journal = self.registry.journal
        if journal:
            latest = max(event.recorded_on for event in journal)
            start = datetime.datetime.combine(latest, datetime.time(8)) + datetime.timedelta(
                days=1
            )
            self.now = max(self.now, start)

    @staticmethod
    def _resident(application: Application | Form) -> Actor:
        form = application if isinstance(application, Form) else application.form
        number = form.applicant or form.subject
        assert number is not None
        return Actor.resident(number)

    def _attempt(self, application: Application | None, action: Callable[[], Any]) -> Any:
        """Run ``action``; if it is refused, check that nothing changed."""
        journal = self.registry.journal
        applications = dict(self.office.applications)
        try:
            return action()
        except AdmindukError:
            self.refusals += 1
            assert journal == self.registry.journal
            assert applications == dict(self.office.applications)
            if application is not None:
                assert application is self.office.get(application.id)
            return None

    def _action(
        self,
        application: Application,
        trigger: Trigger,
        actor: Actor,
        data: st.DataObject | None,
    ) -> Callable[[], Any]:
        office = self.office
        at = self._tick()
        if trigger is Trigger.ISSUE:
            return lambda: office.issue(
                application, actor=actor, at=at, event=self._event(application)
            )
        if trigger is Trigger.COLLECT:
            collector = application.form.applicant if actor.role is not Role.RESIDENT else None
            return lambda: office.collect(application, actor=actor, at=at, collector=collector)
        if trigger is Trigger.RESUBMIT:
            # On the natural path the resident brings what the office asked for.
            returned = application.history[-1]
            wanted = (
                ()
                if data is not None
                else tuple(f.satisfy_with[0] for f in returned.findings if f.satisfy_with)
            )
            return lambda: office.resubmit(application, actor=actor, at=at, evidence=wanted)
        if trigger in (Trigger.REJECT, Trigger.SEND_BACK, Trigger.CANCEL):
            reason = "" if data is None else data.draw(st.sampled_from(["", "unclear scan"]))
            methods: dict[Trigger, Callable[..., Application]] = {
                Trigger.REJECT: office.reject,
                Trigger.SEND_BACK: office.send_back,
                Trigger.CANCEL: office.cancel,
            }
            method = methods[trigger]
            return lambda: method(application, actor=actor, at=at, reason=reason)
        if trigger is Trigger.SUBMIT:
            # Filing the same file again is refused (its number is taken).
            return lambda: office.submit(application.form, actor=actor, at=at, id=application.id)
        methods_now: dict[Trigger, Callable[..., Application]] = {
            Trigger.VERIFY: office.verify,
            Trigger.APPROVE: office.approve,
            Trigger.RECORD_BIOMETRICS: office.record_biometrics,
            Trigger.SHIP: office.ship,
            Trigger.ARRIVE: office.arrive,
        }
        simple = methods_now[trigger]
        return lambda: simple(application, actor=actor, at=at)

    def _event(self, application: Application) -> Any:
        form = application.form
        change = document_type(form.document).register_changes.get(form.variant)
        if change is None or not change.required:
            return None
        try:
            return event_for(form, on=self.now.date(), **issue_details(self.registry, application))
        except AdmindukError:
            return None


def _after_verified(application: Application, registry: Registry) -> tuple[Trigger, Role]:
    if application.form.document == "KTP-el" and not _recorded(application, registry):
        return Trigger.RECORD_BIOMETRICS, Role.OUTREACH_OFFICER
    if application.form.document == "PERBAIKAN-DATA":
        return Trigger.APPROVE, Role.REGISTRAR
    return Trigger.ISSUE, Role.REGISTRAR


def _recorded(application: Application, registry: Registry) -> bool:
    person = registry.find_resident(application.form.subject)
    return person is not None and person.ktp_el_status.is_recorded


def _after_printed(application: Application, registry: Registry) -> tuple[Trigger, Role]:
    shipped = application.form.delivery in (Delivery.POST, Delivery.DIGITAL)
    return _by_table(Trigger.SHIP if shipped else Trigger.COLLECT, application)


def _by_table(trigger: Trigger, application: Application) -> tuple[Trigger, Role]:
    """The trigger, and the role the workflow table lets take it on this delivery path."""
    return trigger, sample_actor(trigger, application).role


def _after_submitted(application: Application, registry: Registry) -> tuple[Trigger, Role]:
    if application.form.document == "KTP-el" and not _recorded(application, registry):
        return Trigger.RECORD_BIOMETRICS, Role.FRONT_OFFICE
    if not check(application.form, registry, on=application.history[-1].at.date()).ok:
        return Trigger.SEND_BACK, Role.FRONT_OFFICE
    return Trigger.VERIFY, Role.FRONT_OFFICE


#: The natural next step from each status, and who takes it.
_NEXT: dict[Status | None, Callable[[Application, Registry], tuple[Trigger, Role]]] = {
    Status.SUBMITTED: _after_submitted,
    Status.VERIFIED: _after_verified,
    Status.APPROVED: lambda application, _: (Trigger.ISSUE, Role.REGISTRAR),
    Status.PRINTED: _after_printed,
    Status.SHIPPED: lambda application, _: _by_table(
        Trigger.ARRIVE if application.form.delivery is Delivery.POST else Trigger.COLLECT,
        application,
    ),
    Status.ARRIVED: lambda application, _: _by_table(Trigger.COLLECT, application),
    Status.RETURNED: lambda application, _: (Trigger.RESUBMIT, Role.RESIDENT),
}
