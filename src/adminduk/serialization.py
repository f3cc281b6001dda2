"""JSON and plain-data forms of adminduk's values, through one cattrs converter.

Every top-level document names its ``schema`` and ``version``; dates are ISO 8601 strings; code
tables are written as their numeric codes; events carry a ``type`` tag. This is the only place
where NIK and KK numbers are written whole.

>>> from adminduk.samples import family_event
>>> event = family_event()
>>> text = dumps(event)
>>> text[:60]
'{"schema": "adminduk/event", "version": 1, "data": {"occurre'
>>> loads(text) == event
True

Bad input is refused with a :class:`~adminduk.errors.ValidationError` naming every bad path:

>>> loads('{"schema": "adminduk/address", "version": 1, "data": '
...       '{"street": "Jl. Merdeka", "rt": "1", "rw": 2, "village_code": 5}}')
Traceback (most recent call last):
...
adminduk.errors.InvalidFormat: invalid document: expected a string, not int @ $.data.rw; expected a string, not int @ $.data.village_code
"""

from __future__ import annotations

import datetime
import enum
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar, Union, cast

import attrs
import cattrs
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn, override
from cattrs.strategies import configure_tagged_union

from adminduk._fields import checked_builder, compact_kk, compact_nik, optional_kk, optional_nik
from adminduk._hooks import (
    code_hook,
    code_value,
    enum_value,
    is_tuple_of,
    shared_text,
    strict,
    structure_date,
    structure_datetime,
    structure_enum,
    structure_time,
    tuple_structurer,
    tuple_unstructurer,
    unstructure_time,
)
from adminduk.applications import Action, Actor, Application, Role, Status, Trigger
from adminduk.codes import CodeTable, Relationship
from adminduk.documents import (
    DETAILS_OF,
    Attachment,
    Channel,
    Delivery,
    Details,
    Evidence,
    Finding,
    FindingKind,
    Form,
    Outreach,
    OutreachReason,
    Review,
    Supplier,
    Verdict,
)
from adminduk.errors import AdmindukError, InvalidComponent, InvalidFormat
from adminduk.register import Address, Family, Membership, Registry, Resident
from adminduk.register.events import (
    Birth,
    DataCorrection,
    Death,
    Divorce,
    DocumentIssued,
    DocumentWithdrawn,
    Event,
    FamilyRegistered,
    FamilySplit,
    Household,
    KTPElCardUpdated,
    KTPElRecorded,
    Marriage,
    MoveIn,
    MoveOut,
    MoveWithin,
    Relationships,
)
from adminduk.register.issued import ISSUED_TYPES, IssuedDocument, PrintedMember
from adminduk.register.merges import DuplicateMerged
from adminduk.workflows import replay

__all__ = [
    "DETAILS_TYPES",
    "EVENT_TYPES",
    "SCHEMA_VERSION",
    "converter",
    "dumps",
    "loads",
    "structure",
    "unstructure",
]

#: The version of the document format written by this release.
SCHEMA_VERSION: Final = 1

#: Every life event type, by the tag that names it in documents.
EVENT_TYPES: dict[str, type[Event]] = {
    "family_registered": FamilyRegistered,
    "birth": Birth,
    "death": Death,
    "marriage": Marriage,
    "divorce": Divorce,
    "move_within": MoveWithin,
    "move_out": MoveOut,
    "move_in": MoveIn,
    "family_split": FamilySplit,
    "data_correction": DataCorrection,
    "ktp_el_recorded": KTPElRecorded,
    "ktp_el_card_updated": KTPElCardUpdated,
    "document_issued": DocumentIssued,
    "document_withdrawn": DocumentWithdrawn,
    "duplicate_merged": DuplicateMerged,
}
_TAGS = {kind: tag for tag, kind in EVENT_TYPES.items()}
AnyEvent = Union[  # noqa: UP007 - cattrs needs a typing.Union to configure the tagged union
    FamilyRegistered,
    Birth,
    Death,
    Marriage,
    Divorce,
    MoveWithin,
    MoveOut,
    MoveIn,
    FamilySplit,
    DataCorrection,
    KTPElRecorded,
    KTPElCardUpdated,
    DocumentIssued,
    DocumentWithdrawn,
    DuplicateMerged,
]

_T = TypeVar("_T")
#: Plain enums written by value.
_ENUMS: tuple[type[enum.Enum], ...] = (Household, Channel, Evidence, FindingKind, Status)
_ENUMS += (Delivery, Role, Trigger, Supplier, Verdict, OutreachReason)

#: Each typed part of a form, by the tag that names it in documents (``{"type": "birth"}``).
DETAILS_TYPES: dict[str, type[Details]] = {kind.tag: kind for kind in DETAILS_OF.values()}


def _structure_relationships(value: Any, _: Any) -> Relationships:
    if not isinstance(value, dict):
        raise InvalidFormat(
            f"expected an object of NIK: relationship code, not {type(value).__name__}"
        )
    return tuple(
        (number, converter.structure(code, Relationship)) for number, code in value.items()
    )


#: The attrs converters that check personal numbers, and the kind of value each expects.
_NUMBER_CONVERTERS: dict[Any, bool] = {compact_nik: False, compact_kk: False}
_NUMBER_CONVERTERS |= {optional_nik: True, optional_kk: True}


def _number_hook(check: Callable[[Any], Any], optional: bool) -> Callable[[Any, Any], Any]:
    """A field hook that checks a NIK or KK number where it stands, so errors name its path."""

    def hook(value: Any, _: Any) -> Any:
        if value is None and optional:
            return None
        if type(value) is not str:
            raise InvalidFormat(f"expected a string, not {type(value).__name__}")
        return sys.intern(check(value))  # one object per number, however often it occurs

    return hook


#: The classes read from documents, each after the classes its fields hold.
_CLASSES: tuple[type[Any], ...] = (
    Address,
    Membership,
    Resident,
    Family,
    PrintedMember,
    *ISSUED_TYPES.values(),
    *EVENT_TYPES.values(),
    Actor,
    *DETAILS_TYPES.values(),
    Outreach,
    Review,
    Attachment,
    Form,
    Action,
)


def _number_overrides(made: cattrs.Converter) -> dict[type[Any], dict[str, Any]]:
    """Structure classes with personal-number fields through per-field hooks.

    Returns the overrides of each class (the field hooks :func:`_checked_hooks` uses).
    """
    overridden: dict[type[Any], dict[str, Any]] = {}
    for kind in _CLASSES:
        overrides: dict[str, Any] = {
            field.name: override(struct_hook=_number_hook(field.converter, optional))
            for field in attrs.fields(kind)
            if (optional := _NUMBER_CONVERTERS.get(field.converter)) is not None
        }
        if kind is Action:
            # An action's form is the form as filed, and its event any life event.
            overrides["form"] = override(
                struct_hook=lambda value, _: _optional(value, Form),
                unstruct_hook=lambda value: _unoptional(value, Form),
            )
            overrides["events"] = override(
                struct_hook=lambda value, _: _structure_events(value),
                unstruct_hook=lambda value: [converter.unstructure(e, AnyEvent) for e in value],
            )
            made.register_unstructure_hook(kind, make_dict_unstructure_fn(kind, made, **overrides))
        if overrides:
            made.register_structure_hook(kind, make_dict_structure_fn(kind, made, **overrides))
        overridden[kind] = overrides
    return overridden


def _checked_hooks(made: cattrs.Converter, overridden: dict[type[Any], dict[str, Any]]) -> None:
    """Give every class a structure hook that checks each value once (issue 18).

    cattrs' generated hook checks each field, then calls the class, whose converters check the
    personal numbers again; the checked builder calls each field's hook, builds the instance
    directly and runs its ``__attrs_post_init__`` checks. Anything the builder does not take
    goes to cattrs' hook, which gives the error and its path exactly as before.
    """
    for kind in _CLASSES:
        overrides = overridden[kind]
        hooks = {
            field.name: (
                overrides[field.name].struct_hook
                if field.name in overrides
                else made.get_structure_hook(field.type)
            )
            for field in attrs.fields(attrs.resolve_types(kind))
        }
        # The personal-number hooks already do those fields' converters' work.
        numbers = {f.name for f in attrs.fields(kind) if f.converter in _NUMBER_CONVERTERS}
        fallback = made.get_structure_hook(kind)
        made.register_structure_hook(
            kind, checked_builder(kind, hooks, fallback, converted=numbers)
        )
        if kind in (Resident, Membership, PrintedMember, Action):
            tuple_of = tuple[kind, ...]  # type: ignore[valid-type]
            made.register_structure_hook_func(
                is_tuple_of(kind),
                tuple_structurer(made.get_structure_hook(kind), made.get_structure_hook(tuple_of)),
            )


def _structure_events(value: Any) -> tuple[Event, ...]:
    if not isinstance(value, list):
        raise InvalidFormat(f"expected a list of events, not {type(value).__name__}")
    kind: Any = AnyEvent
    return tuple(converter.structure(item, kind) for item in value)


def _tagged(key: str, table: dict[str, Any], what: str) -> tuple[Any, Any]:
    """Hooks for a base class whose subclass a key names (``document``, ``type``) in the object.

    Issued documents are named by their ``document`` code, a form's parts by their ``type``.
    """

    def structure(value: Any, _: Any) -> Any:
        if not isinstance(value, dict):
            raise InvalidFormat(f"expected {what} (object), not {type(value).__name__}")
        tag = value.get(key)
        kind = table.get(tag) if isinstance(tag, str) else None
        if kind is None:
            raise InvalidComponent(f"{what}'s {key!r} is one of {', '.join(table)}")
        return converter.structure({k: v for k, v in value.items() if k != key}, kind)

    def unstructure(value: Any) -> dict[str, Any]:
        tag = value.document if key == "document" else value.tag
        return {key: tag, **converter.unstructure(value, type(value))}

    return structure, unstructure


_structure_record, _unstructure_record = _tagged("document", ISSUED_TYPES, "an issued document")
_structure_details, _unstructure_details = _tagged("type", DETAILS_TYPES, "a form's details")


def _optional(value: Any, kind: Any) -> Any:
    return None if value is None else converter.structure(value, kind)


def _unoptional(value: Any, kind: Any) -> Any:
    return None if value is None else converter.unstructure(value, kind)


def _evidence_list(items: frozenset[Evidence]) -> list[str]:
    return sorted(item.value for item in items)


#: Fields written only when they hold something (see ``_make_converter``).
_OMITTED_WHEN_EMPTY: dict[type[Any], tuple[str, ...]] = {
    Resident: ("nik_birth_date", "nik_sex"),
    **dict.fromkeys(ISSUED_TYPES.values(), ("notes",)),
    # What a certificate prints from the form's report (absent on older records and copies).
    ISSUED_TYPES["AKTA-LAHIR"]: ("notes", "birth_order"),
    ISSUED_TYPES["AKTA-MATI"]: ("notes", "place"),
    ISSUED_TYPES["AKTA-KAWIN"]: ("notes", "place", "religion", "officiant"),
    ISSUED_TYPES["AKTA-CERAI"]: ("notes", "court", "decision_number"),
    ISSUED_TYPES["SKPWNI"]: ("notes", "reason"),
    Finding: ("field",),
    Form: ("attested", "attachments", "outreach"),
}


def _make_converter() -> cattrs.Converter:
    made = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    made.register_unstructure_hook(datetime.date, datetime.date.isoformat)
    made.register_structure_hook(datetime.date, structure_date)
    made.register_unstructure_hook(datetime.datetime, datetime.datetime.isoformat)
    made.register_structure_hook(datetime.datetime, structure_datetime)
    made.register_unstructure_hook(datetime.time, unstructure_time)
    made.register_structure_hook(datetime.time, structure_time)
    made.register_structure_hook(str, shared_text)
    for kind, name in ((int, "an integer"), (bool, "true or false")):
        made.register_structure_hook(kind, strict(kind, name))
    # Hooks registered for each class outrank cattrs' own enum handling in every version (a
    # predicate hook does not in cattrs 24, which would take True for code 1).
    for table in CodeTable.__subclasses__():
        made.register_unstructure_hook(table, code_value)
        made.register_structure_hook(table, code_hook(table))
    for plain in _ENUMS:
        made.register_unstructure_hook(plain, enum_value)
        made.register_structure_hook(plain, structure_enum)
    made.register_unstructure_hook_func(
        lambda t: t == Relationships, lambda pairs: {n: r.code for n, r in pairs}
    )
    made.register_unstructure_hook_func(lambda t: t == frozenset[Evidence], _evidence_list)
    made.register_unstructure_hook_func(lambda t: t is Details, _unstructure_details)
    # Fields that hold something only in some documents (a correction's margin notes, a form's
    # files) are left out while empty: documents written before they existed read back the
    # same, and stay as small. Before the tuple hooks below, which take these hooks in.
    for kind, names in _OMITTED_WHEN_EMPTY.items():
        omitted: dict[str, Any] = {name: override(omit_if_default=True) for name in names}
        made.register_unstructure_hook(kind, make_dict_unstructure_fn(kind, made, **omitted))
    made.register_structure_hook_func(lambda t: t == Relationships, _structure_relationships)
    # Homogeneous tuples of adminduk values: a list comprehension over the element's own hook
    # (cattrs' generic iterable path is several times slower).
    for element in (Resident, Membership):
        made.register_unstructure_hook_func(
            is_tuple_of(element), tuple_unstructurer(made.get_unstructure_hook(element))
        )
    overridden = _number_overrides(made)
    # By predicate, so that the subclasses keep cattrs' own attrs hooks.
    made.register_structure_hook_func(lambda t: t is IssuedDocument, _structure_record)
    made.register_unstructure_hook_func(lambda t: t is IssuedDocument, _unstructure_record)
    made.register_structure_hook_func(lambda t: t is Details, _structure_details)
    _checked_hooks(made, overridden)
    configure_tagged_union(AnyEvent, made, tag_generator=_TAGS.__getitem__, tag_name="type")
    return made


#: The converter behind every function here; use it to embed adminduk values in your own types.
converter: Final = _make_converter()


# --- documents -----------------------------------------------------------------------------------

_SCHEMAS: dict[str, type] = {
    "adminduk/resident": Resident,
    "adminduk/family": Family,
    "adminduk/address": Address,
    "adminduk/membership": Membership,
    "adminduk/event": Event,
    "adminduk/journal": tuple,
    "adminduk/registry": Registry,
    "adminduk/form": Form,
    "adminduk/application": Application,
}


def _schema_of(value: object) -> str:
    if isinstance(value, Registry):
        return "adminduk/registry"
    if isinstance(value, Event):
        return "adminduk/event"
    if isinstance(value, tuple | list):
        if not all(isinstance(item, Event) for item in value):
            raise InvalidFormat("a sequence is written only as a journal of events")
        return "adminduk/journal"
    for schema, kind in _SCHEMAS.items():
        if type(value) is kind:
            return schema
    raise InvalidFormat(f"adminduk cannot write a {type(value).__name__}")


def _events(events: Sequence[Event]) -> list[Any]:
    return [converter.unstructure(event, AnyEvent) for event in events]


def unstructure(value: Any) -> dict[str, Any]:
    """Return the document (plain dicts, lists, strings, numbers) for an adminduk value.

    Accepts a :class:`~adminduk.Resident`, :class:`~adminduk.Family`,
    :class:`~adminduk.Address`, :class:`~adminduk.Membership`, any event, a sequence of events
    (a journal), a whole :class:`~adminduk.Registry`, a :class:`~adminduk.documents.Form`, or
    an :class:`~adminduk.applications.Application` (its number and history: the history
    determines the rest).
    """
    schema = _schema_of(value)
    if schema == "adminduk/registry":
        registry = cast(Registry, value)
        # The journal determines the register (replaying it rebuilds an equal one), so the
        # document holds the journal only: nothing is written twice, and loading re-checks
        # every rule by replaying.
        data: Any = {"area": registry.area, "journal": _events(registry.journal)}
    elif schema == "adminduk/journal":
        data = _events(value)
    elif schema == "adminduk/event":
        data = converter.unstructure(value, AnyEvent)
    elif schema == "adminduk/application":
        application = cast(Application, value)
        data = {
            "id": application.id,
            "history": converter.unstructure(application.history, tuple[Action, ...]),
        }
    else:
        data = converter.unstructure(value, type(value))
    return {"schema": schema, "version": SCHEMA_VERSION, "data": data}


def _format(exc: BaseException, kind: type | None) -> str:
    if isinstance(exc, AdmindukError):
        return str(exc)
    return cattrs.v.format_exception(exc, kind)


def _fail(exc: BaseException, path: str) -> InvalidFormat:
    if isinstance(exc, RecursionError):
        return InvalidFormat(f"invalid document: nested too deeply @ {path}")
    try:
        messages = cattrs.transform_error(exc, path=path, format_exception=_format)
    except Exception:
        messages = [f"{type(exc).__name__} @ {path}"]
    return InvalidFormat("invalid document: " + "; ".join(messages[:5]))


def _structure_as(data: Any, kind: Any, path: str) -> Any:
    """Structure untrusted ``data`` as ``kind``; any failure is an ``InvalidFormat``."""
    objects = kind is AnyEvent or (isinstance(kind, type) and attrs.has(kind))
    if objects and not isinstance(data, dict):
        raise InvalidFormat(
            f"invalid document: expected an object, not {type(data).__name__} @ {path}"
        )
    try:
        return converter.structure(data, kind)
    except Exception as exc:
        raise _fail(exc, path) from None


def structure(document: Any, kind: type[_T] | None = None) -> _T:
    """Return the value a document (from :func:`unstructure`) describes.

    ``kind`` optionally names the type the caller expects (``Registry``, ``Resident``, ...;
    ``tuple`` for a journal); a document of another schema is refused.
    """
    if not isinstance(document, dict):
        raise InvalidFormat(f"a document is an object, not {type(document).__name__}")
    extra = set(document) - {"schema", "version", "data"}
    if extra:
        raise InvalidFormat(f"invalid document: unknown keys {sorted(map(str, extra))[:5]} @ $")
    schema = document.get("schema")
    if not isinstance(schema, str) or schema not in _SCHEMAS:
        shown = repr(schema) if isinstance(schema, str) else f"of type {type(schema).__name__}"
        raise InvalidFormat(
            f"unknown document schema {shown}; known are {', '.join(_SCHEMAS)} @ $.schema"
        )
    version = document.get("version")
    if type(version) is not int or version != SCHEMA_VERSION:
        # exactly the integer 1: true and 1.0 are not versions
        shown = repr(version) if type(version) is int else f"of type {type(version).__name__}"
        raise InvalidFormat(f"document version {shown} is not {SCHEMA_VERSION} @ $.version")
    if kind is not None and not issubclass(_SCHEMAS[schema], kind):
        article = "an" if kind.__name__[0] in "AEIOU" else "a"
        raise InvalidFormat(f"expected {article} {kind.__name__} document, got {schema}")
    if "data" not in document:
        raise InvalidFormat("invalid document: required field missing @ $.data")
    data = document["data"]
    if schema == "adminduk/registry":
        return cast(_T, _structure_registry(data))
    if schema == "adminduk/journal":
        if not isinstance(data, list):
            raise InvalidFormat(
                f"invalid document: expected a list, not {type(data).__name__} @ $.data"
            )
        return cast(
            _T,
            tuple(_structure_as(raw, AnyEvent, f"$.data[{i}]") for i, raw in enumerate(data)),
        )
    if schema == "adminduk/event":
        return cast(_T, _structure_as(data, AnyEvent, "$.data"))
    if schema == "adminduk/application":
        return cast(_T, _structure_application(data))
    return cast(_T, _structure_as(data, _SCHEMAS[schema], "$.data"))


_REGISTRY_KEYS = ("area", "journal")


def _structure_registry(data: Any) -> Registry:
    if not isinstance(data, dict):
        raise InvalidFormat("invalid document: expected a mapping @ $.data")
    unknown = set(data) - set(_REGISTRY_KEYS)
    missing = set(_REGISTRY_KEYS) - set(data)
    if unknown or missing:
        raise InvalidFormat(
            f"invalid document: unknown keys {sorted(unknown)}, missing keys {sorted(missing)} "
            "@ $.data"
        )
    area = _structure_as(data["area"], Union[str, None], "$.data.area")  # noqa: UP007
    journal = data["journal"]
    if not isinstance(journal, list):
        raise InvalidFormat(
            f"invalid document: expected a list, not {type(journal).__name__} @ $.data.journal"
        )
    try:
        registry = Registry(area=area)
    except AdmindukError as exc:
        raise InvalidComponent(f"invalid document: {exc} @ $.data.area") from None
    # Event by event, each structured just before it is applied: a bad event is refused where
    # it stands, without building the rest of the file first.
    for index, raw in enumerate(journal):
        event = _structure_as(raw, AnyEvent, f"$.data.journal[{index}]")
        try:
            registry.apply(event)
        except AdmindukError as exc:
            raise InvalidComponent(
                f"invalid document: the journal cannot be replayed: {exc} @ $.data.journal[{index}]"
            ) from None
    return registry


def _structure_application(data: Any) -> Application:
    if not isinstance(data, dict):
        raise InvalidFormat(
            f"invalid document: expected an object, not {type(data).__name__} @ $.data"
        )
    extra = sorted(str(key) for key in set(data) - {"id", "history"})
    if extra:
        raise InvalidFormat(f"invalid document: unknown keys {extra} @ $.data")
    ident = _structure_as(data.get("id"), str, "$.data.id")
    history = _structure_as(data.get("history"), tuple[Action, ...], "$.data.history")
    try:
        return replay(history, id=ident)
    except AdmindukError as exc:
        raise InvalidComponent(f"invalid document: {exc} @ $.data.history") from None


def dumps(value: Any, *, indent: int | None = None) -> str:
    """Return ``value`` as a JSON document (see :func:`unstructure`)."""
    return json.dumps(unstructure(value), ensure_ascii=False, indent=indent)


def loads(text: str | bytes, kind: type[_T] | None = None) -> _T:
    """Return the value of a JSON document written by :func:`dumps` (see :func:`structure`).

    Anything that is not such a document (not text, not JSON, invalid UTF-8, an integer too
    long for Python to read, nesting deeper than the interpreter allows, wrong types, broken
    rules) is refused with an :class:`~adminduk.errors.AdmindukError`.
    """
    if not isinstance(text, str | bytes | bytearray):
        raise InvalidFormat(f"loads reads a str or bytes, not {type(text).__name__}")
    try:
        document = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InvalidFormat(
            f"not a JSON document: {exc.__class__.__name__} at position {getattr(exc, 'pos', '?')}"
        ) from None
    except RecursionError:
        raise InvalidFormat("not a JSON document adminduk reads: nested too deeply") from None
    except ValueError as exc:  # an integer past sys.get_int_max_str_digits()
        raise InvalidFormat(f"not a JSON document adminduk reads: {exc}") from None
    try:
        return structure(document, kind)
    except RecursionError:
        raise InvalidFormat("invalid document: nested too deeply") from None
