"""The requirement checker: every unmet requirement of a form, at once."""

from __future__ import annotations

import datetime

from adminduk._fields import require_date
from adminduk.documents._base import (
    Context,
    DocumentType,
    Finding,
    FindingKind,
    Report,
)
from adminduk.documents._common import late_decision
from adminduk.documents._types import document_type
from adminduk.documents.form import Form
from adminduk.errors import InvalidFormat
from adminduk.register import Registry

__all__ = ["check"]


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
                message_id="Tanggal peristiwa belum diisi.",
                message_en="The date of the event is not given.",
                basis=kind.legal_basis[0],
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


def check(form: Form, registry: Registry, *, on: datetime.date) -> Report:
    """Return every unmet requirement of ``form`` against ``registry`` on ``on``.

    Pure and deterministic: the same form, register and date give the same report. Impossible
    forms (a KIA for a 30-year-old, a birth in the future) are findings, not exceptions; only a
    malformed form (an unknown document type or variant, a date that is not a date) raises a
    ``ValidationError``. For a filed application, check its form: ``check(app.form, ...)``.

    >>> import datetime
    >>> from adminduk import Registry
    >>> from adminduk.documents import Channel, Form
    >>> from adminduk.samples import SIAP_KELUARGA, family_event
    >>> registry = Registry.replay([family_event()])
    >>> report = check(
    ...     Form(document="KTP-el", variant="new", channel=Channel.WHATSAPP,
    ...                 subject=SIAP_KELUARGA.child),
    ...     registry, on=datetime.date(2031, 6, 1))
    >>> report.ok, report.codes
    (False, ('ktp-el.eligible', 'ktp-el.new.form', 'ktp-el.new.biometrics'))
    """
    if not isinstance(form, Form):
        raise InvalidFormat(f"check needs a Form, not {type(form).__name__}")
    require_date(on, "on")
    kind = document_type(form.document)
    requirements = kind.all_requirements(form.variant)
    context = Context(form, registry, on)
    findings = [f for r in requirements if (f := r.evaluate(context)) is not None]
    findings += _timing(kind, context)
    return Report(document=kind.code, variant=form.variant, findings=tuple(findings))
