"""The workflows as data: one table of steps per document type, each built into one shared machine.

A :class:`Step` says which action (trigger) leads from which statuses to which, who may take it
(roles), on which delivery paths, and under which :mod:`guards <adminduk.workflows.guards>`. A
:class:`Workflow` is a document type's steps, the deliveries it offers and the register change
issuing it makes (per variant). Each workflow builds one ``transitions.Machine`` with no model
attached; every application of that document type is fired through the same machine's
transition table (:meth:`Workflow.candidates`), so a hundred thousand open applications cost a
hundred thousand small records, not a hundred thousand machines.

The roles and paths are **office policy** (Way Kanan's: documents by post to the district
office, outreach at home, an intake by WhatsApp and website): build your own ``Workflow`` with
:meth:`Workflow.with_steps` to change them.

>>> kk = workflow_for("KK")
>>> [step.dest.name for step in kk.candidates(Trigger.COLLECT, Status.PRINTED)]
['COLLECTED', 'COLLECTED']
>>> sorted(delivery.value for delivery in workflow_for("KTP-el").deliveries)
['outreach', 'pickup', 'post']
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs
from transitions import Machine

from adminduk.applications import Role, Status, Trigger
from adminduk.codes import KTPElStatus
from adminduk.documents import Delivery, DocumentCode, Form
from adminduk.errors import GuardFailed, InvalidComponent
from adminduk.register.events import Event, KTPElCardUpdated, KTPElRecorded
from adminduk.workflows.guards import (
    APPROVED_BY_ANOTHER,
    AUTHORISED_COLLECTOR,
    BIOMETRICS_RECORDED,
    COLLECTOR_IS_ACTOR,
    OFFICE_ATTESTS,
    REASON_GIVEN,
    REASON_OR_FINDINGS,
    REISSUE_LINK,
    REQUIREMENTS_MET,
    REVIEW_ONLY,
    SAME_FILE,
    WITHDRAWN_BY_FILER,
    Attempt,
    Guard,
)

__all__ = [
    "DRAFT",
    "WORKFLOWS",
    "Step",
    "Workflow",
    "correction_steps",
    "workflow_for",
]

#: The machine's name for the state before submission (an application with no history).
DRAFT = "DRAFT"

_ALL_DELIVERIES = frozenset(Delivery)
_INTAKE = frozenset({Role.RESIDENT, Role.FRONT_OFFICE, Role.OUTREACH_OFFICER, Role.SYSTEM})
_OFFICE = frozenset({Role.FRONT_OFFICE, Role.REGISTRAR})


@attrs.frozen
class Step:
    """One transition: ``trigger`` from any of ``sources`` to ``dest`` (``None``: stays).

    ``sources`` holds ``None`` for a draft. ``deliveries`` limits the step to those delivery
    paths; ``effect`` builds a register event the step always applies, from the form and the day
    (biometric recording, the KTP-el card's status).
    """

    trigger: Trigger
    sources: tuple[Status | None, ...]
    dest: Status | None
    roles: frozenset[Role]
    deliveries: frozenset[Delivery] = _ALL_DELIVERIES
    guards: tuple[Guard, ...] = ()
    effect: Callable[[Form, datetime.date], Event] | None = None
    note: str = ""

    def admits(self, attempt: Attempt) -> bool:
        """Whether this step is the one for the attempt's delivery path (a machine condition)."""
        return attempt.form.delivery in self.deliveries

    def _condition(self, event_data: Any) -> bool:
        attempt: Attempt = event_data.kwargs["attempt"]
        return self.admits(attempt)


def _state(status: Status | None) -> str:
    return DRAFT if status is None else status.name


@attrs.frozen
class Workflow:
    """A document type's steps and deliveries, with its shared machine.

    The register change issuing each variant makes is the document type's
    (:attr:`adminduk.documents.DocumentType.register_changes`).
    """

    name: DocumentCode
    steps: tuple[Step, ...]
    deliveries: frozenset[Delivery] = _ALL_DELIVERIES
    machine: Machine = attrs.field(init=False, repr=False, eq=False)
    _index: dict[tuple[Trigger, Status | None], tuple[Step, ...]] = attrs.field(
        init=False, repr=False, eq=False
    )
    _steps: dict[tuple[Trigger, Status | None, Delivery, Role], Step] = attrs.field(
        init=False, repr=False, eq=False
    )

    def __attrs_post_init__(self) -> None:
        steps_by_transition: dict[tuple[str, str, Any], Step] = {}
        specs = []
        for step in self.steps:
            for source in step.sources:
                condition = step._condition
                steps_by_transition[(step.trigger.value, _state(source), condition)] = step
                specs.append(
                    {
                        "trigger": step.trigger.value,
                        "source": _state(source),
                        "dest": None if step.dest is None else step.dest.name,
                        "conditions": [condition],
                    }
                )
        # One machine per workflow, no model attached: transitions validates the table (unknown
        # states raise) and holds it; applications only borrow it.
        machine = Machine(
            model=None,
            states=[DRAFT, *(status.name for status in Status)],
            initial=DRAFT,
            transitions=specs,
            auto_transitions=False,
            send_event=True,
        )
        index: dict[tuple[Trigger, Status | None], tuple[Step, ...]] = {}
        for trigger_name, event in machine.events.items():
            trigger = Trigger(trigger_name)
            for source_name, transitions in event.transitions.items():
                source = None if source_name == DRAFT else Status[source_name]
                index[(trigger, source)] = tuple(
                    steps_by_transition[(trigger_name, source_name, t.conditions[0].func)]
                    for t in transitions
                )
        # Who takes which step: the first candidate on the delivery path that the role may take.
        chosen: dict[tuple[Trigger, Status | None, Delivery, Role], Step] = {}
        for (trigger, source), candidates in index.items():
            for step in candidates:
                for delivery in step.deliveries:
                    for role in step.roles:
                        chosen.setdefault((trigger, source, delivery, role), step)
        object.__setattr__(self, "machine", machine)
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_steps", chosen)

    def candidates(self, trigger: Trigger, source: Status | None) -> tuple[Step, ...]:
        """The steps ``trigger`` may take from ``source``, in the machine's order."""
        return self._index.get((trigger, source), ())

    def step_for(
        self, trigger: Trigger, source: Status | None, delivery: Delivery, role: Role
    ) -> Step | None:
        """The step ``role`` takes by ``trigger`` from ``source`` on ``delivery``'s path, if any.

        The first of :meth:`candidates` on that path that the role may take (one dict lookup).

        >>> workflow_for("KK").step_for(
        ...     Trigger.SHIP, Status.PRINTED, Delivery.POST, Role.COURIER).dest.name
        'SHIPPED'
        """
        return self._steps.get((trigger, source, delivery, role))

    def roles(
        self, trigger: Trigger, source: Status | None, delivery: Delivery
    ) -> frozenset[Role]:
        """Who may take ``trigger`` from ``source`` on ``delivery``'s path (empty: nobody).

        >>> sorted(role.value for role in workflow_for("KK").roles(
        ...     Trigger.SHIP, Status.PRINTED, Delivery.POST))
        ['courier', 'front_office']
        """
        return frozenset().union(
            *(
                step.roles
                for step in self.candidates(trigger, source)
                if delivery in step.deliveries
            )
        )

    def triggers(self, source: Status | None, delivery: Delivery | None = None) -> list[Trigger]:
        """The actions possible from ``source`` (on ``delivery``'s path, if given)."""
        return [
            trigger
            for (trigger, state), steps in self._index.items()
            if state == source
            and any(delivery is None or delivery in step.deliveries for step in steps)
        ]

    def with_steps(self, steps: Iterable[Step]) -> Workflow:
        """Return the workflow with ``steps`` instead (an office's own policy)."""
        return Workflow(self.name, tuple(steps), self.deliveries)


def _steps(
    *,
    issue_guards: tuple[Guard, ...] = (),
    extra: tuple[Step, ...] = (),
    intake: frozenset[Role] = _INTAKE,
    issued_from: Status = Status.VERIFIED,
) -> tuple[Step, ...]:
    # Before issue the office may return, and the registrar reject or the resident withdraw.
    open_ = tuple(dict.fromkeys((Status.SUBMITTED, Status.VERIFIED, issued_from)))
    return (
        Step(
            Trigger.SUBMIT,
            (None,),
            Status.SUBMITTED,
            intake,
            guards=(OFFICE_ATTESTS, REISSUE_LINK),
        ),
        *extra,
        Step(
            Trigger.VERIFY,
            (Status.SUBMITTED,),
            Status.VERIFIED,
            _OFFICE,
            guards=(REVIEW_ONLY, REQUIREMENTS_MET),
        ),
        Step(
            Trigger.SEND_BACK,
            open_,
            Status.RETURNED,
            _OFFICE,
            guards=(REVIEW_ONLY, REASON_OR_FINDINGS),
        ),
        Step(
            Trigger.RESUBMIT,
            (Status.RETURNED,),
            Status.SUBMITTED,
            intake,
            guards=(OFFICE_ATTESTS, SAME_FILE, REISSUE_LINK),
        ),
        Step(
            Trigger.REJECT,
            (*open_, Status.RETURNED),
            Status.REJECTED,
            frozenset({Role.REGISTRAR}),
            guards=(REASON_GIVEN,),
        ),
        Step(
            Trigger.CANCEL,
            (*open_, Status.RETURNED),
            Status.CANCELLED,
            frozenset({Role.RESIDENT, Role.FRONT_OFFICE}),
            guards=(WITHDRAWN_BY_FILER,),
            note="withdrawn by the resident (at the counter, the operator records it)",
        ),
        Step(
            Trigger.ISSUE,
            (issued_from,),
            Status.PRINTED,
            frozenset({Role.REGISTRAR}),
            guards=issue_guards,
            note="signed and printed by the registrar; applies the register change",
        ),
        Step(
            Trigger.SHIP,
            (Status.PRINTED,),
            Status.SHIPPED,
            frozenset({Role.FRONT_OFFICE, Role.COURIER}),
            deliveries=frozenset({Delivery.POST}),
            note="post-office batch to the resident's district office",
        ),
        Step(
            Trigger.SHIP,
            (Status.PRINTED,),
            Status.SHIPPED,
            frozenset({Role.FRONT_OFFICE, Role.SYSTEM}),
            deliveries=frozenset({Delivery.DIGITAL}),
            note="electronically signed document sent by WhatsApp or e-mail",
        ),
        Step(
            Trigger.ARRIVE,
            (Status.SHIPPED,),
            Status.ARRIVED,
            frozenset({Role.DISTRICT_OFFICER}),
            deliveries=frozenset({Delivery.POST}),
            note="received at the resident's district office, which the action names",
        ),
        Step(
            Trigger.COLLECT,
            (Status.ARRIVED,),
            Status.COLLECTED,
            frozenset({Role.DISTRICT_OFFICER}),
            deliveries=frozenset({Delivery.POST}),
            guards=(AUTHORISED_COLLECTOR,),
            note="handed over at the district office",
        ),
        Step(
            Trigger.COLLECT,
            (Status.SHIPPED,),
            Status.COLLECTED,
            frozenset({Role.RESIDENT}),
            deliveries=frozenset({Delivery.DIGITAL}),
            guards=(COLLECTOR_IS_ACTOR, AUTHORISED_COLLECTOR),
            note="the resident confirms receipt",
        ),
        Step(
            Trigger.COLLECT,
            (Status.PRINTED,),
            Status.COLLECTED,
            frozenset({Role.FRONT_OFFICE}),
            deliveries=frozenset({Delivery.PICKUP}),
            guards=(AUTHORISED_COLLECTOR,),
            note="collected at the regency office",
        ),
        Step(
            Trigger.COLLECT,
            (Status.PRINTED,),
            Status.COLLECTED,
            frozenset({Role.OUTREACH_OFFICER}),
            deliveries=frozenset({Delivery.OUTREACH}),
            guards=(AUTHORISED_COLLECTOR,),
            note="handed over at home (jemput bola)",
        ),
    )


#: Cards are physical: no digital delivery.
_CARD_DELIVERIES = frozenset({Delivery.POST, Delivery.PICKUP, Delivery.OUTREACH})


def _subject(form: Form, step: str) -> str:
    if form.subject is None:
        raise GuardFailed(f"{step} needs the subject's NIK on the application", guard="effect")
    return form.subject


def _record(form: Form, on: datetime.date) -> Event:
    return KTPElRecorded(nik=_subject(form, "record_biometrics"), occurred_on=on, recorded_on=on)


def _card(status: KTPElStatus) -> Callable[[Form, datetime.date], Event]:
    def effect(form: Form, on: datetime.date) -> Event:
        nik = _subject(form, "a KTP-el card step")
        return KTPElCardUpdated(nik=nik, status=status, occurred_on=on, recorded_on=on)

    effect.__name__ = f"card_{status.name.lower()}"
    return effect


#: The register's KTP-el status follows the card (SIAK; DOMAIN.md "KTP-el statuses follow the
#: card"): printed on issue, shipped with the post, issued when handed over.
_CARD_EFFECTS = {
    Trigger.ISSUE: _card(KTPElStatus.PRINTED),
    Trigger.SHIP: _card(KTPElStatus.SHIPPED),
    Trigger.COLLECT: _card(KTPElStatus.ISSUED),
}


def _following_the_card(steps: tuple[Step, ...]) -> tuple[Step, ...]:
    return tuple(
        attrs.evolve(step, effect=_CARD_EFFECTS[step.trigger])
        if step.trigger in _CARD_EFFECTS
        else step
        for step in steps
    )


# Pasal 63 UU 24/2013: biometrics are recorded (at the office or at home) before the card is
# printed; recording is its own step and changes the register.
_RECORD = Step(
    Trigger.RECORD_BIOMETRICS,
    (Status.SUBMITTED, Status.VERIFIED, Status.RETURNED),
    None,
    frozenset({Role.FRONT_OFFICE, Role.OUTREACH_OFFICER}),
    effect=_record,
    note="biometric recording at the office or at home",
)

_GENERIC = _steps()


def correction_steps(approvers: frozenset[Role] = frozenset({Role.REGISTRAR})) -> tuple[Step, ...]:
    """The steps of a correction (PERBAIKAN-DATA): approved by an official, then issued.

    Asked for by the resident, or started by the office itself (Pasal 71 UU 24/2013: the
    civil registration official corrects a clerical error on request or on the office's own
    initiative); verified like any file; approved by one of ``approvers`` who did not ask for it
    (four eyes); then issued, which applies the correction to the register and reprints what it
    changed. Which office level approves which route is **unconfirmed** office policy: an office
    builds its own workflow with other ``approvers`` (``Workflow("PERBAIKAN-DATA",
    correction_steps(approvers=...))``) and passes it to its ``Office``.
    """
    approve = Step(
        Trigger.APPROVE,
        (Status.VERIFIED,),
        Status.APPROVED,
        approvers,
        guards=(APPROVED_BY_ANOTHER,),
        note="approved by an official other than the one who asked (four eyes)",
    )
    return _steps(extra=(approve,), intake=_INTAKE | {Role.REGISTRAR}, issued_from=Status.APPROVED)


#: The workflow of each document type, by document code.
WORKFLOWS: Mapping[DocumentCode, Workflow] = {
    "KK": Workflow("KK", _GENERIC),
    "KTP-el": Workflow(
        "KTP-el",
        _following_the_card(_steps(issue_guards=(BIOMETRICS_RECORDED,), extra=(_RECORD,))),
        deliveries=_CARD_DELIVERIES,
    ),
    "KIA": Workflow("KIA", _GENERIC, deliveries=_CARD_DELIVERIES),
    "SKPWNI": Workflow("SKPWNI", _GENERIC),
    # Pasal 27 UU 24/2013; the birth certificate is issued with the new KK and the KIA.
    "AKTA-LAHIR": Workflow("AKTA-LAHIR", _GENERIC),
    "AKTA-MATI": Workflow("AKTA-MATI", _GENERIC),
    "AKTA-KAWIN": Workflow("AKTA-KAWIN", _GENERIC),
    "AKTA-CERAI": Workflow("AKTA-CERAI", _GENERIC),
    # Pasal 71 UU 24/2013 (pembetulan), Pasal 52 and 72 UU 23/2006 (change, annulment).
    "PERBAIKAN-DATA": Workflow("PERBAIKAN-DATA", correction_steps()),
}


def workflow_for(document: DocumentCode) -> Workflow:
    """Return the workflow of the document type with code ``document``."""
    try:
        return WORKFLOWS[document]
    except (KeyError, TypeError):
        known = ", ".join(WORKFLOWS)
        raise InvalidComponent(f"no workflow for {document!r}; known are {known}") from None
