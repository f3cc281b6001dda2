"""Every service's form described as data: what to ask, in which order, and how to read it.

:func:`describe` gives, for a document code and variant, the ordered fields a resident (or an
officer) fills, each a :class:`FieldSpec` with its type, labels and help in Indonesian and
English, whether it is required (or required when another answer has a value), its choices and
limits, who fills it and the form and article it comes from; and the papers the service asks
for. A web page, a WhatsApp flow or another language's frontend renders it without writing the
form again; :meth:`FormDescription.json_schema` exports the same as JSON Schema.

The answers a frontend collects are keyed by each field's path (``"subject"``,
``"details.child_name"``); :mod:`adminduk.documents.filling` builds the form from them and says
what to ask next.

>>> description = describe("AKTA-MATI", "standard")
>>> [spec.path for spec in description.fields if spec.required]
['subject', 'event_date', 'details.death_place', 'details.cause', 'details.certifier']
>>> description.field("details.cause").choices[0]
Choice(code=1, label_id='Sakit biasa/tua', label_en='Illness or old age')
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import attrs

from adminduk.documents._base import DocumentType
from adminduk.documents._spec import Ask, FieldKind, asked, choice_code, choice_label, read_answer
from adminduk.documents._types import document_type
from adminduk.documents._vocabulary import (
    Delivery,
    DocumentCode,
    Evidence,
    Supplier,
)
from adminduk.documents.details import Outreach
from adminduk.documents.form import DETAILS_OF
from adminduk.documents.schema import form_schema
from adminduk.errors import InvalidField
from adminduk.regions import RegionLevel

__all__ = ["Choice", "FieldSpec", "FormDescription", "Paper", "describe"]


@attrs.frozen
class Choice:
    """One allowed value of a choice field: as written (a code), and its labels."""

    code: str | int
    label_id: str
    label_en: str


@attrs.frozen(kw_only=True)
class FieldSpec:
    """One field of a described form: where it goes, what it holds, how it is asked.

    ``path`` is the field's place in the form's JSON (``"details.child_name"``) and the key of
    its answer. ``required_when`` is ``(path, values)``: the field is required when the answer
    at ``path`` is one of ``values`` (the visit's address when the document is handed over at
    home). ``with_part`` marks a field of an optional part (a missing person's death report, a
    visit) that is required as soon as any field of that part is answered. ``level`` is the
    finest region level a region field accepts.
    """

    path: str
    kind: FieldKind
    label_id: str
    label_en: str
    help_id: str
    help_en: str
    basis: str
    required: bool
    required_when: tuple[str, tuple[str, ...]] | None = None
    with_part: bool = False
    choices: tuple[Choice, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    max_length: int | None = None
    level: str | None = None
    filled_by: Supplier = Supplier.RESIDENT
    #: How the answer is read and checked (the description the field was made from).
    ask: Ask = attrs.field(repr=False, eq=False)

    def read(self, raw: object) -> Any:
        """The value of the answer ``raw`` (as typed, or JSON); :class:`InvalidField` if not."""
        return read_answer(self.ask, raw, field=self.path)

    def label(self, language: str = "id") -> str:
        """The label in ``language`` (``"id"`` or ``"en"``)."""
        return self.label_en if language == "en" else self.label_id

    def as_dict(self) -> dict[str, Any]:
        """The field as plain JSON-ready data, for a frontend in any language."""
        return {
            "path": self.path,
            "kind": self.kind.value,
            "label_id": self.label_id,
            "label_en": self.label_en,
            "help_id": self.help_id,
            "help_en": self.help_en,
            "basis": self.basis,
            "required": self.required,
            "required_when": (
                None
                if self.required_when is None
                else {"path": self.required_when[0], "values": list(self.required_when[1])}
            ),
            "with_part": self.with_part,
            "choices": [attrs.asdict(choice) for choice in self.choices],
            "minimum": self.minimum,
            "maximum": self.maximum,
            "max_length": self.max_length,
            "level": self.level,
            "filled_by": self.filled_by.value,
        }


@attrs.frozen(kw_only=True)
class Paper:
    """A requirement met by a paper (or by the office): any one of ``kinds`` will do."""

    code: str
    kinds: tuple[Evidence, ...]
    label_id: str
    label_en: str
    basis: str

    @property
    def by_office(self) -> bool:
        """Whether only the office can supply it (biometric recording, a decision)."""
        return all(kind.supplier is Supplier.OFFICE for kind in self.kinds)

    def as_dict(self) -> dict[str, Any]:
        """The paper as plain JSON-ready data."""
        return {
            "code": self.code,
            "kinds": [kind.value for kind in self.kinds],
            "label_id": self.label_id,
            "label_en": self.label_en,
            "basis": self.basis,
            "by_office": self.by_office,
        }


@attrs.frozen(kw_only=True)
class FormDescription:
    """What a service's form asks, in order, and the papers the service needs."""

    document: DocumentCode
    variant: str
    name_id: str
    name_en: str
    fields: tuple[FieldSpec, ...]
    papers: tuple[Paper, ...]
    deliveries: tuple[Delivery, ...]

    def field(self, path: str) -> FieldSpec:
        """The field at ``path``; ``InvalidField`` if the form has none there."""
        for spec in self.fields:
            if spec.path == path:
                return spec
        raise InvalidField(
            f"{self.document} ({self.variant}) has no field {str(path)[:60]!r}",
            field=str(path)[:60],
            code="form.unknown",
        )

    @property
    def paths(self) -> tuple[str, ...]:
        """Every field's path, in order."""
        return tuple(spec.path for spec in self.fields)

    def as_dict(self) -> dict[str, Any]:
        """The description as plain JSON-ready data."""
        return {
            "document": self.document,
            "variant": self.variant,
            "name_id": self.name_id,
            "name_en": self.name_en,
            "fields": [spec.as_dict() for spec in self.fields],
            "papers": [paper.as_dict() for paper in self.papers],
            "deliveries": [delivery.value for delivery in self.deliveries],
        }

    def json_schema(self) -> dict[str, Any]:
        """The JSON Schema (2020-12) of the ``adminduk/form`` document of this service.

        It validates the JSON :func:`adminduk.serialization.dumps` writes of a form that
        :func:`fill` made, and refuses what :class:`~adminduk.documents.Form` refuses, up to
        what a schema cannot know (see :mod:`adminduk.documents.schema`).
        """
        return form_schema(self)


# --- describing ----------------------------------------------------------------------------


def _spec(
    path: str,
    question: Ask,
    *,
    required: bool,
    when: tuple[str, tuple[str, ...]] | None = None,
    with_part: bool = False,
    choices: Iterable[Any] | None = None,
) -> FieldSpec:
    members = list(choices if choices is not None else (question.choices or ()))
    bounded = question.kind in (FieldKind.TEXT, FieldKind.CHANGES)
    return FieldSpec(
        path=path,
        kind=question.kind,
        label_id=question.label_id,
        label_en=question.label_en,
        help_id=question.help_id,
        help_en=question.help_en,
        basis=question.basis,
        required=required,
        required_when=when,
        with_part=with_part and not required,
        choices=tuple(
            Choice(choice_code(m), choice_label(m), choice_label(m, "en")) for m in members
        ),
        minimum=question.minimum,
        maximum=question.maximum,
        max_length=question.max_length if bounded else None,
        level=None if question.level is None else question.level.name.lower(),
        filled_by=question.filled_by,
        ask=question,
    )


_FORMS = "Perpres 96/2018; Permendagri 109/2019"


def _person(label: tuple[str, str], help_id: str, help_en: str) -> Ask:
    return Ask(
        label_id=label[0],
        label_en=label[1],
        help_id=help_id,
        help_en=help_en,
        basis="Pasal 13 UU 24/2013",
        kind=FieldKind.NIK,
    )


_NIK_HELP = ("16 digit, seperti pada KK atau KTP-el.", "16 digits, as on the KK or KTP-el.")


def _people(kind: type[DocumentType], variant: str) -> list[FieldSpec]:
    fields = [
        _spec(
            "subject",
            _person(kind.subject_label, *_NIK_HELP),
            required=variant not in kind.unnamed,
        )
    ]
    if kind.partner_label is not None and variant not in kind.unnamed:
        fields.append(
            _spec(
                "partner",
                _person(kind.partner_label, *_NIK_HELP),
                required=variant in kind.partner_in,
            )
        )
    fields.append(
        _spec(
            "applicant",
            _person(
                kind.applicant_label,
                "Kosongkan bila mengajukan untuk diri sendiri.",
                "Leave empty when applying for yourself.",
            ),
            required=False,
        )
    )
    return fields


def _dates(kind: type[DocumentType], variant: str) -> list[FieldSpec]:
    if kind.deadline_days is None or kind.variant(variant).reissue:
        return []
    question = Ask(
        label_id=kind.event_label[0],
        label_en=kind.event_label[1],
        help_id=f"Dilaporkan paling lambat {kind.deadline_days} hari setelahnya.",
        help_en=f"Reported within {kind.deadline_days} days of it.",
        basis=kind.legal_basis[0],
        kind=FieldKind.DATE,
    )
    return [_spec("event_date", question, required=True)]


def _details(kind: type[DocumentType], variant: str) -> list[FieldSpec]:
    if variant not in kind.details_in:
        return []
    part = DETAILS_OF[kind.code]
    whole = kind.details_in[variant]
    return [
        _spec(
            f"details.{field.name}",
            question,
            required=(whole and field.default is attrs.NOTHING)
            or (question.required_in is not None and variant in question.required_in),
            with_part=field.default is attrs.NOTHING,
        )
        for field, question in asked(part)
    ]


_DELIVERY = Ask(
    label_id="Cara menerima dokumen",
    label_en="How to receive the document",
    help_id="Diambil di kantor, dikirim pos ke kantor kecamatan, digital, atau diantar petugas.",
    help_en="Collected at the office, posted to the district office, digital, or brought home.",
    basis="Layanan online Disdukcapil (kebijakan kantor)",
    kind=FieldKind.CHOICE,
    choices=Delivery,
)
_DISTRICT = Ask(
    label_id="Kantor kecamatan pengambilan (kode)",
    label_en="District office to collect at (code)",
    help_id="Kosongkan: kecamatan tempat tinggal Anda.",
    help_en="Leave empty: the district you live in.",
    basis="Layanan pos Disdukcapil (kebijakan kantor)",
    kind=FieldKind.REGION,
    level=RegionLevel.DISTRICT,
)
_REPRINT = Ask(
    label_id="Nomor permohonan dokumen yang hilang atau rusak",
    label_en="Number of the application whose document is lost or damaged",
    help_id="Bila diketahui, misalnya 18.08/000123.",
    help_en="If known, such as 18.08/000123.",
    basis="Perpres 96/2018",
    kind=FieldKind.TEXT,
    max_length=64,
)


def _delivery(
    kind: type[DocumentType], variant: str, offered: tuple[Delivery, ...]
) -> list[FieldSpec]:
    fields = [_spec("delivery", _DELIVERY, required=False, choices=offered)]
    if Delivery.POST in offered:
        fields.append(_spec("district_office", _DISTRICT, required=False, when=None))
    if Delivery.OUTREACH in offered:
        visit = ("delivery", (Delivery.OUTREACH.value,))
        fields += [
            _spec(
                f"outreach.{field.name}",
                question,
                required=False,
                when=visit if field.default is attrs.NOTHING else None,
                with_part=field.default is attrs.NOTHING,
            )
            for field, question in asked(Outreach)
        ]
    if kind.variant(variant).reissue:
        fields.append(_spec("reprint_of", _REPRINT, required=False))
    return fields


def _papers(kind: type[DocumentType], variant: str) -> tuple[Paper, ...]:
    return tuple(
        Paper(
            code=row.id,
            kinds=row.satisfied_by,
            label_id=row.summary_id or row.message_id,
            label_en=row.summary_en or row.message_en,
            basis=row.basis,
        )
        for row in kind.all_requirements(variant)
        # a form whose fields the description asks (met_from "form") is filled, not attached
        if row.satisfied_by and row.met_from != "form"
    )


def describe(
    document: DocumentCode,
    variant: str,
    *,
    deliveries: Iterable[Delivery] | None = None,
) -> FormDescription:
    """What the form of ``document`` (``variant``) asks, in order, and the papers it needs.

    ``deliveries`` are the ways the office offers to hand the document over (by default every
    :class:`~adminduk.documents.Delivery`; an office passes its workflow's, as
    :meth:`adminduk.workflows.Office.describe` does).
    """
    kind = document_type(document)
    chosen = kind.variant(variant)
    offered = (
        tuple(Delivery)
        if deliveries is None
        else tuple(d for d in Delivery if d in set(deliveries))
    )
    fields = (
        *_people(kind, chosen.code),
        *_dates(kind, chosen.code),
        *_details(kind, chosen.code),
        *_delivery(kind, chosen.code, offered),
    )
    return FormDescription(
        document=kind.code,
        variant=chosen.code,
        name_id=f"{kind.name_id}: {chosen.name_id}",
        name_en=f"{kind.name_en}: {chosen.name_en}",
        fields=fields,
        papers=_papers(kind, chosen.code),
        deliveries=offered,
    )
