"""Firing actions: a form is filed, then each action takes an application to its next version.

:func:`submit` files a :class:`~adminduk.documents.Form` as a new
:class:`~adminduk.applications.Application`; :func:`fire` takes any later action. Both look the
action up in the document's workflow (the shared machine's table), check the actor's role, the
delivery path and every guard, apply the register change if the step makes one, and return a new
application with the action appended. If anything refuses, they raise and change nothing:
applications are immutable, and the register applies a change atomically or not at all.
:func:`replay` rebuilds an application from its history.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable, Iterable, Mapping

from adminduk import regions
from adminduk._fields import (
    compact_nik,
    positional_builder,
    replaced,
    require_member,
    require_text,
    trusted,
)
from adminduk._privacy import mask
from adminduk.applications import (
    Action,
    Actor,
    Application,
    Role,
    Status,
    Trigger,
    require_application_id,
)
from adminduk.documents import (
    Channel,
    Delivery,
    DocumentCode,
    Finding,
    Form,
    RegisterChange,
    ServiceLevels,
    check,
    document_type,
)
from adminduk.documents.issuing import Numbering, issued_records
from adminduk.errors import (
    AdmindukError,
    ForbiddenTransition,
    GuardFailed,
    InvalidComponent,
    InvalidFormat,
    PermissionDenied,
)
from adminduk.register import Registry
from adminduk.register.events import (
    Birth,
    Death,
    Divorce,
    DocumentIssued,
    DocumentWithdrawn,
    Event,
    Marriage,
    involved,
)
from adminduk.register.view import RegisterView
from adminduk.workflows.definitions import WORKFLOWS, Step, Workflow, workflow_for
from adminduk.workflows.guards import Attempt

__all__ = ["extend", "fire", "involved", "replay", "submit"]


def _check_change(attempt: Attempt, change: RegisterChange | None) -> None:
    """Refuse a register change that is missing, of the wrong kind, or about someone else."""
    form = attempt.form
    event = attempt.event
    if event is None:
        if change is not None and change.required:
            kinds = " or ".join(kind.__name__ for kind in change.events)
            raise GuardFailed(
                f"issuing {form.document} ({form.variant}) records a {kinds} "
                "in the register: pass it as event",
                guard="register-change",
            )
        return
    if change is None or not isinstance(event, change.events):
        raise GuardFailed(
            f"issuing {form.document} ({form.variant}) makes no "
            f"{type(event).__name__} register change",
            guard="register-change",
        )
    names = involved(event)
    if isinstance(event, DocumentWithdrawn) and attempt.registry is not None:
        printed = attempt.registry.printings(event.document, event.number)
        names = frozenset(printed[-1].holders) if printed else frozenset()
    named = [form.subject]
    if isinstance(event, Marriage | Divorce):
        named.append(form.partner)
    for who in named:
        if who is not None and who not in names:
            raise GuardFailed(
                f"the {type(event).__name__} does not concern {mask(who)}, named on the "
                "application",
                guard="register-change",
            )
    dated = isinstance(event, Birth | Death | Marriage | Divorce)
    if dated and form.event_date not in (None, event.occurred_on):
        raise GuardFailed(
            f"the {type(event).__name__} happened on {event.occurred_on}, the application "
            f"says {form.event_date}",
            guard="register-change",
        )
    if event.recorded_on > attempt.on:
        raise GuardFailed(
            f"the register change is recorded on {event.recorded_on}, after the action "
            f"({attempt.on})",
            guard="register-change",
        )


def _step(
    workflow: Workflow,
    *,
    source: Status | None,
    delivery: Delivery,
    trigger: Trigger,
    role: Role,
    ident: str,
) -> Step:
    found = workflow.step_for(trigger, source, delivery, role)
    if found is not None:
        return found
    # Refused: say why, from the candidates (none, none on this path, or not this role's).
    candidates = workflow.candidates(trigger, source)
    state = "a draft" if source is None else source.value
    if not candidates:
        possible = ", ".join(t.value for t in workflow.triggers(source, delivery))
        raise ForbiddenTransition(
            f"cannot {trigger.value} application {ident or '(draft)'}: it is "
            f"{state}; possible now: {possible or 'nothing (final)'}"
        )
    on_path = [step for step in candidates if delivery in step.deliveries]
    if not on_path:
        possible = ", ".join(t.value for t in workflow.triggers(source, delivery))
        raise ForbiddenTransition(
            f"cannot {trigger.value} application {ident} ({state}) on the "
            f"{delivery.value} delivery path; possible now: {possible or 'nothing'}"
        )
    allowed = [step for step in on_path if role in step.roles]
    if not allowed:
        roles = sorted({role.value for step in on_path for role in step.roles})
        raise PermissionDenied(
            f"a {role.value.replace('_', ' ')} may not {trigger.value} application "
            f"{ident}; allowed: {', '.join(roles)}"
        )
    return allowed[0]  # pragma: no cover - step_for holds every allowed step


def _check_inputs(trigger: object, actor: object, form: object, channel: object) -> None:
    """Refuse arguments of the wrong types before anything else is looked at."""
    if not isinstance(trigger, Trigger):
        raise InvalidFormat(f"expected a Trigger, not {type(trigger).__name__}")
    if not isinstance(actor, Actor):
        raise InvalidFormat(f"expected an Actor, not {type(actor).__name__}")
    if form is not None and not isinstance(form, Form):
        raise InvalidFormat(f"form must be a Form, not {type(form).__name__}")
    if channel is not None:
        require_member(channel, Channel, "channel")


def _check_time(history: tuple[Action, ...], at: datetime.datetime) -> None:
    if not isinstance(at, datetime.datetime):
        raise InvalidFormat(f"at must be a datetime, not {type(at).__name__}")
    if history:
        last = history[-1].at
        if (last.tzinfo is None) != (at.tzinfo is None):
            raise InvalidComponent("an application's times are all naive or all timezone-aware")
        if at < last:
            raise InvalidComponent(
                f"an action at {at.isoformat()} comes before the last one ({last.isoformat()})"
            )


def _apply(
    registry: Registry,
    step: Step,
    form: Form,
    event: Event | None,
    *,
    at: datetime.datetime,
    office: str,
    numbering: Numbering | None,
) -> tuple[Event, ...]:
    """Apply the step's register changes; on issue with the records of what is printed.

    The records are built from the register as the changes leave it, in the same transaction.
    """
    issuing = step.trigger is Trigger.ISSUE
    if not issuing and step.effect is None:
        return ()  # most steps change nothing in the register
    on = _day(at)
    changes: list[Event] = [event] if event is not None and issuing else []
    if step.effect is not None:
        changes.append(step.effect(form, on))
    if not issuing:
        return registry.apply_all(changes) if changes else ()

    def then(view: RegisterView, applied: tuple[Event, ...]) -> list[Event]:
        records = issued_records(form, view, applied, on=on, office=office, numbering=numbering)
        return [DocumentIssued(occurred_on=on, recorded_on=on, record=r) for r in records]

    return registry.apply_all(changes, then=then)


@functools.lru_cache(maxsize=1024)
def _is_district(code: str) -> bool:
    """Whether ``code`` is a district's region code (an office sees the same few, many times)."""
    try:
        return regions.get(code).level is regions.RegionLevel.DISTRICT
    except AdmindukError:
        return False


def _district_office(code: str) -> None:
    """Refuse an arrival whose office is not a district's region code (PP.KK.DD)."""
    if not _is_district(code):
        raise InvalidComponent(
            f"a document arrives at a district office: {code[:16]!r} is not a district code"
        )


def submit(
    form: Form,
    *,
    id: str,  # noqa: A002 - the application's id, as on Application
    actor: Actor,
    at: datetime.datetime,
    office: str,
    registry: Registry,
    service_levels: ServiceLevels | None = None,
    workflows: Mapping[DocumentCode, Workflow] | None = None,
    channel: Channel | None = None,
) -> Application:
    """File ``form`` as application ``id``, or raise and change nothing.

    ``service_levels`` set the due date; ``workflows`` replaces the default table (an office's
    own policy). Most callers use :meth:`adminduk.workflows.Office.submit`, which numbers the
    file and fills these in.
    """
    if not isinstance(form, Form):
        raise InvalidFormat(f"expected a Form, not {type(form).__name__}")
    require_application_id(id)
    if form.reported_on is None and isinstance(at, datetime.datetime):
        form = replaced(form, reported_on=_day(at))  # the day the resident reported
    return _advance(
        id,
        form,
        (),
        Trigger.SUBMIT,
        actor=actor,
        at=at,
        office=office,
        registry=registry,
        service_levels=service_levels,
        workflows=workflows,
        channel=channel,
        filed=form,
    )


def fire(
    application: Application,
    trigger: Trigger,
    *,
    actor: Actor,
    at: datetime.datetime,
    office: str,
    registry: Registry,
    service_levels: ServiceLevels | None = None,
    workflows: Mapping[DocumentCode, Workflow] | None = None,
    channel: Channel | None = None,
    reason: str = "",
    event: Event | None = None,
    collector: str | None = None,
    form: Form | None = None,
    numbering: Numbering | None = None,
) -> Application:
    """Take ``trigger`` on ``application`` and return the next version, or raise and change nothing.

    ``form`` is the corrected form on resubmission, or on verification and sending back the form
    as the officer's review leaves it (what they attested, their verdicts on the files);
    ``event`` the register change on issue;
    ``collector`` the NIK of who receives the document; ``numbering`` the office's document
    numbers (default :meth:`Numbering.default`). ``service_levels`` set the due date on
    resubmission; ``workflows`` replaces the default table (an office's own policy). Most
    callers use :class:`~adminduk.workflows.Office`, which fills these in.
    """
    if not isinstance(application, Application):
        raise InvalidFormat(f"expected an Application, not {type(application).__name__}")
    if trigger is Trigger.SUBMIT:
        raise ForbiddenTransition(f"application {application.id} is already submitted")
    return _advance(
        application.id,
        application.form,
        application.history,
        trigger,
        actor=actor,
        at=at,
        office=office,
        registry=registry,
        service_levels=service_levels,
        workflows=workflows,
        channel=channel,
        reason=reason,
        event=event,
        collector=collector,
        filed=form,
        numbering=numbering,
    )


def _advance(
    ident: str,
    current: Form,
    history: tuple[Action, ...],
    trigger: Trigger,
    *,
    actor: Actor,
    at: datetime.datetime,
    office: str,
    registry: Registry,
    service_levels: ServiceLevels | None,
    workflows: Mapping[DocumentCode, Workflow] | None,
    channel: Channel | None,
    reason: str = "",
    event: Event | None = None,
    collector: str | None = None,
    filed: Form | None = None,
    numbering: Numbering | None = None,
) -> Application:
    """The one path of every action: ``filed`` is the form a submission or resubmission files."""
    _check_inputs(trigger, actor, filed, channel)
    _check_time(history, at)
    if trigger is Trigger.RESUBMIT and filed is None:
        filed = current  # filed again as it was
    elif trigger is Trigger.RESUBMIT and filed is not None and filed.reported_on is None:
        filed = replaced(filed, reported_on=current.reported_on)  # the first report counts
    require_text(office, "office")
    if trigger is Trigger.ARRIVE:
        _district_office(office)
    require_text(reason, "reason", empty=True)
    workflow = (workflows or WORKFLOWS).get(current.document) or workflow_for(current.document)
    filing = trigger is Trigger.SUBMIT or trigger is Trigger.RESUBMIT
    if filing:  # the form is (re)checked
        subject = filed or current
        kind = document_type(subject.document)  # a Form's code and variant are checked when made
        if subject.delivery not in workflow.deliveries:
            raise ForbiddenTransition(
                f"{kind.code} cannot be delivered by {subject.delivery.value}: offered are "
                + ", ".join(sorted(d.value for d in workflow.deliveries))
            )
    elif filed is not None and trigger not in _REVIEWS:
        raise InvalidComponent(f"only filing and review carry a form, not {trigger.value}")
    if collector is not None:
        collector = compact_nik(collector)
    findings: tuple[Finding, ...] = ()
    if trigger in _REVIEWS:
        findings = check(filed or current, registry, on=at.date()).findings
    source = history[-1].status if history else None
    step = _step(
        workflow,
        source=source,
        delivery=current.delivery,
        trigger=trigger,
        role=actor.role,
        ident=ident,
    )
    collector = collector if collector is not None else actor.nik
    attempt = None
    if step.guards or trigger is Trigger.ISSUE:
        attempt = _new_attempt(
            current,
            trigger,
            actor,
            at,
            registry,
            reason,
            event,
            collector,
            filed if trigger is not Trigger.SUBMIT else None,
            findings,
            history[0].actor.nik if history else actor.nik,
            _holders(history) if trigger is Trigger.COLLECT else frozenset(),
            history[0].actor if history else actor,
        )
        for guard in step.guards:
            guard(attempt)
    due = None
    if filing and service_levels is not None:
        assert filed is not None  # filing always carries its form
        due = service_levels.due(filed.document, filed.variant, at)
    if attempt is not None and trigger is Trigger.ISSUE:
        _check_change(
            attempt, document_type(current.document).register_changes.get(current.variant)
        )
    elif event is not None:
        raise GuardFailed(f"{trigger.value} makes no register change", guard="register-change")
    dest = source if step.dest is None else step.dest
    assert dest is not None  # a draft only has the submit step
    # The last step that can fail: the register applies the changes atomically or raises.
    applied = _apply(registry, step, current, event, at=at, office=office, numbering=numbering)
    action = _new_action(
        trigger,
        dest,
        actor,
        at,
        office,
        channel,
        reason,
        findings,
        filed,
        due,
        applied,
        collector if trigger is Trigger.COLLECT else None,
        _issued(applied) if trigger is Trigger.ISSUE else (),
    )
    return _new_application(ident, filed if filed is not None else current, (*history, action))


#: Actions and applications from values this module checked, in field order (an action's
#: fields: trigger, status, actor, at, office, channel, reason, findings, form, due, events,
#: collector, issued); tests/workflows pin what they build to the checked constructors.
_new_action: Callable[..., Action] = positional_builder(Action)
#: An attempt's fields: form, trigger, actor, at, registry, reason, event, collector,
#: corrected, findings, filer, holders, requester (Attempt checks none of them itself).
_new_attempt: Callable[..., Attempt] = positional_builder(Attempt)
_new_application: Callable[..., Application] = positional_builder(Application)


#: The actions that review a form (and may carry it back, with the office's attestations).
_REVIEWS = frozenset({Trigger.VERIFY, Trigger.SEND_BACK})


def _holders(history: tuple[Action, ...]) -> frozenset[str]:
    """The holders of every document the application printed (its issue's records)."""
    return frozenset(
        holder
        for action in history
        if action.trigger is Trigger.ISSUE
        for event in action.events
        if isinstance(event, DocumentIssued)
        for holder in event.record.holders
    )


def _issued(applied: tuple[Event, ...]) -> tuple[str, ...]:
    """The codes of the documents printed together (a birth: the certificate, KK and KIA)."""
    codes = tuple(
        dict.fromkeys(e.record.document for e in applied if isinstance(e, DocumentIssued))
    )
    # One tuple per combination (a handful: a birth prints three documents together), shared by
    # every action that printed it: an office holding 100,000 applications keeps a few.
    return _ISSUED_CODES.setdefault(codes, codes)


_ISSUED_CODES: dict[tuple[str, ...], tuple[str, ...]] = {}
#: One date object per day for the dates the engine derives from an action's time (the day a
#: resident reported, the day records are issued): applications of one day share it.
_DAYS: dict[datetime.date, datetime.date] = {}
_DAYS_KEPT = 10_000


def _day(at: datetime.datetime) -> datetime.date:
    day = at.date()
    if len(_DAYS) >= _DAYS_KEPT:
        _DAYS.clear()
    return _DAYS.setdefault(day, day)


def replay(history: Iterable[Action], *, id: str) -> Application:  # noqa: A002
    """Rebuild application ``id`` from its history, refusing one no workflow allows.

    Each action must be possible from the status before it, for its role and on the form's
    delivery path; times must not go backwards. The result equals the application that made the
    history.
    """
    require_application_id(id)
    actions = tuple(history)
    if not actions:
        raise InvalidComponent("an application's history starts with its submission")
    application: Application | None = None
    for action in actions:
        application = extend(application, action, id=id)
    assert application is not None
    return application


def extend(
    application: Application | None,
    action: Action,
    *,
    id: str,  # noqa: A002 - the application's id, as on Application
) -> Application:
    """``application`` (``None``: a new one) with ``action`` appended, if its workflow allows it.

    The checks :func:`replay` makes, for one more action: possible from the status before it,
    for its role and on the form's delivery path, not before the last action. A store reading
    actions back one by one checks each so, without replaying the whole history every time.
    """
    if not isinstance(action, Action):
        raise InvalidFormat(f"a history holds Actions, not {type(action).__name__}")
    history: tuple[Action, ...] = () if application is None else application.history
    index = len(history)
    if application is None:
        if action.trigger is not Trigger.SUBMIT or action.form is None:
            raise InvalidComponent("an application's history starts with its submission")
        current = action.form
    else:
        if application.id != id:
            raise InvalidComponent(f"an action of {id} cannot extend application {application.id}")
        current = application.form
        _check_time(history, action.at)
    if action.trigger is Trigger.ARRIVE:
        _district_office(action.office)
    attempt = Attempt(
        form=current,
        trigger=action.trigger,
        actor=action.actor,
        at=action.at,
        reason=action.reason,
        findings=action.findings,
        event=next(iter(action.events), None),
        collector=action.collector,
        corrected=action.form if action.trigger is not Trigger.SUBMIT else None,
        filer=(history[0] if history else action).actor.nik,
        requester=(history[0] if history else action).actor,
    )
    source = history[-1].status if history else None
    try:
        step = _step(
            workflow_for(current.document),
            source=source,
            delivery=current.delivery,
            trigger=action.trigger,
            role=action.actor.role,
            ident=id,
        )
        for guard in step.guards:
            guard(attempt)
    except (ForbiddenTransition, PermissionDenied, GuardFailed) as exc:
        raise InvalidComponent(f"history step {index} is not allowed: {exc}") from None
    expected = source if step.dest is None else step.dest
    if action.status is not expected:
        raise InvalidComponent(
            f"history step {index} says {action.status.value}; the workflow leads to "
            f"{expected.value if expected else 'a draft'}"
        )
    if action.form is not None:  # filed again, or reviewed
        current = action.form
    return trusted(Application, id=id, form=current, history=(*history, action))
