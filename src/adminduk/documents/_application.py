"""Applications and their history: what was asked for, and every action taken on it since.

An :class:`Application` is the form a resident files (the document, the people, the evidence)
plus its ordered :attr:`~Application.history` of :class:`Action` records. The current status is
what the history says (:attr:`Application.status`); :meth:`Application.replay` rebuilds an
application from its history alone and refuses a history no workflow allows. Nothing here reads
the clock: every action carries the time it was taken, passed in by the caller.

The workflows that add actions are in :mod:`adminduk.workflows`.
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Iterable

import attrs

from adminduk._fields import masked_repr, optional_nik, require_member, require_text
from adminduk.codes import Sex
from adminduk.documents._base import Channel, Evidence, Finding
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.events import Event

__all__ = [
    "Action",
    "Actor",
    "Application",
    "Delivery",
    "Role",
    "Status",
    "Trigger",
]


class Status(enum.Enum):
    """Where an application stands. ``COLLECTED``, ``REJECTED`` and ``CANCELLED`` are final."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    SUBMITTED = "submitted"  #: filed, waiting for the front office
    VERIFIED = "verified"  #: complete on the checker's word, waiting for the registrar
    PRINTED = "printed"  #: issued and signed (the register change is applied)
    SHIPPED = "shipped"  #: on its way: by post to the district office, or sent digitally
    COLLECTED = "collected"  #: in the resident's hands
    RETURNED = "returned"  #: sent back to the resident for missing or wrong evidence
    REJECTED = "rejected"  #: refused, with a reason (final)
    CANCELLED = "cancelled"  #: withdrawn by the resident (final)

    @property
    def final(self) -> bool:
        """Whether nothing more can happen to an application in this status."""
        return self in _FINAL

    @property
    def label(self) -> str:
        """The Indonesian name of the status."""
        return _STATUS_LABELS[self]


_FINAL = frozenset({Status.COLLECTED, Status.REJECTED, Status.CANCELLED})
_STATUS_LABELS = {
    Status.SUBMITTED: "Diajukan",
    Status.VERIFIED: "Terverifikasi",
    Status.PRINTED: "Dicetak",
    Status.SHIPPED: "Dikirim",
    Status.COLLECTED: "Diterima pemohon",
    Status.RETURNED: "Dikembalikan",
    Status.REJECTED: "Ditolak",
    Status.CANCELLED: "Dibatalkan",
}


class Delivery(enum.Enum):
    """How a finished document reaches the resident; it decides the path after printing."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    POST = "post"  #: by post to the resident's district office, collected there
    PICKUP = "pickup"  #: collected at the regency office
    DIGITAL = "digital"  #: electronically signed, sent by WhatsApp or e-mail
    OUTREACH = "outreach"  #: handed over at home by an outreach officer


class Role(enum.Enum):
    """Who takes an action."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    RESIDENT = "resident"  #: the applicant or a member of their family
    FRONT_OFFICE = "front_office"  #: front-office operator (intake, verification, hand-over)
    REGISTRAR = "registrar"  #: the official who signs (pejabat pencatatan sipil)
    COURIER = "courier"  #: the post office
    DISTRICT_OFFICER = "district_officer"  #: officer at the district (kecamatan) office
    OUTREACH_OFFICER = "outreach_officer"  #: jemput bola officer visiting residents
    SYSTEM = "system"  #: the website or WhatsApp intake, automatic sending


class Trigger(enum.Enum):
    """The actions a workflow knows (each is a method of :class:`adminduk.workflows.Office`)."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    SUBMIT = "submit"
    RECORD_BIOMETRICS = "record_biometrics"
    VERIFY = "verify"
    SEND_BACK = "send_back"
    RESUBMIT = "resubmit"
    REJECT = "reject"
    CANCEL = "cancel"
    ISSUE = "issue"
    SHIP = "ship"
    COLLECT = "collect"


@attrs.frozen(kw_only=True)
class Actor:
    """Who acts: an id (a staff number, ``"resident"``), a role, and for residents their NIK.

    >>> Actor(id="FO-01", role=Role.FRONT_OFFICE, name="Operator loket 1").role.value
    'front_office'
    """

    id: str
    role: Role
    name: str = ""
    nik: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)

    def __attrs_post_init__(self) -> None:
        require_text(self.id, "actor id")
        require_member(self.role, Role, "role")
        require_text(self.name, "actor name", empty=True)
        if self.role is Role.RESIDENT and self.nik is None:
            raise InvalidComponent("a resident acting is identified by NIK")

    @classmethod
    def resident(cls, nik: str, name: str = "") -> Actor:
        """A resident acting for themselves or their family."""
        return cls(id="resident", role=Role.RESIDENT, name=name, nik=nik)


def _findings(value: Iterable[Finding]) -> tuple[Finding, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Action:
    """One step of an application's history: what, who, where, when, and why.

    ``status`` is the status after the action. ``form`` is the application as filed (on submit
    and resubmit); ``due`` the service-level deadline set then. ``event`` is the register change
    the action applied, as the register's journal keeps it. ``collector`` is the NIK of who
    received the document; ``issued`` the documents printed together.
    """

    trigger: Trigger
    status: Status
    actor: Actor
    at: datetime.datetime
    office: str
    channel: Channel | None = None
    reason: str = ""
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)
    form: Application | None = attrs.field(default=None, repr=False)
    due: datetime.datetime | None = None
    event: Event | None = attrs.field(default=None, repr=False)
    collector: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    issued: tuple[str, ...] = ()

    @classmethod
    def _trusted(cls, **values: object) -> Action:
        """Build an action from values the workflow engine has already checked (no re-checks)."""
        made = object.__new__(cls)
        for name, default in _ACTION_DEFAULTS:
            object.__setattr__(made, name, values.get(name, default))
        return made

    def __attrs_post_init__(self) -> None:
        require_member(self.trigger, Trigger, "trigger")
        require_member(self.status, Status, "status")
        require_member(self.actor, Actor, "actor")
        if not isinstance(self.at, datetime.datetime):
            raise InvalidFormat(
                f"an action's time must be a datetime, not {type(self.at).__name__}"
            )
        require_text(self.office, "office")
        require_text(self.reason, "reason", empty=True)
        if self.channel is not None:
            require_member(self.channel, Channel, "channel")
        if self.form is not None and self.form.history:
            raise InvalidComponent("an action's form is the application as filed, without history")


#: Each field of an action with its default (``None`` for the required ones).
_ACTION_DEFAULTS = tuple(
    (field.name, None if field.default is attrs.NOTHING else field.default)
    for field in attrs.fields(Action)
)


def _evidence(value: Iterable[Evidence]) -> frozenset[Evidence]:
    items = frozenset(value)
    for item in items:
        if not isinstance(item, Evidence):
            raise InvalidComponent(f"evidence must be Evidence members, not {type(item).__name__}")
    return items


def _history(value: Iterable[Action]) -> tuple[Action, ...]:
    return tuple(value)


#: Statuses in which the office owes work, so the service-level clock runs.
_WITH_OFFICE = frozenset({Status.SUBMITTED, Status.VERIFIED})


@attrs.frozen(kw_only=True)
class Application:
    """An application for one document: who, what, how it came in, what is attached, and since.

    ``subject`` is the NIK of the person the document is about (the child's mother for a birth,
    the husband for a marriage); ``partner`` is the second person where there is one (the wife,
    the other spouse); ``applicant`` reports or applies. ``event_date`` is the birth, death,
    marriage or final decision date. For a birth, ``child_sex`` and ``child_name`` describe the
    child; for a move, ``destination`` is the region code moved to.

    ``id`` is the office's number for the file, ``delivery`` how the resident wants the
    document, ``reprint_of`` the id of the application whose lost or damaged document this one
    replaces, and ``history`` every action taken (empty for a draft that is not filed yet).
    """

    document: str
    variant: str
    channel: Channel
    subject: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    partner: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    applicant: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    evidence: frozenset[Evidence] = attrs.field(default=frozenset(), converter=_evidence)
    event_date: datetime.date | None = None
    child_name: str | None = None
    child_sex: Sex | None = None
    destination: str | None = None
    id: str = ""
    delivery: Delivery = Delivery.PICKUP
    reprint_of: str | None = None
    history: tuple[Action, ...] = attrs.field(default=(), converter=_history, repr=False)

    def with_evidence(self, *kinds: Evidence) -> Application:
        """Return the application with more evidence attached."""
        return attrs.evolve(self, evidence=self.evidence | frozenset(kinds))

    @property
    def status(self) -> Status | None:
        """The status the history leads to; ``None`` for a draft that is not filed yet."""
        return self.history[-1].status if self.history else None

    @property
    def form(self) -> Application:
        """The application as filed, without its history."""
        return self._with_history(()) if self.history else self

    @property
    def submitted_at(self) -> datetime.datetime | None:
        """When the application was first filed."""
        return self.history[0].at if self.history else None

    @property
    def due(self) -> datetime.datetime | None:
        """The service-level deadline, counted from the latest (re)submission."""
        for action in reversed(self.history):
            if action.due is not None:
                return action.due
        return None

    def overdue(self, on: datetime.datetime) -> bool:
        """Whether the office still owes work on ``on`` and the deadline has passed.

        The clock runs while the application is submitted or verified; a returned file waits
        for the resident, and a printed one is the office's work done.
        """
        due = self.due
        return self.status in _WITH_OFFICE and due is not None and on > due

    def action(self, trigger: Trigger) -> Action | None:
        """The latest action of ``trigger``, if any."""
        for action in reversed(self.history):
            if action.trigger is trigger:
                return action
        return None

    def _with(self, **changes: object) -> Application:
        """This application with ``changes``, which the caller has already checked."""
        made = self._with_history(self.history)
        for name, value in changes.items():
            object.__setattr__(made, name, value)
        return made

    def _with_history(self, history: tuple[Action, ...]) -> Application:
        """This application with ``history`` instead, without re-running the field checks.

        Every other field is copied from an instance that passed them; the history's actions
        are checked when they are made. Used on every workflow step, where ``attrs.evolve``
        (which converts and checks every field again) was the largest single cost.
        """
        made = object.__new__(Application)
        for name in _FIELD_NAMES:
            object.__setattr__(made, name, getattr(self, name))
        object.__setattr__(made, "history", history)
        return made

    @classmethod
    def replay(cls, history: Iterable[Action]) -> Application:
        """Rebuild an application from its history, refusing one no workflow allows.

        Each action must be possible from the status before it, for its role and on the
        application's delivery path; times must not go backwards. The result equals the
        application that made the history.
        """
        from adminduk.workflows import replay  # noqa: PLC0415 - workflows build on documents

        return replay(history)


_FIELD_NAMES = tuple(field.name for field in attrs.fields(Application) if field.name != "history")
