"""Firing actions: one function takes an application and an action and returns the next version.

:func:`fire` looks the action up in the document's workflow (the shared machine's table), checks
the actor's role, the delivery path and every guard, applies the register change if the step
makes one, and returns a new :class:`~adminduk.documents.Application` with the action appended.
If anything refuses, it raises and changes nothing: applications are immutable, and the register
applies a change atomically or not at all. :func:`replay` rebuilds an application from its history.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import attrs

from adminduk._fields import compact_nik, require_member, require_text
from adminduk._privacy import mask
from adminduk.documents._application import (
    Action,
    Actor,
    Application,
    Role,
    Trigger,
)
from adminduk.documents._base import Channel, Finding
from adminduk.documents._check import check, document_type
from adminduk.documents.service_levels import ServiceLevels
from adminduk.errors import (
    ForbiddenTransition,
    GuardFailed,
    InvalidComponent,
    InvalidFormat,
    PermissionDenied,
)
from adminduk.events import (
    Birth,
    Death,
    Divorce,
    Event,
    KTPElRecorded,
    Marriage,
    MoveOut,
)
from adminduk.registry import Registry
from adminduk.workflows.definitions import (
    WORKFLOWS,
    RegisterChange,
    Step,
    Workflow,
    workflow_for,
)
from adminduk.workflows.guards import Attempt

__all__ = ["event_for", "fire", "involved", "replay"]


def involved(event: Event) -> frozenset[str]:
    """Every NIK an event names (the people it changes).

    >>> from adminduk.samples import SIAP_KELUARGA
    >>> from adminduk.events import KTPElRecorded
    >>> import datetime
    >>> day = datetime.date(2026, 1, 5)
    >>> involved(KTPElRecorded(nik=SIAP_KELUARGA.head, occurred_on=day, recorded_on=day)) == {
    ...     SIAP_KELUARGA.head}
    True
    """
    found: set[str] = set()
    for field in attrs.fields(type(event)):
        value = getattr(event, field.name)
        if field.name in ("nik", "mother", "father", "husband", "wife") and value is not None:
            found.add(value)
        elif field.name in ("niks", "children"):
            found.update(value)
        elif field.name == "relationships":
            found.update(number for number, _ in value)
        elif field.name == "residents":
            found.update(resident.nik for resident in value)
    return frozenset(found)


def _check_change(attempt: Attempt, change: RegisterChange | None) -> None:
    """Refuse a register change that is missing, of the wrong kind, or about someone else."""
    application = attempt.application
    event = attempt.event
    if event is None:
        if change is not None and change.required:
            kinds = " or ".join(kind.__name__ for kind in change.events)
            raise GuardFailed(
                f"issuing {application.document} ({application.variant}) records a {kinds} "
                "in the register: pass it as event",
                guard="register-change",
            )
        return
    if change is None or not isinstance(event, change.events):
        raise GuardFailed(
            f"issuing {application.document} ({application.variant}) makes no "
            f"{type(event).__name__} register change",
            guard="register-change",
        )
    names = involved(event)
    named = [application.subject]
    if isinstance(event, Marriage | Divorce):
        named.append(application.partner)
    for who in named:
        if who is not None and who not in names:
            raise GuardFailed(
                f"the {type(event).__name__} does not concern {mask(who)}, named on the "
                "application",
                guard="register-change",
            )
    dated = isinstance(event, Birth | Death | Marriage | Divorce)
    if dated and application.event_date not in (None, event.occurred_on):
        raise GuardFailed(
            f"the {type(event).__name__} happened on {event.occurred_on}, the application "
            f"says {application.event_date}",
            guard="register-change",
        )
    if event.recorded_on > attempt.on:
        raise GuardFailed(
            f"the register change is recorded on {event.recorded_on}, after the action "
            f"({attempt.on})",
            guard="register-change",
        )


def _step(workflow: Workflow, application: Application, trigger: Trigger, role: Role) -> Step:
    source = application.status
    candidates = workflow.candidates(trigger, source)
    if len(candidates) == 1:  # the usual case: one step, on every path
        only = candidates[0]
        if application.delivery in only.deliveries and role in only.roles:
            return only
    state = "a draft" if source is None else source.value
    if not candidates:
        possible = ", ".join(t.value for t in workflow.triggers(source, application.delivery))
        raise ForbiddenTransition(
            f"cannot {trigger.value} application {application.id or '(draft)'}: it is "
            f"{state}; possible now: {possible or 'nothing (final)'}"
        )
    on_path = [step for step in candidates if application.delivery in step.deliveries]
    if not on_path:
        raise ForbiddenTransition(
            f"cannot {trigger.value} application {application.id} ({state}) on the "
            f"{application.delivery.value} delivery path"
        )
    allowed = [step for step in on_path if role in step.roles]
    if not allowed:
        roles = sorted({role.value for step in on_path for role in step.roles})
        raise PermissionDenied(
            f"a {role.value.replace('_', ' ')} may not {trigger.value} application "
            f"{application.id}; allowed: {', '.join(roles)}"
        )
    return allowed[0]


def _check_inputs(
    application: object, trigger: object, actor: object, form: object, channel: object
) -> None:
    """Refuse arguments of the wrong types before anything else is looked at."""
    if not isinstance(application, Application):
        raise InvalidFormat(f"expected an Application, not {type(application).__name__}")
    if not isinstance(trigger, Trigger):
        raise InvalidFormat(f"expected a Trigger, not {type(trigger).__name__}")
    if not isinstance(actor, Actor):
        raise InvalidFormat(f"expected an Actor, not {type(actor).__name__}")
    if form is not None and not isinstance(form, Application):
        raise InvalidFormat(f"form must be an Application, not {type(form).__name__}")
    if channel is not None:
        require_member(channel, Channel, "channel")


def _check_time(application: Application, at: datetime.datetime) -> None:
    if not isinstance(at, datetime.datetime):
        raise InvalidFormat(f"at must be a datetime, not {type(at).__name__}")
    if application.history:
        last = application.history[-1].at
        if (last.tzinfo is None) != (at.tzinfo is None):
            raise InvalidComponent("an application's times are all naive or all timezone-aware")
        if at < last:
            raise InvalidComponent(
                f"an action at {at.isoformat()} comes before the last one ({last.isoformat()})"
            )


def _effect(step: Step, application: Application, on: datetime.date) -> Event | None:
    if step.effect is KTPElRecorded and application.subject is not None:
        return KTPElRecorded(nik=application.subject, occurred_on=on, recorded_on=on)
    if step.effect is not None:
        raise GuardFailed(
            f"{step.trigger.value} needs the subject's NIK on the application", guard="effect"
        )
    return None


def fire(
    application: Application,
    trigger: Trigger,
    *,
    actor: Actor,
    at: datetime.datetime,
    office: str,
    registry: Registry,
    service_levels: ServiceLevels | None = None,
    workflows: Mapping[str, Workflow] | None = None,
    channel: Channel | None = None,
    reason: str = "",
    event: Event | None = None,
    collector: str | None = None,
    form: Application | None = None,
) -> Application:
    """Take ``trigger`` on ``application`` and return the next version, or raise and change nothing.

    ``form`` is the corrected application on resubmission; ``event`` the register change on
    issue; ``collector`` the NIK of who receives the document. ``service_levels`` set the due
    date on (re)submission; ``workflows`` replaces the default table (an office's own policy).
    Most callers use :class:`~adminduk.workflows.Office`, which fills these in.
    """
    _check_inputs(application, trigger, actor, form, channel)
    _check_time(application, at)
    require_text(office, "office")
    require_text(reason, "reason", empty=True)
    workflow = (workflows or WORKFLOWS).get(application.document) or workflow_for(
        application.document
    )
    filed = form.form if form is not None else None
    subject = filed or application
    if trigger is Trigger.SUBMIT or trigger is Trigger.RESUBMIT:  # the form is (re)checked
        kind = document_type(subject.document)
        kind.variant(subject.variant)  # an unknown variant raises InvalidComponent
        if trigger is Trigger.SUBMIT and application.history:
            raise ForbiddenTransition(f"application {application.id} is already submitted")
        if subject.delivery not in workflow.deliveries:
            raise ForbiddenTransition(
                f"{kind.code} cannot be delivered by {subject.delivery.value}: offered are "
                + ", ".join(sorted(d.value for d in workflow.deliveries))
            )
    if collector is not None:
        collector = compact_nik(collector)
    findings: tuple[Finding, ...] = ()
    if trigger is Trigger.SEND_BACK or trigger is Trigger.VERIFY:
        findings = check(application, registry, on=at.date()).findings
    step = _step(workflow, application, trigger, actor.role)
    collector = collector if collector is not None else actor.nik
    attempt = None
    if step.guards or trigger is Trigger.ISSUE:
        attempt = Attempt(
            application=application,
            trigger=trigger,
            actor=actor,
            at=at,
            registry=registry,
            reason=reason,
            event=event,
            collector=collector,
            form=filed,
            findings=findings,
        )
        for guard in step.guards:
            guard(attempt)
    due = None
    if trigger in (Trigger.SUBMIT, Trigger.RESUBMIT) and service_levels is not None:
        due = service_levels.due(subject.document, subject.variant, at)
    if trigger is Trigger.ISSUE:
        change = event
    else:
        change = None if step.effect is None else _effect(step, application, at.date())
    if attempt is not None and trigger is Trigger.ISSUE:
        _check_change(attempt, workflow.register_changes.get(application.variant))
    elif event is not None:
        raise GuardFailed(f"{trigger.value} makes no register change", guard="register-change")
    dest = application.status if step.dest is None else step.dest
    assert dest is not None  # a draft only has the submit step
    # The last step that can fail: the register applies the change atomically or raises.
    applied = None if change is None else registry.apply(change)
    action = Action._trusted(
        trigger=trigger,
        status=dest,
        actor=actor,
        at=at,
        office=office,
        channel=channel,
        reason=reason,
        findings=findings,
        form=(application if trigger is Trigger.SUBMIT else filed),
        due=due,
        collector=collector if trigger is Trigger.COLLECT else None,
        issued=_issued(application.document) if trigger is Trigger.ISSUE else (),
        event=applied,
    )
    base = filed if filed is not None else application
    return base._with_history((*application.history, action))


def _issued(document: str) -> tuple[str, ...]:
    """The documents printed together when ``document`` is issued (a birth: the KK and KIA)."""
    kind = document_type(document)
    return (kind.code, *kind.issued_with)


def replay(history: Iterable[Action]) -> Application:
    """Rebuild an application from its history (see :meth:`Application.replay`)."""
    actions = tuple(history)
    if not actions:
        raise InvalidComponent("an application's history starts with its submission")
    application: Application | None = None
    for index, action in enumerate(actions):
        if not isinstance(action, Action):
            raise InvalidFormat(f"a history holds Actions, not {type(action).__name__}")
        if application is None:
            if action.trigger is not Trigger.SUBMIT or action.form is None:
                raise InvalidComponent("an application's history starts with its submission")
            current = action.form
        else:
            current = application
            _check_time(current, action.at)
        workflow = workflow_for(current.document)
        attempt = Attempt(
            application=current,
            trigger=action.trigger,
            actor=action.actor,
            at=action.at,
            reason=action.reason,
            findings=action.findings,
            event=action.event,
            collector=action.collector,
            form=action.form if action.trigger is Trigger.RESUBMIT else None,
        )
        try:
            step = _step(workflow, current, action.trigger, action.actor.role)
            for guard in step.guards:
                guard(attempt)
        except (ForbiddenTransition, PermissionDenied, GuardFailed) as exc:
            raise InvalidComponent(f"history step {index} is not allowed: {exc}") from None
        expected = current.status if step.dest is None else step.dest
        if action.status is not expected:
            raise InvalidComponent(
                f"history step {index} says {action.status.value}; the workflow leads to "
                f"{expected.value if expected else 'a draft'}"
            )
        if action.trigger in (Trigger.SUBMIT, Trigger.RESUBMIT) and action.form is not None:
            current = action.form
        elif action.form is not None:
            raise InvalidComponent(f"history step {index} carries a form; only filing does")
        application = current._with_history((*actions[:index], action))
    assert application is not None
    return application


def event_for(application: Application, *, on: datetime.date, **details: Any) -> Event:
    """Build the register change issuing ``application`` makes, from what it says.

    ``details`` supplies what the application does not carry (a birth's ``birth_place``, a
    moving letter's ``skpwni`` number, a marriage's ``household``) and overrides what it
    derives (``niks`` of everyone moving with the applicant). Raises
    ``InvalidComponent`` when the document makes no such change or a fact is missing.

    >>> import datetime
    >>> from adminduk.documents import Application, Channel
    >>> from adminduk.samples import SIAP_KELUARGA
    >>> app = Application(document="AKTA-MATI", variant="standard", channel=Channel.WEBSITE,
    ...                   subject=SIAP_KELUARGA.head, event_date=datetime.date(2026, 1, 3))
    >>> type(event_for(app, on=datetime.date(2026, 1, 10))).__name__
    'Death'
    """
    code = application.document
    dates: dict[str, Any] = {"occurred_on": application.event_date or on, "recorded_on": on}
    try:
        if code == "AKTA-LAHIR":
            return Birth(
                **{
                    "name": _given(application.child_name, "child_name"),
                    "sex": _given(application.child_sex, "child_sex"),
                    "mother": application.subject,
                    "father": application.partner,
                    **dates,
                    **details,
                }
            )
        subject = _given(application.subject, "subject")
        if code == "AKTA-MATI":
            return Death(**{"nik": subject, **dates, **details})
        if code in ("AKTA-KAWIN", "AKTA-CERAI"):
            kind: type[Marriage | Divorce] = Marriage if code == "AKTA-KAWIN" else Divorce
            partner = _given(application.partner, "partner")
            return kind(**{"husband": subject, "wife": partner, **dates, **details})
        if code == "SKPWNI" and application.variant == "departure":
            destination = _given(application.destination, "destination")
            moving: dict[str, Any] = {"niks": (subject,), "destination": destination}
            return MoveOut(**{**moving, "occurred_on": on, "recorded_on": on, **details})
    except TypeError as exc:
        raise InvalidComponent(f"cannot build the register change of {code}: {exc}") from None
    raise InvalidComponent(
        f"build the register change of {code} ({application.variant}) yourself: it depends on "
        "facts the application does not carry"
    )


_V = TypeVar("_V")


def _given(value: _V | None, name: str) -> _V:
    if value is None:
        raise InvalidComponent(f"the application does not give {name}")
    return value
