"""The requirement checker: every unmet requirement of an application, at once."""

from __future__ import annotations

import datetime

from adminduk.documents._application import Application
from adminduk.documents._base import (
    Context,
    DocumentType,
    Finding,
    FindingKind,
    Report,
)
from adminduk.documents._common import late_decision
from adminduk.errors import InvalidComponent, InvalidFormat
from adminduk.registry import Registry

__all__ = ["check", "document_type"]


def document_type(code: str) -> type[DocumentType]:
    """Return the document type with ``code`` (``"KK"``, ``"KTP-el"``, ``"AKTA-LAHIR"``, ...)."""
    if not _BY_CODE:
        from adminduk.documents import DOCUMENT_TYPES  # noqa: PLC0415 - the registry of types

        _BY_CODE.update((kind.code, kind) for kind in DOCUMENT_TYPES)
    found = _BY_CODE.get(code) if isinstance(code, str) else None
    if found is None:
        known = ", ".join(_BY_CODE)
        raise InvalidComponent(f"no document type {code!r}; known types are {known}")
    return found


#: Document types by code, filled on first use (the types import this module).
_BY_CODE: dict[str, type[DocumentType]] = {}


def _timing(kind: type[DocumentType], context: Context) -> list[Finding]:
    """Findings about the event date: missing, in the future, or reported late."""
    event_date = context.application.event_date
    if kind.deadline_days is None or kind.variant(context.application.variant).reissue:
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
    days = (context.on - event_date).days
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


def check(application: Application, registry: Registry, *, on: datetime.date) -> Report:
    """Return every unmet requirement of ``application`` against ``registry`` on ``on``.

    Pure and deterministic: the same application, register and date give the same report.
    Impossible applications (a KIA for a 30-year-old, a birth in the future) are findings, not
    exceptions; only a malformed application (an unknown document type or variant, a date that is
    not a date) raises a ``ValidationError``.

    >>> import datetime
    >>> from adminduk import Registry
    >>> from adminduk.documents import Application, Channel
    >>> from adminduk.samples import SIAP_KELUARGA, family_event
    >>> registry = Registry.replay([family_event()])
    >>> report = check(
    ...     Application(document="KTP-el", variant="new", channel=Channel.WHATSAPP,
    ...                 subject=SIAP_KELUARGA.child),
    ...     registry, on=datetime.date(2031, 6, 1))
    >>> report.ok, report.codes
    (False, ('ktp-el.eligible', 'ktp-el.new.form', 'ktp-el.new.biometrics'))
    """
    if not isinstance(application, Application):
        raise InvalidFormat(f"check needs an Application, not {type(application).__name__}")
    if not isinstance(on, datetime.date):
        raise InvalidFormat(f"on must be a date, not {type(on).__name__}")
    kind = document_type(application.document)
    requirements = kind.all_requirements(application.variant)
    context = Context(application, registry, on)
    findings = [f for r in requirements if (f := r.evaluate(context)) is not None]
    findings += _timing(kind, context)
    return Report(document=kind.code, variant=application.variant, findings=tuple(findings))
