"""An office: its register, its service levels, its staff, and the applications it holds.

Every action is a typed method (``office.verify(...)``), so a misspelt action is a type error,
not a string that fails at run time. Each method takes the application (or its id), an actor and
the time, and returns the new version of the application, which the office keeps; on any refusal
it raises a :class:`~adminduk.errors.WorkflowError` (or the register's error) and nothing changes.

>>> import datetime
>>> from adminduk import Registry
>>> from adminduk.documents import Channel, Evidence, Form
>>> from adminduk.samples import SIAP_KELUARGA, family_event
>>> office = Office("18.08", Registry.replay([family_event()]))
>>> at = datetime.datetime(2026, 3, 2, 9, 0)
>>> operator = Actor(id="FO-01", role=Role.FRONT_OFFICE)
>>> registrar = Actor(id="REG-01", role=Role.REGISTRAR)
>>> app = office.submit(
...     Form(document="KK", variant="lost", channel=Channel.WHATSAPP,
...                 subject=SIAP_KELUARGA.head,
...                 evidence={Evidence.POLICE_LETTER, Evidence.FORM_F102, Evidence.KTP_EL}),
...     actor=Actor.resident(SIAP_KELUARGA.head), at=at)
>>> app.id, app.status
('18.08/000001', <Status.SUBMITTED: 'submitted'>)
>>> app = office.verify(app, actor=operator, at=at.replace(hour=10))
>>> app = office.issue(app, actor=registrar, at=at.replace(hour=11))
>>> app = office.collect(app, actor=operator, at=at.replace(hour=14),
...                      collector=SIAP_KELUARGA.wife)
>>> [action.trigger.value for action in app.history]
['submit', 'verify', 'issue', 'collect']
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterable, Mapping
from typing import TypeVar

import attrs

from adminduk import regions
from adminduk._fields import replaced
from adminduk.applications import Actor, Application, Role, Status, Trigger
from adminduk.documents import (
    Attachment,
    Channel,
    Delivery,
    DocumentCode,
    Evidence,
    Form,
    FormDescription,
    Review,
    ServiceLevels,
    describe,
)
from adminduk.documents.issuing import Numbering
from adminduk.errors import (
    DuplicateRecord,
    ForbiddenTransition,
    InvalidComponent,
    InvalidFormat,
    PermissionDenied,
    StaleApplication,
)
from adminduk.matching import Candidate
from adminduk.register import Registry
from adminduk.register.events import Event
from adminduk.workflows._holdings import Holdings
from adminduk.workflows.changes import Change, Recorder
from adminduk.workflows.definitions import WORKFLOWS, Workflow, workflow_for
from adminduk.workflows.duplicates import judge_duplicates, likely_duplicates_of
from adminduk.workflows.engine import _advance, submit

__all__ = ["Office"]

#: Roles that act for the office and must be on its staff list (when it has one).
_STAFF_ROLES = frozenset(Role) - {Role.RESIDENT, Role.SYSTEM}

_R = TypeVar("_R")


class Office(Holdings):
    """A regency office (Disdukcapil): register, service levels, staff and applications.

    ``code`` is the office's region code (Way Kanan: ``"18.08"``). ``staff``, when given, lists
    every officer who may act; anyone else acting for the office is refused. ``workflows``
    replaces the default workflow of some document types, ``numbering`` the default patterns of
    document numbers (office policy).

    Threads may share an office: every operation holds :attr:`lock` (a re-entrant lock), so
    operations run one at a time and each sees the last one's result. Change the register
    through the office (:meth:`apply`) or while holding :attr:`lock`. With a recorder (a
    durable store, :func:`adminduk.store.open_office`) every operation is also one transaction
    of the store, and returns only once it is durable.
    """

    def __init__(
        self,
        code: str,
        registry: Registry,
        *,
        name: str = "",
        service_levels: ServiceLevels | None = None,
        staff: Iterable[Actor] = (),
        workflows: Mapping[DocumentCode, Workflow] | None = None,
        numbering: Numbering | None = None,
        check_duplicates: bool = False,
    ) -> None:
        if not isinstance(registry, Registry):
            raise InvalidFormat(f"an office needs a Registry, not {type(registry).__name__}")
        self.code = code
        self.name = name
        self.registry = registry
        self.service_levels = service_levels or ServiceLevels.default()
        self.staff: tuple[Actor, ...] = tuple(staff)
        self.workflows: Mapping[DocumentCode, Workflow] = {**WORKFLOWS, **(workflows or {})}
        self.numbering = numbering or Numbering.default()
        #: Whether a birth is compared with the register before it is verified (duplicates).
        self.check_duplicates = check_duplicates
        self._staff_ids = {(actor.id, actor.role) for actor in self.staff}
        self._applications: dict[str, Application] = {}
        self._serial = 0
        #: Held by every operation: threads sharing one office take turns (see ``lock``).
        self._lock = threading.RLock()
        self._recorder: Recorder | None = None
        self._journal_length = registry.journal_length
        self._held: tuple[int, set[Event]] | None = None

    def __repr__(self) -> str:
        return f"Office({self.code!r}, {len(self._applications)} applications)"

    def set_staff(self, staff: Iterable[Actor]) -> None:
        """Replace the staff list (a hire, a departure); later actions are checked against it.

        An empty list lifts the check, as an office made without one. Past actions keep the
        officers who took them.

        >>> from adminduk import Registry
        >>> office = Office("18.08", Registry(area="18.08"))
        >>> office.set_staff([Actor(id="FO-02", role=Role.FRONT_OFFICE)])
        >>> [actor.id for actor in office.staff_in(Role.FRONT_OFFICE)]
        ['FO-02']
        """
        actors = tuple(staff)
        for actor in actors:
            if not isinstance(actor, Actor):
                raise InvalidFormat(f"expected an Actor, not {type(actor).__name__}")
        with self._lock:
            self.staff = actors
            self._staff_ids = {(actor.id, actor.role) for actor in actors}

    def staff_in(self, role: Role) -> tuple[Actor, ...]:
        """The staff with ``role``."""
        return tuple(actor for actor in self.staff if actor.role is role)

    # --- actions ---------------------------------------------------------------------------

    def submit(
        self,
        form: Form,
        *,
        actor: Actor,
        at: datetime.datetime,
        channel: Channel | None = None,
        id: str | None = None,  # noqa: A002 - the application's id, as on Application
    ) -> Application:
        """File ``form`` as a new application; the office numbers it unless ``id`` is given.

        Numbers run consecutively over accepted applications: a refused filing uses none up.
        """
        if not isinstance(form, Form):
            raise InvalidFormat(f"expected a Form, not {type(form).__name__}")

        return self._operate(
            lambda: self._submit(form, actor=actor, at=at, channel=channel, id=id), _last_action
        )

    def _submit(
        self,
        form: Form,
        *,
        actor: Actor,
        at: datetime.datetime,
        channel: Channel | None,
        id: str | None,  # noqa: A002 - the application's id, as on Application
    ) -> Application:
        if form.reprint_of is not None:
            original = self.get(form.reprint_of)
            if original.status is not Status.COLLECTED or original.form.document != form.document:
                raise ForbiddenTransition(
                    f"a reprint replaces a collected {form.document}; {original.id} is not one"
                )
        serial = self._serial
        number = id
        if number is None:
            serial, number = self._next_id()
        else:  # numbering continues after the highest number in use, as on reopening
            serial = max(serial, self._serial_of(number))
        if number in self._applications:
            raise DuplicateRecord(f"application {number!r} is already at {self.code}")
        self._check_actor(actor)
        if form.delivery is Delivery.POST and form.district_office is None:
            form = self._with_district_office(form)
        filed = submit(
            form,
            id=number,
            actor=actor,
            at=at,
            office=self.code,
            registry=self.registry,
            service_levels=self.service_levels,
            workflows=self.workflows,
            channel=channel or form.channel,
        )
        self._serial = serial
        self._applications[filed.id] = filed
        return filed

    def record_biometrics(
        self, application: Application | str, *, actor: Actor, at: datetime.datetime
    ) -> Application:
        """Record the subject's KTP-el biometrics (at the office or at home): a register change."""
        return self._fire(application, Trigger.RECORD_BIOMETRICS, actor, at)

    def verify(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        attest: Iterable[Evidence] = (),
        reviews: Mapping[str, Review] | None = None,
        reason: str = "",
    ) -> Application:
        """Mark the application complete; refused with the findings if the checker finds any.

        ``attest`` adds what the officer attests (originals seen, a decision on a late report:
        the office's kinds of evidence); ``reviews`` gives their verdict on attached files, by
        digest. The application's form then carries both, and the checker reads it so. An office
        that checks duplicates refuses a birth whose likely duplicates no officer judged
        (:mod:`adminduk.workflows.duplicates`); ``reason`` says why, in the history.
        """
        with self._lock:  # the register is read whole: no other thread changes it meanwhile
            current = self._current(application)
            reviewed = self._reviewed(current, actor, attest, reviews)
            if self.check_duplicates:
                judge_duplicates(reviewed or current.form, self.registry)
            return self._fire(current, Trigger.VERIFY, actor, at, form=reviewed, reason=reason)

    def likely_duplicates(self, application: Application | str) -> tuple[Candidate, ...]:
        """Residents who may be the person the application would register: for the officer."""
        with self._lock:
            return likely_duplicates_of(self._current(application).form, self.registry)

    def approve(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        reason: str = "",
    ) -> Application:
        """Approve a verified correction: an official other than the one who asked for it."""
        return self._fire(application, Trigger.APPROVE, actor, at, reason=reason)

    def send_back(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        reason: str = "",
        attest: Iterable[Evidence] = (),
        reviews: Mapping[str, Review] | None = None,
    ) -> Application:
        """Return the application to the resident with the checker's findings (and ``reason``).

        ``reviews`` refuses (or accepts) attached files by digest, each with the reason the
        resident reads: a refused file is a finding of the return, with what would do instead.
        """
        current = self._current(application)
        reviewed = self._reviewed(current, actor, attest, reviews)
        return self._fire(current, Trigger.SEND_BACK, actor, at, reason=reason, form=reviewed)

    def _reviewed(
        self,
        current: Application,
        actor: Actor,
        attest: Iterable[Evidence],
        reviews: Mapping[str, Review] | None,
    ) -> Form | None:
        """The form with what ``actor`` attests and their verdicts on files (``None``: no change)."""
        kinds = frozenset(attest)
        verdicts = dict(reviews or {})
        if not kinds and not verdicts:
            return None
        form = current.form
        files = {item.sha256: item for item in form.attachments}
        for digest, review in verdicts.items():
            if digest not in files:
                raise InvalidComponent(
                    f"application {current.id} has no attached file {str(digest)[:16]!r}..."
                )
            if not isinstance(review, Review):
                raise InvalidFormat(f"a verdict is a Review, not {type(review).__name__}")
            if review.by != actor.id:
                raise PermissionDenied(f"{actor.id} gives their own verdicts, not {review.by}'s")
        judged = tuple(
            item.reviewed(verdicts[item.sha256]) if item.sha256 in verdicts else item
            for item in form.attachments
        )
        return attrs.evolve(form, attested=form.attested | kinds, attachments=judged)

    def describe(self, document: DocumentCode, variant: str) -> FormDescription:
        """The form of ``document`` (``variant``) as this office offers it (its deliveries)."""
        workflow = self.workflows.get(document) or workflow_for(document)
        return describe(document, variant, deliveries=workflow.deliveries)

    def resubmit(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        evidence: Iterable[Evidence] = (),
        form: Form | None = None,
        channel: Channel | None = None,
        attachments: Iterable[Attachment] = (),
    ) -> Application:
        """File a returned application again, with more ``evidence`` or files, or a new ``form``."""
        current = self._current(application)
        corrected = (form or current.form).with_evidence(*evidence)
        files = tuple(attachments)
        if files:
            corrected = corrected.with_attachments(*files)
        return self._fire(
            current,
            Trigger.RESUBMIT,
            actor,
            at,
            form=corrected,
            channel=channel or current.form.channel,
        )

    def reject(
        self, application: Application | str, *, actor: Actor, at: datetime.datetime, reason: str
    ) -> Application:
        """Refuse the application for good, with a reason."""
        return self._fire(application, Trigger.REJECT, actor, at, reason=reason)

    def cancel(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        reason: str = "",
    ) -> Application:
        """Withdraw the application at the resident's request."""
        return self._fire(application, Trigger.CANCEL, actor, at, reason=reason)

    def issue(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        event: Event | None = None,
    ) -> Application:
        """Sign and print the document, applying its register change ``event`` atomically."""
        return self._fire(application, Trigger.ISSUE, actor, at, event=event)

    def ship(
        self, application: Application | str, *, actor: Actor, at: datetime.datetime
    ) -> Application:
        """Send the document: a post batch to the district office, or digitally."""
        return self._fire(application, Trigger.SHIP, actor, at)

    def arrive(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        district: str | None = None,
    ) -> Application:
        """Record that the posted document reached the district office, ready to collect.

        ``district`` is the district office's region code (``"18.08.01"``); by default the
        district of the subject's (else the applicant's) address in the register. The arrival
        action carries that code as its ``office``, so the resident can be told where the
        document waits and since when (:func:`adminduk.workflows.waiting_at`).
        """
        current = self._current(application)
        code = self.district_of(current) if district is None else regions.normalize(district)
        if not code.startswith(regions.normalize(self.code) + "."):
            raise InvalidComponent(
                f"district office {code[:16]!r} is not in the area of office {self.code}"
            )
        return self._fire(current, Trigger.ARRIVE, actor, at, office=code)

    def _with_district_office(self, form: Form) -> Form:
        """``form`` naming the district office of where its subject (else applicant) lives now.

        DOMAIN.md: a posted document goes to the district office of where the resident lives;
        the NIK keeps the district it was first issued in, which a move does not change.
        """
        for number in (form.subject, form.applicant):
            family = self.registry.find_family(self.registry.family_number_of(number))
            if family is not None:
                return replaced(form, district_office=family.address.district_code)
        return form

    def district_of(self, application: Application) -> str:
        """The district (kecamatan) office where the application's document is collected.

        The one the form names (filled in on filing for a posted document: where the subject
        lived then); else the district of the address of the subject's (else applicant's) family
        in the register; for people no longer on a family card here, the district their NIK was
        issued in, when that is in the office's area. Refused when none is found: name the
        district office explicitly.
        """
        form = application.form
        if form.district_office is not None:
            return form.district_office
        people = [n for n in (form.subject, form.applicant, application.history[0].actor.nik) if n]
        for number in people:
            family = self.registry.find_family(self.registry.family_number_of(number))
            if family is not None:
                return family.address.district_code
        for number in people:
            code = f"{number[0:2]}.{number[2:4]}.{number[4:6]}"
            if code.startswith(self.code + ".") and number[:6] in regions.known_district_codes():
                return code
        raise InvalidComponent(
            f"application {application.id} names nobody with an address in the register: "
            "give the district office's code"
        )

    def collect(
        self,
        application: Application | str,
        *,
        actor: Actor,
        at: datetime.datetime,
        collector: str | None = None,
    ) -> Application:
        """Hand the document over to ``collector`` (a NIK; a resident actor collects themselves)."""
        current = self._current(application)
        office = None
        if current.status is Status.ARRIVED:  # handed over where it arrived
            office = current.history[-1].office
        return self._fire(current, Trigger.COLLECT, actor, at, collector=collector, office=office)

    def reprint(
        self,
        original: Application | str,
        *,
        variant: str,
        actor: Actor,
        at: datetime.datetime,
        evidence: Iterable[Evidence] = (),
        channel: Channel | None = None,
        delivery: Delivery | None = None,
    ) -> Application:
        """File a new application replacing the lost or damaged document of ``original``."""
        first = self._current(original)
        filed = first.form
        draft = Form(
            document=filed.document,
            variant=variant,
            channel=channel or filed.channel,
            subject=filed.subject,
            partner=filed.partner,
            applicant=filed.applicant,
            evidence=frozenset(evidence),
            delivery=delivery or filed.delivery,
            reprint_of=first.id,
        )
        return self.submit(draft, actor=actor, at=at)

    # --- plumbing --------------------------------------------------------------------------

    def _next_id(self) -> tuple[int, str]:
        """The next free serial and its number, without using it up."""
        serial = self._serial
        while True:
            serial += 1
            number = f"{self.code}/{serial:06d}"
            if number not in self._applications:
                return serial, number

    def _current(self, application: Application | str) -> Application:
        if isinstance(application, str):
            return self.get(application)
        if not isinstance(application, Application):
            raise InvalidFormat(
                f"expected an Application or its id, not {type(application).__name__}"
            )
        current = self.get(application.id)
        if current is not application and current.history != application.history:
            raise StaleApplication(
                f"application {application.id} has changed: it is {current.status.value} now"
            )
        return current

    def _check_actor(self, actor: Actor) -> None:
        """Refuse an actor who is not an Actor, or who acts for the office off its staff list."""
        if not isinstance(actor, Actor):
            raise InvalidFormat(f"expected an Actor, not {type(actor).__name__}")
        if (
            self.staff
            and actor.role in _STAFF_ROLES
            and (actor.id, actor.role) not in self._staff_ids
        ):
            raise PermissionDenied(
                f"{actor.id} is not on the staff of {self.code} as {actor.role.value}"
            )

    def _fire(
        self,
        application: Application | str,
        trigger: Trigger,
        actor: Actor,
        at: datetime.datetime,
        *,
        channel: Channel | None = None,
        reason: str = "",
        event: Event | None = None,
        collector: str | None = None,
        form: Form | None = None,
        office: str | None = None,
    ) -> Application:
        def operation() -> Application:
            return self._fire_now(
                self._current(application),
                trigger,
                actor,
                at,
                channel=channel,
                reason=reason,
                event=event,
                collector=collector,
                form=form,
                office=office,
            )

        return self._operate(operation, _last_action)

    def _fire_now(
        self,
        application: Application,
        trigger: Trigger,
        actor: Actor,
        at: datetime.datetime,
        *,
        channel: Channel | None,
        reason: str,
        event: Event | None,
        collector: str | None,
        form: Form | None,
        office: str | None,
    ) -> Application:
        self._check_actor(actor)
        # engine.fire's own checks hold here (a current Application; submit has its own path).
        updated = _advance(
            application.id,
            application.form,
            application.history,
            trigger,
            actor=actor,
            at=at,
            office=self.code if office is None else office,
            registry=self.registry,
            service_levels=self.service_levels,
            workflows=self.workflows,
            channel=channel,
            reason=reason,
            event=event,
            collector=collector,
            filed=form,
            numbering=self.numbering,
        )
        self._applications[updated.id] = updated
        return updated


def _last_action(application: Application) -> list[Change]:
    """What an action changed: the application's last action."""
    return [Change.of_action(application.id, application.history[-1])]
