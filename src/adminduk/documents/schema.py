"""JSON Schema (draft 2020-12) of a service's form, from its description.

:func:`form_schema` (:meth:`FormDescription.json_schema`) writes the schema of the
``adminduk/form`` document (:func:`adminduk.serialization.dumps` of a
:class:`~adminduk.documents.Form`) for one document and variant: every field with its JSON type,
the NIK pattern (:data:`adminduk.identifiers.nik.PATTERN`), the choices as written (codes), the
limits, the fields the variant requires, the visit required when the document is handed over
at home, and who may give which kind of evidence. Validate with format checking on (dates are
``"format": "date"`` besides their pattern).

What a schema cannot know is left to the library, which refuses it when the JSON is read: a
region code's existence in the Kemendagri lists (the schema checks its shape), a corrected
value against the code table of its field beyond its digits, and the same file attached twice
(``uniqueItems`` compares whole items, not their digests).

>>> from adminduk.documents import describe
>>> schema = describe("SKPWNI", "departure").json_schema()
>>> schema["properties"]["schema"], sorted(schema["properties"]["data"]["required"])[:3]
({'const': 'adminduk/form'}, ['channel', 'details', 'document'])
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from typing import Any, Protocol

import attrs

from adminduk.documents._spec import FieldKind, asked, choice_code
from adminduk.documents._vocabulary import Channel, Delivery, Evidence, Supplier
from adminduk.documents.attachments import MAX_BYTES, MEDIA_TYPES, Verdict
from adminduk.documents.details import Outreach
from adminduk.documents.form import DETAILS_OF
from adminduk.identifiers.nik import PATTERN as NIK_PATTERN
from adminduk.register.events import CORRECTABLE

__all__ = ["DIALECT", "form_schema"]

#: The JSON Schema dialect of every schema written here.
DIALECT = "https://json-schema.org/draft/2020-12/schema"

_CONTROLS = "\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u202a-\\u202e\\u2066-\\u2069"
_DATE = {"type": "string", "format": "date", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}
_TIME = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"}
_NIK = {"type": "string", "pattern": NIK_PATTERN}
_REGION = {
    "village": "^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{4}$",
    "district": "^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}(\\.[0-9]{4})?$",
    "regency": "^[0-9]{2}\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?$",
    "province": "^[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{2}(\\.[0-9]{4})?)?)?$",
}
_EXACT_DISTRICT = "^[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}$"


def _text(max_length: int) -> dict[str, Any]:
    """A line of text: not blank, no control or direction characters, bounded."""
    return {
        "type": "string",
        "minLength": 1,
        "maxLength": max_length,
        "allOf": [{"pattern": "\\S"}, {"pattern": f"^[^{_CONTROLS}]*$"}],
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [{"type": "null"}, schema]}


def _choices(table: type[enum.Enum]) -> dict[str, Any]:
    return {"enum": [choice_code(member) for member in table]}


def _changes(max_items: int = 20) -> dict[str, Any]:
    """A correction's (field, value) pairs; each value shaped as its field's type writes it."""
    rules = []
    for name, kind in CORRECTABLE.items():
        if kind is str:
            value: dict[str, Any] = {"type": "string", "minLength": 1, "pattern": "\\S"}
        elif isinstance(kind, type) and issubclass(kind, enum.Enum):
            value = {"enum": [str(choice_code(member)) for member in kind]}
        else:  # a date
            value = _DATE
        rules.append(
            {"if": {"prefixItems": [{"const": name}]}, "then": {"prefixItems": [True, value]}}
        )
    pair = {
        "type": "array",
        "prefixItems": [{"enum": list(CORRECTABLE)}, {"type": "string"}],
        "items": False,
        "minItems": 2,
        "maxItems": 2,
        "allOf": rules,
    }
    return {"type": "array", "items": pair, "maxItems": max_items}


def _value(field: attrs.Attribute[Any], question: Any) -> dict[str, Any]:
    """The schema of one described field's written value."""
    kind = question.kind
    if kind is FieldKind.TEXT:
        schema = _text(question.max_length)
        if question.pattern is not None:
            schema["allOf"].append({"pattern": f"^(?:{question.pattern})$"})
    elif kind is FieldKind.NIK:
        schema = dict(_NIK)
    elif kind is FieldKind.NIKS:
        schema = {"type": "array", "items": _NIK, "uniqueItems": True}
        if question.minimum:
            schema["minItems"] = question.minimum
        if question.maximum is not None:
            schema["maxItems"] = question.maximum
    elif kind is FieldKind.DATE:
        schema = dict(_DATE)
    elif kind is FieldKind.TIME:
        schema = dict(_TIME)
    elif kind is FieldKind.INTEGER:
        schema = {"type": "integer", "minimum": question.minimum, "maximum": question.maximum}
    elif kind is FieldKind.CHOICE:
        schema = _choices(question.choices)
    elif kind is FieldKind.REGION:
        level = "province" if question.level is None else question.level.name.lower()
        schema = {"type": "string", "pattern": _REGION[level]}
    else:
        schema = _changes()
    default = field.default
    if default is None:
        return _nullable(schema)
    if default == "":
        return {"anyOf": [{"const": ""}, schema]}
    return schema


def _part(kind: type, tag: str | None, required: set[str]) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    names = []
    for field, question in asked(kind):
        properties[field.name] = _value(field, question)
        if field.default is attrs.NOTHING or field.name in required:
            names.append(field.name)
    for name in required:  # given, and not empty
        value = properties[name]
        properties[name] = {"allOf": [value, {"not": {"enum": [None, "", []]}}]}
    if tag is not None:
        properties = {"type": {"const": tag}, **properties}
        names = ["type", *names]
    return {
        "type": "object",
        "properties": properties,
        "required": names,
        "additionalProperties": False,
    }


def _review() -> dict[str, Any]:
    refused = {"properties": {"verdict": {"const": Verdict.REFUSED.value}}}
    return {
        "type": "object",
        "properties": {
            "verdict": {"enum": [verdict.value for verdict in Verdict]},
            "by": {"type": "string", "minLength": 1, "pattern": "\\S"},
            "reason": {"type": "string", "maxLength": 300},
        },
        "required": ["verdict", "by"],
        "additionalProperties": False,
        "if": refused,
        "then": {"required": ["reason"], "properties": {"reason": {"pattern": "\\S"}}},
    }


def _attachment() -> dict[str, Any]:
    residents = [kind.value for kind in Evidence if kind.supplier is Supplier.RESIDENT]
    return {
        "type": "object",
        "properties": {
            "kind": {"enum": [kind.value for kind in Evidence]},
            "media_type": {"enum": list(MEDIA_TYPES)},
            "size": {"type": "integer", "minimum": 1, "maximum": MAX_BYTES},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "given_by": {"enum": [supplier.value for supplier in Supplier]},
            "review": _nullable(_review()),
        },
        "required": ["kind", "media_type", "size", "sha256"],
        "additionalProperties": False,
        # A resident gives only what a resident may (the office attests the rest).
        "if": {
            "not": {
                "properties": {"given_by": {"const": Supplier.OFFICE.value}},
                "required": ["given_by"],
            }
        },
        "then": {"properties": {"kind": {"enum": residents}}},
    }


def _kinds(supplier: Supplier) -> dict[str, Any]:
    return {
        "type": "array",
        "items": {"enum": [kind.value for kind in Evidence if kind.supplier is supplier]},
        "uniqueItems": True,
    }


class _Field(Protocol):
    @property
    def path(self) -> str: ...
    @property
    def required(self) -> bool: ...


class _Described(Protocol):
    """What :func:`form_schema` reads of a description (a ``FormDescription`` is one)."""

    @property
    def document(self) -> str: ...
    @property
    def variant(self) -> str: ...
    @property
    def name_id(self) -> str: ...
    @property
    def name_en(self) -> str: ...
    @property
    def fields(self) -> Sequence[_Field]: ...
    @property
    def paths(self) -> tuple[str, ...]: ...
    @property
    def deliveries(self) -> tuple[Delivery, ...]: ...


def form_schema(description: _Described) -> dict[str, Any]:
    """The JSON Schema of the ``adminduk/form`` document of ``description``'s service."""
    required_paths = {spec.path for spec in description.fields if spec.required}
    part = DETAILS_OF.get(description.document)
    details: dict[str, Any] = {"type": "null"}
    if part is not None and any(path.startswith("details.") for path in description.paths):
        wanted = {p.removeprefix("details.") for p in required_paths if p.startswith("details.")}
        details = _part(part, part.tag, wanted)
        if "details" not in required_paths and not any(
            p.startswith("details.") for p in required_paths
        ):
            details = _nullable(details)
    people = {
        name: (_NIK if name in required_paths else _nullable(_NIK))
        for name in ("subject", "partner", "applicant")
    }
    if "partner" not in description.paths:
        people["partner"] = {"type": "null"}
    event_date = _DATE if "event_date" in required_paths else _nullable(_DATE)
    offered = [delivery.value for delivery in description.deliveries]
    data: dict[str, Any] = {
        "type": "object",
        "properties": {
            "document": {"const": description.document},
            "variant": {"const": description.variant},
            "channel": {"enum": [channel.value for channel in Channel]},
            **people,
            "evidence": _kinds(Supplier.RESIDENT),
            "attested": _kinds(Supplier.OFFICE),
            "attachments": {"type": "array", "items": _attachment(), "maxItems": 50},
            "event_date": event_date,
            "delivery": {"enum": offered},
            "outreach": _nullable(_part(Outreach, None, set())),
            "reprint_of": _nullable({"type": "string"}),
            "reported_on": _nullable(_DATE),
            "district_office": _nullable({"type": "string", "pattern": _EXACT_DISTRICT}),
            "details": details,
        },
        "required": sorted(
            {"document", "variant", "channel"}
            | {path for path in required_paths if "." not in path}
            | ({"details"} if any(p.startswith("details.") for p in required_paths) else set())
        ),
        "additionalProperties": False,
    }
    if "delivery" not in required_paths:
        data["properties"]["delivery"] = {"enum": offered}
    outreach_value = "outreach"
    if outreach_value in offered:
        data["if"] = {
            "properties": {"delivery": {"const": outreach_value}},
            "required": ["delivery"],
        }
        data["then"] = {
            "required": ["outreach"],
            "properties": {"outreach": {"type": "object"}},
        }
    return {
        "$schema": DIALECT,
        "$id": f"urn:adminduk:form:{description.document}:{description.variant}",
        "title": description.name_en,
        "description": description.name_id,
        "type": "object",
        "properties": {
            "schema": {"const": "adminduk/form"},
            "version": {"const": 1},
            "data": data,
        },
        "required": ["schema", "version", "data"],
        "additionalProperties": False,
    }
