"""Applications: the file an office keeps for a form, and every action taken on it since.

An :class:`Application` is an office's number for the file, the :class:`~adminduk.documents.Form`
as last filed, and the ordered :attr:`~Application.history` of :class:`Action` records. The
current status is what the history says (:attr:`Application.status`), as in OpenCRVS;
:func:`adminduk.workflows.replay` rebuilds an application from its history alone and refuses a
history no workflow allows. Nothing here reads the clock: every action carries the time it was
taken, passed in by the caller.

Layer 5 of adminduk: above the documents (forms, findings), below the workflows that add actions.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Iterable

import attrs

from adminduk._fields import (
    masked_repr,
    optional_nik,
    require_member,
    require_moment,
    require_text,
)
from adminduk._privacy import redacted_repr
from adminduk.documents import Channel, Finding, Form
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.register.events import DocumentIssued, Event
from adminduk.register.issued import IssuedDocument

__all__ = [
    "APPLICATION_ID",
    "WITH_OFFICE",
    "Action",
    "Actor",
    "Application",
    "Role",
    "Status",
    "Trigger",
    "require_application_id",
]


class Status(enum.Enum):
    """Where an application stands. ``COLLECTED``, ``REJECTED`` and ``CANCELLED`` are final."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    SUBMITTED = "submitted"  #: filed, waiting for the front office
    VERIFIED = "verified"  #: complete on the checker's word, waiting for the registrar
    APPROVED = "approved"  #: a correction approved by an official, waiting to be issued
    PRINTED = "printed"  #: issued and signed (the register change is applied)
    SHIPPED = "shipped"  #: on its way: by post to the district office, or sent digitally
    ARRIVED = "arrived"  #: at the resident's district office (kantor kecamatan), ready to collect
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
        return _STATUS_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name of the status."""
        return _STATUS_LABELS[self][1]


_FINAL = frozenset({Status.COLLECTED, Status.REJECTED, Status.CANCELLED})
_STATUS_LABELS = {
    Status.SUBMITTED: ("Diajukan", "Submitted"),
    Status.VERIFIED: ("Terverifikasi", "Verified"),
    Status.APPROVED: ("Disetujui pejabat", "Approved"),
    Status.PRINTED: ("Dicetak", "Printed"),
    Status.SHIPPED: ("Dikirim", "Shipped"),
    Status.ARRIVED: ("Tiba di kantor kecamatan", "At the district office"),
    Status.COLLECTED: ("Diterima pemohon", "Collected"),
    Status.RETURNED: ("Dikembalikan", "Returned"),
    Status.REJECTED: ("Ditolak", "Rejected"),
    Status.CANCELLED: ("Dibatalkan", "Cancelled"),
}


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

    @property
    def label(self) -> str:
        """The Indonesian name of the role."""
        return _ROLE_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name of the role."""
        return _ROLE_LABELS[self][1]


_ROLE_LABELS = {
    Role.RESIDENT: ("penduduk", "resident"),
    Role.FRONT_OFFICE: ("petugas loket", "front-office operator"),
    Role.REGISTRAR: ("pejabat pencatatan sipil", "registrar"),
    Role.COURIER: ("kantor pos", "post office"),
    Role.DISTRICT_OFFICER: ("petugas kecamatan", "district officer"),
    Role.OUTREACH_OFFICER: ("petugas jemput bola", "outreach officer"),
    Role.SYSTEM: ("layanan online", "online service"),
}


class Trigger(enum.Enum):
    """The actions a workflow knows (each is a method of :class:`adminduk.workflows.Office`)."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    SUBMIT = "submit"
    RECORD_BIOMETRICS = "record_biometrics"
    VERIFY = "verify"
    APPROVE = "approve"
    SEND_BACK = "send_back"
    RESUBMIT = "resubmit"
    REJECT = "reject"
    CANCEL = "cancel"
    ISSUE = "issue"
    SHIP = "ship"
    ARRIVE = "arrive"
    COLLECT = "collect"

    @property
    def label(self) -> str:
        """The Indonesian name of the action."""
        return _TRIGGER_LABELS[self][0]

    @property
    def label_en(self) -> str:
        """The English name of the action."""
        return _TRIGGER_LABELS[self][1]


_TRIGGER_LABELS = {
    Trigger.SUBMIT: ("pengajuan", "submission"),
    Trigger.RECORD_BIOMETRICS: ("perekaman biometrik", "biometric recording"),
    Trigger.VERIFY: ("verifikasi", "verification"),
    Trigger.APPROVE: ("persetujuan pejabat", "approval by an official"),
    Trigger.SEND_BACK: ("pengembalian berkas", "returned to the resident"),
    Trigger.RESUBMIT: ("pengajuan ulang", "resubmission"),
    Trigger.REJECT: ("penolakan", "rejection"),
    Trigger.CANCEL: ("pembatalan", "cancellation"),
    Trigger.ISSUE: ("penerbitan", "issue"),
    Trigger.SHIP: ("pengiriman", "shipping"),
    Trigger.ARRIVE: ("tiba di kantor kecamatan", "arrival at the district office"),
    Trigger.COLLECT: ("penyerahan", "hand-over"),
}


@redacted_repr
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


@redacted_repr
@attrs.frozen(kw_only=True)
class Action:
    """One step of an application's history: what, who, where, when, and why.

    ``status`` is the status after the action. ``office`` is the region code of the office that
    acted: the regency office's, or for an arrival and a hand-over there the district office's.
    ``form`` is the form as filed (on submit and resubmit), or as a review left it (on verify and
    send back, when the officer attested something or judged the files); ``due`` the
    service-level deadline set on filing. ``events`` are the register changes the action applied, in order, as the
    register's journal keeps them (on issue: the document's change, the card's status, and a
    :class:`~adminduk.register.events.DocumentIssued` per document printed). ``collector`` is
    the NIK of who received the document; ``issued`` the codes of the documents printed
    together.
    """

    trigger: Trigger
    status: Status
    actor: Actor
    at: datetime.datetime
    office: str
    channel: Channel | None = None
    reason: str = ""
    findings: tuple[Finding, ...] = attrs.field(default=(), converter=_findings)
    form: Form | None = attrs.field(default=None, repr=False)
    due: datetime.datetime | None = None
    events: tuple[Event, ...] = attrs.field(default=(), converter=tuple, repr=False)
    collector: str | None = attrs.field(default=None, converter=optional_nik, repr=masked_repr)
    issued: tuple[str, ...] = ()

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
        if self.form is not None:
            require_member(self.form, Form, "an action's form")
            if self.trigger not in _CARRYING_A_FORM:
                raise InvalidComponent(
                    f"only filing and review carry a form, not {self.trigger.value}"
                )


#: The actions that file a form, or review one (the form as the officer left it).
_CARRYING_A_FORM = frozenset({Trigger.SUBMIT, Trigger.RESUBMIT, Trigger.VERIFY, Trigger.SEND_BACK})

#: Statuses in which the office owes work, so the service-level clock runs.
#: The statuses in which the office owes work: the service-level clock runs.
WITH_OFFICE = frozenset({Status.SUBMITTED, Status.VERIFIED, Status.APPROVED})


#: What an application's number may look like: 1 to 64 ASCII letters, digits and ``. / _ : -``,
#: starting with a letter or digit (an office's own numbering, such as ``18.08/000001``). Ids
#: are written into URLs, file names and messages, so nothing else is accepted.
APPLICATION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9./_:-]{0,63}")


def require_application_id(value: object) -> str:
    """``value`` if it is an application number (:data:`APPLICATION_ID`); else refused.

    >>> require_application_id("18.08/000001")
    '18.08/000001'
    >>> require_application_id("18.08/²")
    Traceback (most recent call last):
    ...
    adminduk.errors.InvalidFormat: an application id is 1-64 ASCII letters, digits and . / _ : - (starting with a letter or digit), not '18.08/²'
    """
    if not isinstance(value, str):
        raise InvalidFormat(f"an application id is a string, not {type(value).__name__}")
    if APPLICATION_ID.fullmatch(value) is None:
        raise InvalidFormat(
            "an application id is 1-64 ASCII letters, digits and . / _ : - (starting with a "
            f"letter or digit), not {value[:70]!r}"
        )
    return value


def _history(value: Iterable[Action]) -> tuple[Action, ...]:
    return tuple(value)


@redacted_repr
@attrs.frozen(kw_only=True)
class Application:
    """The file an office keeps: its number, the form as it stands, and every action since.

    Built by the workflows (:meth:`adminduk.workflows.Office.submit`) or by
    :func:`adminduk.workflows.replay`; the constructor checks that ``form`` is the form the
    history last filed.
    """

    id: str
    form: Form
    history: tuple[Action, ...] = attrs.field(converter=_history, repr=False)

    def __attrs_post_init__(self) -> None:
        require_application_id(self.id)
        require_member(self.form, Form, "an application's form")
        if not self.history or self.history[0].trigger is not Trigger.SUBMIT:
            raise InvalidComponent("an application's history starts with its submission")
        for action in self.history:
            require_member(action, Action, "a history entry")
        if _last_form(self.history) != self.form:
            raise InvalidComponent(
                "an application's form is the one its history last filed or reviewed"
            )

    @property
    def status(self) -> Status:
        """The status the history leads to."""
        return self.history[-1].status

    @property
    def submitted_at(self) -> datetime.datetime:
        """When the application was first filed."""
        return self.history[0].at

    @property
    def due(self) -> datetime.datetime | None:
        """The service-level deadline, counted from the latest (re)submission."""
        for action in reversed(self.history):
            if action.due is not None:
                return action.due
        return None

    def overdue(self, at: datetime.datetime) -> bool:
        """Whether the office still owes work at ``at`` (a datetime) and the deadline has passed.

        The clock runs while the application is submitted or verified; a returned file waits
        for the resident, and a printed one is the office's work done.
        """
        require_moment(at, "at")
        due = self.due
        if due is not None and (due.tzinfo is None) != (at.tzinfo is None):
            raise InvalidComponent("at and the due date must be both naive or both timezone-aware")
        return self.status in WITH_OFFICE and due is not None and at > due

    @property
    def documents(self) -> tuple[IssuedDocument, ...]:
        """The records of the documents printed when the application was issued (or none)."""
        issued = self.action(Trigger.ISSUE)
        if issued is None:
            return ()
        return tuple(e.record for e in issued.events if isinstance(e, DocumentIssued))

    def action(self, trigger: Trigger) -> Action | None:
        """The latest action of ``trigger``, if any."""
        for action in reversed(self.history):
            if action.trigger is trigger:
                return action
        return None


def _last_form(history: tuple[Action, ...]) -> Form | None:
    for action in reversed(history):
        if action.form is not None:
            return action.form
    return None
