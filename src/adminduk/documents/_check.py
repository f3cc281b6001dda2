"""The requirement checker: every unmet requirement of a form, at once."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from adminduk._dates import require_day
from adminduk._fields import replaced, trusted
from adminduk.documents._base import Context, DocumentType, Requirement, Variant
from adminduk.documents._common import late_decision
from adminduk.documents._types import document_type
from adminduk.documents._vocabulary import Channel, DocumentCode, Finding, FindingKind, Report
from adminduk.documents.form import Form
from adminduk.errors import InvalidFormat
from adminduk.register import Registry, Resident

__all__ = ["check", "variants_for"]


def _timing(kind: type[DocumentType], context: Context) -> list[Finding]:
    """Findings about the event date: missing, in the future, or reported late."""
    event_date = context.form.event_date
    if kind.deadline_days is None or kind.variant(context.form.variant).reissue:
        return []  # no deadline, or a second copy of something registered long ago
    if event_date is None:
        return [
            Finding(
                code=f"{kind.code.lower()}.event_date",
                kind=FindingKind.INVALID,
                message_id=f"{kind.event_label[0]} belum diisi.",
                message_en=f"{kind.event_label[1]} is not given.",
                basis=kind.legal_basis[0],
                field="event_date",
            )
        ]
    if event_date > context.on:
        return [
            Finding(
                code=f"{kind.code.lower()}.future",
                kind=FindingKind.INVALID,
                message_id=f"Tanggal peristiwa ({event_date:%d-%m-%Y}) belum terjadi.",
                message_en=f"The event date ({event_date.isoformat()}) is in the future.",
                basis=kind.legal_basis[0],
                field="event_date",
            )
        ]
    # Pasal 27 and 44 UU 24/2013: the deadline runs from the event to the day it was reported.
    reported = context.form.reported_on
    until = (
        reported if reported is not None and event_date <= reported <= context.on else context.on
    )
    days = (until - event_date).days
    if days <= kind.deadline_days:
        return []
    findings = [
        Finding(
            code=f"{kind.code.lower()}.late",
            kind=FindingKind.LATE,
            message_id=(
                f"Dilaporkan {days} hari setelah peristiwa, melewati batas {kind.deadline_days} "
                "hari: tetap dilayani dengan syarat tambahan."
            ),
            message_en=(
                f"Reported {days} days after the event, past the {kind.deadline_days}-day "
                "deadline: still served, with an extra requirement."
            ),
            basis=kind.legal_basis[0],
        )
    ]
    extra = late_decision(f"{kind.code.lower()}.late_decision").evaluate(context)
    return findings + ([extra] if extra is not None else [])


def check(form: Form, registry: Registry, *, on: datetime.date, suggest: bool = True) -> Report:
    """Return every unmet requirement of ``form`` against ``registry`` on ``on``.

    Pure and deterministic: the same form, register and date give the same report. Impossible
    forms (a KIA for a 30-year-old, a birth in the future) are findings, not exceptions; only a
    malformed form (an unknown document type or variant, a date that is not a date) raises a
    ``ValidationError``. For a filed application, check its form: ``check(app.form, ...)``.

    A refusal also names the variants that fit (``<code>.variant``), which means evaluating
    every variant; ``suggest=False`` leaves that finding out, for callers that only ask whether
    a form is refused (the office simulation, drawing residents until one is eligible).

    >>> import datetime
    >>> from adminduk import Registry
    >>> from adminduk.documents import Channel, Form
    >>> from adminduk.samples import SIAP_KELUARGA, family_event
    >>> registry = Registry.replay([family_event()])
    >>> report = check(
    ...     Form(document="KTP-el", variant="new", channel=Channel.WHATSAPP,
    ...                 subject=SIAP_KELUARGA.child),
    ...     registry, on=datetime.date(2031, 6, 1))
    >>> report.ok, report.codes  # refused: only the refusal, no list of papers
    (False, ('ktp-el.eligible',))
    """
    if not isinstance(form, Form):
        raise InvalidFormat(f"check needs a Form, not {type(form).__name__}")
    require_day(on)
    kind = document_type(form.document)
    requirements = kind.all_requirements(form.variant)
    context = Context(form, registry, on)
    # The rows that can refuse or invalidate a form first: a refused form (no paper can fix
    # it) reports only those, so what would be missing is never evaluated. A finding's kind is
    # its row's kind, and only the rows decide a refusal (the timing and the attachments'
    # findings are never ineligibilities).
    first = _refusal_rows(kind, form.variant)
    found = {i: requirements[i].evaluate(context) for i in first}
    if any(
        f is not None and f.kind is FindingKind.INELIGIBLE and not f.satisfy_with
        for f in found.values()
    ):
        # Refused: what is wrong on the form still matters, and so does the variant that fits.
        findings = [f for i in first if (f := found[i]) is not None]
        findings += [f for f in _timing(kind, context) if f.kind in _REFUSALS]
        if suggest:
            findings += _suggestion(kind, context)
        return Report(document=kind.code, variant=form.variant, findings=tuple(findings))
    findings = [
        f
        for i, row in enumerate(requirements)
        if (f := found[i] if i in found else row.evaluate(context)) is not None
    ]
    findings += _timing(kind, context)
    if form.attachments:
        findings += _refusals(findings, form)
    return Report(document=kind.code, variant=form.variant, findings=tuple(findings))


def _refusals(findings: list[Finding], form: Form) -> list[Finding]:
    """A finding per refused file whose kind a finding still asks for: why, and what would do.

    A clerk refuses a file with a reason the resident can act on (illegible, of someone else):
    the resident reads it beside what is still missing.
    """
    wanted = {kind for finding in findings if finding.blocking for kind in finding.satisfy_with}
    refused = []
    for item in form.attachments:
        if item.refused and item.kind in wanted and item.review is not None:
            kind, reason = item.kind, item.review.reason.strip()
            refused.append(
                Finding(
                    code="attachment.refused",
                    kind=FindingKind.MISSING,
                    message_id=f"Lampiran {kind.label} tidak dapat diterima: {reason}. "
                    f"Lampirkan kembali {kind.label}.",
                    message_en=f"The {kind.label_en} attached was not accepted: {reason}. "
                    f"Attach the {kind.label_en} again.",
                    basis="Perpres 96/2018",
                    satisfy_with=(kind,),
                    field="attachments",
                )
            )
    return refused


#: The findings reported alongside an ineligibility: the refusal and what is wrong on the form.
_REFUSALS = frozenset({FindingKind.INELIGIBLE, FindingKind.INVALID})

#: Each document type's positions of its refusing rows per variant (fixed at import).
_REFUSAL_ROWS: dict[tuple[type[DocumentType], str], tuple[int, ...]] = {}


def _refusal_rows(kind: type[DocumentType], variant: str) -> tuple[int, ...]:
    """Where, among ``variant``'s rows, the rows reporting an ineligibility or an invalid form are."""
    rows = _REFUSAL_ROWS.get((kind, variant))
    if rows is None:
        rows = _REFUSAL_ROWS[kind, variant] = tuple(
            i for i, row in enumerate(kind.all_requirements(variant)) if row.kind in _REFUSALS
        )
    return rows


def _fits(kind: type[DocumentType], variant: str, context: Context) -> bool:
    return not any(row.evaluate(context) is not None for row in _eligibility(kind, variant))


#: Each document type's ineligibility rows per variant (the tables are fixed at import).
_ELIGIBILITY: dict[tuple[type[DocumentType], str], tuple[Requirement, ...]] = {}


def _eligibility(kind: type[DocumentType], variant: str) -> tuple[Requirement, ...]:
    rows = _ELIGIBILITY.get((kind, variant))
    if rows is None:
        rows = _ELIGIBILITY[kind, variant] = tuple(
            row for row in kind.all_requirements(variant) if row.kind is FindingKind.INELIGIBLE
        )
    return rows


def variants_for(
    document: DocumentCode, resident: Resident | str, registry: Registry, *, on: datetime.date
) -> tuple[str, ...]:
    """The variants of ``document`` the resident is eligible for on ``on``, in table order.

    Eligibility is the document type's own ineligibility rows (age bands, a card already held,
    alive and resident), evaluated for a form naming the resident as its subject: one
    definition, shared with :func:`check`.

    >>> import datetime
    >>> from adminduk.samples import SIAP_KELUARGA, sample_registry
    >>> variants_for("KIA", SIAP_KELUARGA.child, sample_registry(), on=datetime.date(2026, 3, 2))
    ('5_to_17', 'lost', 'damaged')
    """
    require_day(on)
    kind = document_type(document)
    number = resident.nik if isinstance(resident, Resident) else resident
    if registry.find_resident(number) is None:
        return ()
    return _fitting(kind, kind.variants, number, registry, on)


def _fitting(
    kind: type[DocumentType],
    variants: Sequence[Variant],
    number: str,
    registry: Registry,
    on: datetime.date,
) -> tuple[str, ...]:
    """Which of ``variants`` fit the resident ``number``, by a form naming them as its subject."""
    # Every value is already checked (a type's own codes, a NIK the register holds), so the form
    # is built without its checks: the suggestion runs on most refusals.
    first = trusted(
        Form, document=kind.code, variant=variants[0].code, channel=Channel.COUNTER, subject=number
    )
    fitting = []
    for variant in variants:
        # One checked form, copied per variant: the codes come from the type's own table.
        form = first if variant is variants[0] else replaced(first, variant=variant.code)
        if _fits(kind, variant.code, Context(form, registry, on)):
            fitting.append(variant.code)
    return tuple(fitting)


#: Each document type's variants a refusal of a variant may suggest (fixed at import).
_CANDIDATES: dict[tuple[type[DocumentType], str], tuple[Variant, ...]] = {}


def _candidates(kind: type[DocumentType], code: str) -> tuple[Variant, ...]:
    """The variants a refusal of ``code`` may suggest, each fixed at import.

    Those of the same sort (a first issue, or a replacement) that say whom they are for (an age
    band): the others' own messages already say what to apply for instead.
    """
    found = _CANDIDATES.get((kind, code))
    if found is None:
        current = kind.variant(code)
        found = _CANDIDATES[kind, code] = tuple(
            variant
            for variant in kind.variants
            if variant.code != current.code
            and variant.reissue == current.reissue
            and any(r.kind is FindingKind.INELIGIBLE for r in variant.requirements)
        )
    return found


def _suggestion(kind: type[DocumentType], context: Context) -> list[Finding]:
    """A finding naming the variants the subject would be eligible for, if any."""
    form = context.form
    if form.subject is None or context.subject is None:
        return []
    candidates = _candidates(kind, form.variant)
    if not candidates:
        return []
    fitting = _fitting(kind, candidates, form.subject, context.registry, context.on)
    others = [variant for variant in candidates if variant.code in fitting]
    if not others:
        return []
    return [
        Finding(
            code=f"{kind.code.lower()}.variant",
            kind=FindingKind.INELIGIBLE,
            message_id=(
                f"Layanan {kind.variant(form.variant).name_id} tidak sesuai; yang sesuai: "
                + ", ".join(v.name_id for v in others)
                + "."
            ),
            message_en=(
                f"The {kind.variant(form.variant).name_en} service does not fit; these do: "
                + ", ".join(v.name_en for v in others)
                + "."
            ),
            basis=kind.legal_basis[0],
        )
    ]
