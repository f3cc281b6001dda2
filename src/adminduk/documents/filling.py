"""Filling a described form from answers, and asking for what is missing, one thing at a time.

:func:`fill` builds the :class:`~adminduk.documents.Form` from answers keyed by field path
(``"subject"``, ``"details.child_name"``), or says what is wrong with each answer, naming the
field, in both languages; :func:`next_question` says what to ask next in a conversation (a
website's next page, a WhatsApp bot's next message), from the same description
(:func:`~adminduk.documents.describe`) and the checker's findings.

>>> from adminduk.documents import Channel
>>> filled = fill("AKTA-MATI", "standard", {"subject": "1808011708870012"},
...               channel=Channel.WHATSAPP)
>>> filled.form is None, [finding.field for finding in filled.findings][:2]
(True, ['event_date', 'details.death_place'])
>>> question = next_question("AKTA-MATI", "standard", {"subject": "1808011708870012"},
...                          channel=Channel.WHATSAPP)
>>> question.prompt("en")
'Date of death? (Reported within 30 days of it.)'
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from adminduk.documents._check import check
from adminduk.documents._spec import choice_code
from adminduk.documents._vocabulary import (
    Channel,
    Delivery,
    DocumentCode,
    Evidence,
    Finding,
    FindingKind,
)
from adminduk.documents.attachments import Attachment
from adminduk.documents.described import FieldSpec, FormDescription, Paper, describe
from adminduk.documents.details import Outreach
from adminduk.documents.form import DETAILS_OF, Form
from adminduk.errors import AdmindukError, InvalidField, InvalidFormat
from adminduk.register import Registry

__all__ = ["Filled", "Question", "fill", "next_question"]

_FORMS = "Perpres 96/2018; Permendagri 109/2019"


@attrs.frozen
class Filled:
    """What :func:`fill` made of the answers: the form, or every finding about them."""

    form: Form | None
    findings: tuple[Finding, ...] = ()

    @property
    def ok(self) -> bool:
        """Whether the answers made a form."""
        return self.form is not None


def _finding(error: AdmindukError, path: str, basis: str) -> Finding:
    field = error.field if isinstance(error, InvalidField) else path
    return Finding(
        code=error.code if error.code.startswith(field) else f"{field}.{error.code}",
        kind=FindingKind.INVALID,
        message_id=error.message_id,
        message_en=error.message_en,
        basis=basis,
        field=field,
    )


def _required(spec: FieldSpec) -> Finding:
    return Finding(
        code=f"{spec.path}.required",
        kind=FindingKind.INVALID,
        message_id=f"{spec.label_id} belum diisi.",
        message_en=f"{spec.label_en} is not given.",
        basis=spec.basis,
        field=spec.path,
    )


def _blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip()) or raw in ([], {}, ())


def _asked_for(
    spec: FieldSpec, answers: Mapping[str, object], description: FormDescription
) -> bool:
    """Whether ``spec`` must be answered, given the other answers."""
    if spec.required:
        return True
    if spec.with_part:
        part = spec.path.partition(".")[0] + "."
        if any(p.startswith(part) and not _blank(v) for p, v in answers.items()):
            return True
    if spec.required_when is None:
        return False
    path, values = spec.required_when
    given = answers.get(path)
    if _blank(given):
        return False
    try:
        value = description.field(path).read(given)
    except AdmindukError:
        return False  # that answer is refused where it stands
    return str(choice_code(value) if hasattr(value, "value") else value) in values


def _check_answers(answers: object) -> Mapping[str, object]:
    if not isinstance(answers, Mapping):
        raise InvalidFormat(
            f"answers are a mapping of field path to answer, not {type(answers).__name__}"
        )
    for key in answers:
        if not isinstance(key, str):
            raise InvalidFormat(
                f"an answer's key is a field path (text), not {type(key).__name__}"
            )
    return answers


def _read(
    description: FormDescription, answers: Mapping[str, object]
) -> tuple[dict[str, Any], list[Finding]]:
    values: dict[str, Any] = {}
    findings: list[Finding] = []
    for key in answers:
        if key not in description.paths:
            shown = key[:60]
            findings.append(
                Finding(
                    code="form.unknown",
                    kind=FindingKind.INVALID,
                    message_id=f"Formulir ini tidak memiliki isian {shown!r}.",
                    message_en=f"This form has no field {shown!r}.",
                    basis=_FORMS,
                    field=shown,
                )
            )
    for spec in description.fields:
        raw = answers.get(spec.path)
        if _blank(raw):
            if _asked_for(spec, answers, description):
                findings.append(_required(spec))
            continue
        try:
            values[spec.path] = spec.read(raw)
        except AdmindukError as error:
            findings.append(_finding(error, spec.path, spec.basis))
    return values, findings


def _part(kind: type, values: dict[str, Any], prefix: str) -> Any:
    given = {
        path[len(prefix) :]: value for path, value in values.items() if path.startswith(prefix)
    }
    return kind(**given) if given else None


def fill(
    document: DocumentCode,
    variant: str,
    answers: Mapping[str, object],
    *,
    channel: Channel,
    evidence: Iterable[Evidence] = (),
    attachments: Iterable[Attachment] = (),
    deliveries: Iterable[Delivery] | None = None,
) -> Filled:
    """The form the ``answers`` make, or a finding per answer that is missing or wrong.

    ``answers`` maps field paths (:attr:`FormDescription.paths`) to what the resident gave: text
    as typed, or JSON values. Each finding names its field and says what is wrong in Indonesian
    and English. ``evidence`` and ``attachments`` are the papers and files given with it (a
    resident's kinds; what only the office attests is never taken from answers). Hostile input
    is a finding, never a crash; only arguments of the wrong type raise
    :class:`~adminduk.errors.InvalidFormat`.
    """
    description = describe(document, variant, deliveries=deliveries)
    values, findings = _read(description, _check_answers(answers))
    if findings:
        return Filled(None, tuple(findings))
    try:
        details = (
            _part(DETAILS_OF[description.document], values, "details.")
            if description.document in DETAILS_OF
            else None
        )
        outreach = _part(Outreach, values, "outreach.")
        form = Form(
            document=description.document,
            variant=description.variant,
            channel=channel,
            subject=values.get("subject"),
            partner=values.get("partner"),
            applicant=values.get("applicant"),
            evidence=frozenset(evidence),
            attachments=tuple(attachments),
            event_date=values.get("event_date"),
            delivery=values.get("delivery", Delivery.PICKUP),
            outreach=outreach,
            district_office=values.get("district_office"),
            reprint_of=values.get("reprint_of"),
            details=details,
        )
    except AdmindukError as error:
        return Filled(None, (_finding(error, "form", _FORMS),))
    return Filled(form)


@attrs.frozen(kw_only=True)
class Question:
    """What to ask next: an answer (``field``) or a paper (``paper``), and why (``finding``).

    ``finding`` is set when the question comes back: an answer was refused, a paper is missing,
    a file was not accepted. A question with neither field nor paper is a refusal no answer can
    fix (the resident is not eligible): its finding says why.
    """

    field: FieldSpec | None = None
    paper: Paper | None = None
    finding: Finding | None = None

    def prompt(self, language: str = "id") -> str:
        """The question in ``language`` (``"id"`` or ``"en"``), as a chat line."""
        english = language == "en"
        reason = ""
        if self.finding is not None:
            reason = (self.finding.message_en if english else self.finding.message_id) + " "
        if self.field is not None:
            text = self.field.label(language)
            helped = self.field.help_en if english else self.field.help_id
            choices = ""
            if self.field.choices:
                choices = " " + "; ".join(
                    f"{c.code} = {c.label_en if english else c.label_id}"
                    for c in self.field.choices
                )
            return f"{reason}{text}?{choices}" + (f" ({helped})" if helped else "")
        if self.paper is not None:
            label = self.paper.label_en if english else self.paper.label_id
            ask = "Please attach" if english else "Mohon lampirkan"
            return f"{reason}{ask}: {label}."
        return reason.strip()


def next_question(
    document: DocumentCode,
    variant: str,
    answers: Mapping[str, object],
    *,
    channel: Channel,
    evidence: Iterable[Evidence] = (),
    attachments: Iterable[Attachment] = (),
    registry: Registry | None = None,
    on: datetime.date | None = None,
    deliveries: Iterable[Delivery] | None = None,
) -> Question | None:
    """What to ask next, from the description and the checker's findings; ``None``: done.

    In order: the first required answer not given (in the description's order); then the first
    answer refused (asked again, with why); then, with the ``registry`` and the day ``on``, what
    :func:`~adminduk.documents.check` still finds that the resident can give: a field it names,
    or a paper. What only the office can do (record biometrics, decide on a late report) is not
    asked: the office does it, and the report says so.
    """
    description = describe(document, variant, deliveries=deliveries)
    given = _check_answers(answers)
    for spec in description.fields:
        if _blank(given.get(spec.path)) and _asked_for(spec, given, description):
            return Question(field=spec)
    files = tuple(attachments)
    filled = fill(
        document,
        variant,
        given,
        channel=channel,
        evidence=evidence,
        attachments=files,
        deliveries=deliveries,
    )
    if filled.form is None:
        first = filled.findings[0]
        refused = next((s for s in description.fields if s.path == first.field), None)
        return Question(field=refused, finding=first)
    if registry is None or on is None:
        return None
    for finding in check(filled.form, registry, on=on).findings:
        if not finding.blocking or finding.by_office:
            continue
        named = next((s for s in description.fields if s.path == finding.field), None)
        if named is not None:
            return Question(field=named, finding=finding)
        if finding.satisfy_with:
            paper = Paper(
                code=finding.code,
                kinds=finding.satisfy_with,
                label_id=" atau ".join(kind.label for kind in finding.satisfy_with),
                label_en=" or ".join(kind.label_en for kind in finding.satisfy_with),
                basis=finding.basis,
            )
            return Question(paper=paper, finding=finding)
        return Question(finding=finding)
    return None
