"""Guards: the conditions an action must meet besides being allowed from the current status.

Each guard is a named check over an :class:`Attempt` that raises a typed error when it fails.
Guards marked ``needs_registry`` read the register as it is now; replaying a history skips them
(the register has moved on since), while the structural ones run again.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable

import attrs

from adminduk._privacy import mask
from adminduk.applications import Actor, Role, Trigger
from adminduk.documents import Finding, Form, Supplier, document_type
from adminduk.errors import GuardFailed, PermissionDenied
from adminduk.register import Registry
from adminduk.register.events import Event

__all__ = [
    "APPROVED_BY_ANOTHER",
    "AUTHORISED_COLLECTOR",
    "BIOMETRICS_RECORDED",
    "COLLECTOR_IS_ACTOR",
    "OFFICE_ATTESTS",
    "REASON_GIVEN",
    "REASON_OR_FINDINGS",
    "REISSUE_LINK",
    "REQUIREMENTS_MET",
    "REVIEW_ONLY",
    "SAME_FILE",
    "WITHDRAWN_BY_FILER",
    "Attempt",
    "Guard",
]


@attrs.frozen
class Attempt:
    """An action being tried: on which form, by whom, when, and with which details.

    ``form`` is the form as it stands (for a submission, the form being filed); ``corrected`` the
    form a resubmission files instead, or the form as a review leaves it (with what the officer
    attested and their verdicts on the files).
    """

    form: Form
    trigger: Trigger
    actor: Actor
    at: datetime.datetime
    registry: Registry | None = None
    reason: str = ""
    event: Event | None = None
    collector: str | None = None
    corrected: Form | None = None
    findings: tuple[Finding, ...] = ()
    #: The NIK of the resident who filed the application, if a resident did.
    filer: str | None = None
    #: The holders of the documents the application printed (asked when handing them over).
    holders: frozenset[str] = frozenset()
    #: Who filed the application (its submission's actor).
    requester: Actor | None = None

    @property
    def on(self) -> datetime.date:
        """The date of the attempt."""
        return self.at.date()


@attrs.frozen
class Guard:
    """A named condition: ``test`` raises (a :class:`~adminduk.errors.WorkflowError`) if unmet."""

    id: str
    description: str
    test: Callable[[Attempt], None] = attrs.field(repr=False)
    needs_registry: bool = False

    def __call__(self, attempt: Attempt) -> None:
        """Run the check (registry guards only when a register is given)."""
        if self.needs_registry and attempt.registry is None:
            return
        self.test(attempt)


def _requirements_met(attempt: Attempt) -> None:
    # The engine runs the checker once and passes its findings in the attempt.
    blocking = tuple(finding for finding in attempt.findings if finding.blocking)
    if blocking:
        raise GuardFailed(
            f"cannot verify: {len(blocking)} requirement(s) unmet "
            f"({', '.join(finding.code for finding in blocking)}); send it back with them",
            guard="requirements-met",
            findings=attempt.findings,
        )


# Pasal 63 UU 24/2013: the card is printed from recorded biometrics.
def _biometrics_recorded(attempt: Attempt) -> None:
    assert attempt.registry is not None  # Guard.__call__ ensures it
    subject = attempt.form.subject
    person = attempt.registry.find_resident(subject)
    if person is None or not person.ktp_el_status.is_recorded:
        shown = "the subject" if subject is None else mask(subject)
        raise GuardFailed(
            f"cannot print the KTP-el of {shown}: biometrics are not recorded",
            guard="biometrics-recorded",
        )


def _reason_given(attempt: Attempt) -> None:
    if not attempt.reason.strip():
        raise GuardFailed(f"{attempt.trigger.value} needs a reason", guard="reason-given")


def _reason_or_findings(attempt: Attempt) -> None:
    if not attempt.reason.strip() and not any(f.blocking for f in attempt.findings):
        raise GuardFailed(
            "sending back needs a reason: the checker finds nothing missing",
            guard="reason-or-findings",
        )


def _same_file(attempt: Attempt) -> None:
    corrected = attempt.corrected
    if corrected is None:
        return
    current = attempt.form
    if (corrected.document, corrected.reprint_of) != (current.document, current.reprint_of):
        raise GuardFailed(
            "a resubmission is the same file: same document and reprint link",
            guard="same-file",
        )


#: The roles that act for the office in person and may attest (the post and the website may not).
_ATTESTING = frozenset(
    {Role.FRONT_OFFICE, Role.REGISTRAR, Role.OUTREACH_OFFICER, Role.DISTRICT_OFFICER}
)


# Pasal 64 UU 24/2013, Pasal 32 UU 24/2013, Perpres 96/2018: biometrics, a late-report decision,
# originals seen and a witnessed signature are the office's acts; a resident (or the website
# filing for one) cannot supply them, nor a clerk's verdict on a file.
def _office_attests(attempt: Attempt) -> None:
    if attempt.actor.role in _ATTESTING:
        return
    before = attempt.form if attempt.corrected is not None else None
    filed = attempt.corrected or attempt.form
    added = filed.attested - (before.attested if before is not None else frozenset())
    if added:
        names = ", ".join(sorted(kind.label_en for kind in added))
        raise PermissionDenied(
            f"only an officer attests {names}: a {attempt.actor.role.value} filing cannot",
        )
    earlier = {} if before is None else {item.sha256: item for item in before.attachments}
    for item in filed.attachments:
        old = earlier.get(item.sha256)
        if item.given_by is Supplier.OFFICE and (
            old is None or old.given_by is not Supplier.OFFICE
        ):
            raise PermissionDenied("a file given by the office is attached by an officer")
        if item.review is not None and (old is None or old.review != item.review):
            raise PermissionDenied("only an officer accepts or refuses an attached file")


def _review_only(attempt: Attempt) -> None:
    reviewed, current = attempt.corrected, attempt.form
    if reviewed is None:
        return
    unreviewed = {item.sha256: attrs.evolve(item, review=None) for item in reviewed.attachments}
    kept = all(
        unreviewed.get(item.sha256) == attrs.evolve(item, review=None)
        for item in current.attachments
    )
    added = [
        item
        for item in reviewed.attachments
        if item.sha256 not in {old.sha256 for old in current.attachments}
    ]
    same = attrs.evolve(current, attested=reviewed.attested, attachments=reviewed.attachments)
    if (
        not kept
        or any(item.given_by is not Supplier.OFFICE for item in added)
        or same != reviewed
        or not current.attested <= reviewed.attested
    ):
        raise GuardFailed(
            "a review changes only what the office attests and its verdicts on the files (and "
            "adds the office's own scans); the resident corrects the rest",
            guard="review-only",
        )


def _reissue_link(attempt: Attempt) -> None:
    form = attempt.corrected or attempt.form
    if form.reprint_of is None:
        return
    kind = document_type(form.document)
    if not kind.variant(form.variant).reissue:
        raise GuardFailed(
            f"only a lost or damaged {kind.code} is a reprint; {form.variant!r} is not",
            guard="reissue-link",
        )


def _family_numbers(registry: Registry, numbers: set[str]) -> set[str]:
    return {member for number in numbers for member in registry.family_members_of(number)}


# Collection in person: the resident, or an adult member of their family, shows their KTP-el.
def _authorised_collector(attempt: Attempt) -> None:
    collector = attempt.collector
    if collector is None:
        raise PermissionDenied("a collection names who received the document, by NIK")
    form = attempt.form
    if collector == form.subject:  # the holder
        return
    registry = attempt.registry
    if registry is None:  # replaying: the register has moved on; the history was checked then
        return
    # The holders of what was printed count as named: a death certificate's new family card
    # names the family of the deceased, who collect it (DOMAIN.md).
    named = {n for n in (form.subject, form.partner, form.applicant) if n} | attempt.holders
    person = registry.find_resident(collector)
    if (
        person is not None
        and person.must_hold_ktp_el(attempt.on)  # an adult: 17, or married or ever married
        and (collector in named or collector in _family_numbers(registry, named))
    ):
        return
    raise PermissionDenied(
        f"{mask(collector)} may not collect: a document is handed to its holder or to an adult "
        "(17, or married) named on the application, holding what it printed, or in their family"
    )


# Only whoever filed, or the person the application is about, withdraws it; at the counter the
# operator records the withdrawal on their word.
def _withdrawn_by_filer(attempt: Attempt) -> None:
    actor = attempt.actor
    if actor.role is not Role.RESIDENT:
        return
    form = attempt.form
    if actor.nik not in {attempt.filer, form.subject, form.applicant} - {None}:
        raise PermissionDenied(
            f"{mask(actor.nik)} may not withdraw the application: only who filed it, or the "
            "person it is about"
        )


# The four-eyes rule: a correction is approved by an official other than the one who asked for
# it (the office may start a clerical correction itself: Pasal 71 UU 24/2013).
def _approved_by_another(attempt: Attempt) -> None:
    requester, actor = attempt.requester, attempt.actor
    if requester is not None and (requester.id, requester.role) == (actor.id, actor.role):
        raise PermissionDenied(
            f"{actor.id} asked for this correction and may not approve it: another official "
            "approves (four eyes)"
        )


def _collector_is_actor(attempt: Attempt) -> None:
    if attempt.actor.role is Role.RESIDENT and attempt.collector != attempt.actor.nik:
        raise PermissionDenied("a resident confirms receipt for themselves only")


REQUIREMENTS_MET = Guard(
    "requirements-met",
    "adminduk.check reports nothing blocking on the day",
    _requirements_met,
    needs_registry=True,
)
BIOMETRICS_RECORDED = Guard(
    "biometrics-recorded",
    "the subject's KTP-el biometrics are recorded",
    _biometrics_recorded,
    needs_registry=True,
)
REASON_GIVEN = Guard("reason-given", "a reason is given", _reason_given)
REASON_OR_FINDINGS = Guard(
    "reason-or-findings", "the checker's findings or a reason", _reason_or_findings
)
SAME_FILE = Guard("same-file", "the resubmitted form is the same file", _same_file)
OFFICE_ATTESTS = Guard(
    "office-attests",
    "what only the office attests, and its verdicts on files, come from an officer",
    _office_attests,
)
REVIEW_ONLY = Guard(
    "review-only",
    "a review adds attestations and verdicts on the files, and changes nothing else",
    _review_only,
)
REISSUE_LINK = Guard(
    "reissue-link", "a reprint is of a lost or damaged document variant", _reissue_link
)
AUTHORISED_COLLECTOR = Guard(
    "authorised-collector",
    "received by a person named on the application or an adult member of their family",
    _authorised_collector,
)
WITHDRAWN_BY_FILER = Guard(
    "withdrawn-by-filer",
    "a resident withdraws only an application they filed or that is about them",
    _withdrawn_by_filer,
)
APPROVED_BY_ANOTHER = Guard(
    "approved-by-another",
    "approved by an official other than the one who asked for it (four eyes)",
    _approved_by_another,
)
COLLECTOR_IS_ACTOR = Guard(
    "collector-is-actor", "a resident confirms receipt for themselves", _collector_is_actor
)
