"""adminduk's records as columns of plain JSON values, and read back checked: snapshot data.

A snapshot must be data, never code (issue 25): this module writes a graph of adminduk's attrs
records (residents, families, events, issued documents, forms, actions, applications) as one
table per class, each a column of plain values per field, and reads it back through readers
generated from the classes' field types. Nothing read names a function or a class: a record
refers to another by its row in the other class's table (a plain integer; a field whose type is
a base class, such as an event, carries the row's class name from a fixed list, :data:`RECORDS`).
Every value is checked against its field's type, every field converter (a NIK's check) and every
class's own checks run, so a record read back is as valid as one built by its constructor.

Records shared in memory (a resident held by the register and by the event that registered
her) are written once and shared again when read, as the office holds them.

>>> from adminduk.samples import family_event
>>> event = family_event()
>>> writer = ColumnWriter()
>>> row = writer.add(event)
>>> reader = ColumnReader(json.loads(json.dumps(writer.tables())))
>>> reader.get("FamilyRegistered", row) == event
True
>>> writer.tables()["Family"]["members[]"]
[0, 1, 2]
"""

from __future__ import annotations

import datetime
import enum
import functools
import hashlib
import json
import types
import typing
from collections.abc import Callable, Iterable
from typing import Any, Literal, Union

import attrs

from adminduk._fields import (
    compact_kk,
    compact_nik,
    optional_kk,
    optional_nik,
    positional_builder,
)
from adminduk._hooks import structure_date, structure_datetime, structure_time, unstructure_time
from adminduk.applications import Action, Actor, Application
from adminduk.codes import CodeTable
from adminduk.documents import DETAILS_OF, Attachment, Details, Finding, Form, Outreach, Review
from adminduk.errors import InvalidFormat
from adminduk.register import Address, Family, Membership, Resident
from adminduk.register.events import Event
from adminduk.register.issued import ISSUED_TYPES, IssuedDocument, PrintedMember
from adminduk.serialization import EVENT_TYPES

__all__ = ["FORMAT", "RECORDS", "ColumnReader", "ColumnWriter"]

#: Every class a snapshot may hold, each after the classes its fields refer to. A table's name
#: is its class's name; nothing outside this list can be named.
RECORDS: tuple[type, ...] = (
    Address,
    Membership,
    Family,
    Resident,
    PrintedMember,
    *ISSUED_TYPES.values(),
    *EVENT_TYPES.values(),
    Finding,
    Actor,
    *DETAILS_OF.values(),
    Outreach,
    Review,
    Attachment,
    Form,
    Action,
    Application,
)
_BY_NAME: dict[str, type] = {kind.__name__: kind for kind in RECORDS}
#: Field types naming a base class: the row's class is written beside its number.
_BASES: tuple[type[Any], ...] = (Event, IssuedDocument, Details)


class _Bad(Exception):
    """A raw value of the wrong type (the message says which field, when diagnosed)."""


# --- what each field holds: a plan, from its type ------------------------------------------------


@attrs.frozen
class _Plan:
    """How one field's value is written and read: ``kind`` and its parts."""

    kind: str  # str int bool date datetime time enum literal optional tuple pair frozenset ...
    inner: tuple[_Plan, ...] = ()
    target: Any = None  # the enum, the literal's values, the record class or the base class

    def shape(self) -> list[Any]:
        """What the plan reads and writes, the same in every process (no set order, no ids)."""
        target = self.target
        if isinstance(target, type) and issubclass(target, enum.Enum):
            described: Any = [target.__name__, sorted(repr(member.value) for member in target)]
        elif isinstance(target, frozenset):  # a literal's values
            described = sorted(repr(value) for value in target)
        else:  # a record or base class, or nothing
            described = getattr(target, "__name__", None)
        return [self.kind, [plan.shape() for plan in self.inner], described]


def _plan(hint: Any) -> _Plan:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint in (str, int, bool):
        return _Plan(hint.__name__)
    if hint is datetime.datetime:
        return _Plan("datetime")
    if hint is datetime.date:
        return _Plan("date")
    if hint is datetime.time:
        return _Plan("time")
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        return _Plan("enum", target=hint)
    if isinstance(hint, type) and hint in _BASES:
        return _Plan("poly", target=hint)
    if isinstance(hint, type) and hint.__name__ in _BY_NAME:
        return _Plan("record", target=hint)
    if origin is Literal:
        return _Plan("literal", target=frozenset(args))
    if origin in (Union, types.UnionType) and len(args) == 2 and type(None) in args:
        return _Plan("optional", (_plan(next(a for a in args if a is not type(None))),))
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return _Plan("tuple", (_plan(args[0]),))
    if origin is tuple and len(args) == 2:
        return _Plan("pair", (_plan(args[0]), _plan(args[1])))
    if origin is frozenset:
        return _Plan("frozenset", (_plan(args[0]),))
    raise TypeError(f"a snapshot cannot hold a field of type {hint!r}")  # pragma: no cover


@functools.cache
def _fields(kind: type) -> tuple[tuple[attrs.Attribute[Any], _Plan], ...]:
    resolved = attrs.fields(attrs.resolve_types(kind))
    return tuple((field, _plan(field.type)) for field in resolved)


def _fingerprint() -> str:
    """What the tables look like in this release: a snapshot of another shape is not read.

    Computed from the plans' :meth:`_Plan.shape`, never their ``repr``: a literal's values are
    a set, whose order follows the process's string hashing.
    """
    shape = [[kind.__name__, [[f.name, p.shape()] for f, p in _fields(kind)]] for kind in RECORDS]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()[:16]


#: The shape of the tables this release writes and reads (classes, fields, types).
FORMAT = _fingerprint()

#: Plans written flat: a count per row, and every row's items in one column ``field[]``.
_FLAT = ("tuple", "frozenset")


def _column_names(kind: type) -> list[str]:
    """The columns of ``kind``'s table, in order: one per field, and ``field[]`` for tuples."""
    names = []
    for field, plan in _fields(kind):
        names.append(field.name)
        if plan.kind in _FLAT:
            names.append(f"{field.name}[]")
    return names


# --- writing ---------------------------------------------------------------------------------------


class ColumnWriter:
    """Collects records into one table per class; each record once, however often it is held."""

    def __init__(self) -> None:
        self._columns: dict[str, dict[str, list[Any]]] = {}
        self._rows: dict[int, int] = {}  # id(record) -> its row in its class's table
        self._held: list[Any] = []  # keeps every record alive, so no id() is reused

    def add(self, record: object) -> int:
        """The row of ``record`` in its class's table, writing it (and what it holds) first."""
        found = self._rows.get(id(record))
        if found is not None:
            return found
        kind: type = type(record)
        if kind.__name__ not in _BY_NAME or _BY_NAME[kind.__name__] is not kind:
            raise InvalidFormat(f"a snapshot cannot hold a {kind.__name__}")
        fields = _fields(_BY_NAME[kind.__name__])
        columns = self._columns.get(kind.__name__)
        if columns is None:
            columns = self._columns[kind.__name__] = {name: [] for name in _column_names(kind)}
        values: list[tuple[str, Any]] = []
        for field, plan in fields:
            value = getattr(record, field.name)
            if plan.kind in _FLAT:
                items = [self._value(plan.inner[0], item) for item in value]
                if plan.kind == "frozenset":
                    items.sort()
                values.append((field.name, len(items)))
                values.append((f"{field.name}[]", items))
            else:
                values.append((field.name, self._value(plan, value)))
        for name, value in values:
            if name.endswith("[]"):
                columns[name].extend(value)
            else:
                columns[name].append(value)
        row = len(columns[fields[0][0].name]) - 1
        self._rows[id(record)] = row
        self._held.append(record)
        return row

    def ref(self, record: Any) -> str:
        """``"Class/row"``: a reference to a record of any of :data:`RECORDS`."""
        return f"{type(record).__name__}/{self.add(record)}"

    def _value(self, plan: _Plan, value: Any) -> Any:
        kind = plan.kind
        if kind in ("str", "int", "bool", "literal"):
            return value
        if kind in ("date", "datetime"):
            return value.isoformat()
        if kind == "time":
            return unstructure_time(value)
        if kind == "enum":
            return value.code if isinstance(value, CodeTable) else value.value
        if kind == "optional":
            return None if value is None else self._value(plan.inner[0], value)
        if kind in _FLAT:  # inside another value (a pair, an optional): a list
            items = [self._value(plan.inner[0], item) for item in value]
            return sorted(items) if kind == "frozenset" else items
        if kind == "pair":
            return [self._value(plan.inner[0], value[0]), self._value(plan.inner[1], value[1])]
        if kind == "record":
            return self.add(value)
        return self.ref(value)  # poly

    def tables(self) -> dict[str, dict[str, Any]]:
        """Every table: ``{class name: {"rows": n, column: [values...], ...}}``."""
        found: dict[str, dict[str, Any]] = {}
        for kind in RECORDS:
            columns = self._columns.get(kind.__name__)
            if columns is not None:
                rows = len(columns[_fields(kind)[0][0].name])
                found[kind.__name__] = {"rows": rows, **columns}
        return found


# --- reading ---------------------------------------------------------------------------------------


def _read_date(value: Any) -> datetime.date:
    return structure_date(value, None)


def _read_datetime(value: Any) -> datetime.datetime:
    return structure_datetime(value, None)


def _members(kind: type[enum.Enum]) -> dict[Any, Any]:
    if issubclass(kind, CodeTable):
        return {member.code: member for member in kind}
    return {member.value: member for member in kind}


def _raw_type(kind: type[enum.Enum]) -> type:
    return int if issubclass(kind, CodeTable) else str


def _converter(plan: _Plan, tables: dict[str, list[Any]]) -> Callable[[Any], Any]:
    """A function reading one raw value of ``plan`` (raises on anything else)."""
    kind = plan.kind
    if kind in ("str", "int", "bool"):
        wanted = {"str": str, "int": int, "bool": bool}[kind]

        def simple(value: Any) -> Any:
            if value.__class__ is not wanted:
                raise _Bad(f"expected {kind}, not {type(value).__name__}")
            return value

        return simple
    if kind == "date":
        return _read_date
    if kind == "datetime":
        return _read_datetime
    if kind == "time":
        return lambda value: structure_time(value, None)
    if kind == "literal":
        allowed = plan.target

        def literal(value: Any) -> Any:
            if value.__class__ is not str or value not in allowed:
                raise _Bad(f"{str(value)[:20]!r} is not one of {sorted(allowed)}")
            return value

        return literal
    if kind == "enum":
        members, raw = _members(plan.target), _raw_type(plan.target)

        def member(value: Any) -> Any:
            if value.__class__ is not raw or value not in members:
                raise _Bad(f"{str(value)[:20]!r} is no {plan.target.__name__}")
            return members[value]

        return member
    if kind == "optional":
        inner = _converter(plan.inner[0], tables)
        return lambda value: None if value is None else inner(value)
    if kind in ("tuple", "frozenset"):
        item = _converter(plan.inner[0], tables)
        made: Callable[[Iterable[Any]], Any] = tuple if kind == "tuple" else frozenset

        def many(value: Any) -> Any:
            if value.__class__ is not list:
                raise _Bad(f"expected a list, not {type(value).__name__}")
            return made([item(x) for x in value])

        return many
    if kind == "pair":
        first, second = (_converter(p, tables) for p in plan.inner)

        def pair(value: Any) -> Any:
            if value.__class__ is not list or len(value) != 2:
                raise _Bad("expected a pair")
            return (first(value[0]), second(value[1]))

        return pair
    if kind == "record":
        rows = tables.setdefault(plan.target.__name__, [])

        def record(value: Any) -> Any:
            if value.__class__ is not int or not 0 <= value < len(rows):
                raise _Bad(f"no {plan.target.__name__} row {str(value)[:20]}")
            return rows[value]

        return record
    base = plan.target

    def poly(value: Any) -> Any:
        if value.__class__ is not str:
            raise _Bad("expected a 'Class/row' reference")
        name, _, number = value.partition("/")
        kind, rows = _BY_NAME.get(name), tables.get(name, ())
        if (
            kind is None
            or not issubclass(kind, base)
            or not (number.isascii() and number.isdigit() and len(number) < 12)
            or not int(number) < len(rows)
        ):
            raise _Bad(f"no {base.__name__} {value[:40]!r}")
        return rows[int(number)]

    return poly


#: Field converters that are pure functions of a string (a NIK's or KK number's check): a read
#: checks each distinct number once per converter, however many records hold it.
_PURE = frozenset({compact_nik, compact_kk, optional_nik, optional_kk})

# The simple kinds are checked inline in the generated readers (the rest call a converter).
_INLINE = {
    "str": "if {v}.__class__ is not str: raise _Bad",
    "int": "if {v}.__class__ is not int: raise _Bad",
    "bool": "if {v}.__class__ is not bool: raise _Bad",
    "date": "{v} = _date({v})",
    "enum": "if {v}.__class__ is not {raw}: raise _Bad\n{v} = {members}[{v}]",
}


@functools.cache
def _reader_source(kind: type, *, trusted: bool = False) -> tuple[str, dict[str, Any]]:
    """Straight-line code reading every row of ``kind``'s table, and what it refers to.

    ``columns`` holds one column per field (a tuple field's counts); ``flat`` the items of each
    tuple field, already read (``None`` for other fields). ``trusted`` leaves out the fields'
    converters and the class's own checks (``__attrs_post_init__``): for tables this store
    wrote from records that passed them, as a sealed snapshot proves (the values' types and
    the references between rows are checked all the same).
    """
    fields = _fields(kind)
    count = len(fields)
    names = [f"v{i}" for i in range(count)]
    namespace: dict[str, Any] = {"_build": positional_builder(kind), "_Bad": _Bad}
    namespace["_date"] = _read_date
    head = [
        "def read(columns, flat, out, converters, memos):",
        f"    {', '.join(f'c{i}' for i in range(count))}, = columns",
        f"    {', '.join(f'f{i}' for i in range(count))}, = converters",
        f"    {', '.join(f'i{i}' for i in range(count))}, = flat",
        "    append = out.append",
    ]
    body = []
    tail = []
    for index, (field, plan) in enumerate(fields):
        value = names[index]
        converter: Any = field.converter
        if plan.kind in _FLAT:
            made = "tuple" if plan.kind == "tuple" else "frozenset"
            head.append(f"    o{index} = 0")
            code = (
                f"if {value}.__class__ is not int or {value} < 0: raise _Bad"
                f"\ne{index} = o{index} + {value}"
                f"\nif e{index} > len(i{index}): raise _Bad"
                f"\n{value} = {made}(i{index}[o{index}:e{index}])"
                f"\no{index} = e{index}"
            )
            tail.append(f"    if o{index} != len(i{index}): raise _Bad")
        elif plan.kind in _INLINE:
            namespace[f"_m{index}"] = _members(plan.target) if plan.kind == "enum" else None
            raw = _raw_type(plan.target).__name__ if plan.kind == "enum" else ""
            code = _INLINE[plan.kind].format(v=value, raw=raw, members=f"_m{index}")
        else:
            code = f"{value} = f{index}({value})"
        if trusted:
            pass  # written from a record that was converted and checked when it was made
        elif converter in _PURE:
            namespace[f"_c{index}"] = converter
            head.append(f"    m{index} = memos.setdefault(_c{index}, {{}})")
            code += (
                f"\nchecked = m{index}.get({value})"
                f"\nif checked is None:"
                f"\n    checked = m{index}[{value}] = _c{index}({value})"
                f"\n{value} = checked"
            )
        elif converter is not None:
            namespace[f"_c{index}"] = converter
            code += f"\n{value} = _c{index}({value})"
        body += [f"        {line}" for line in code.splitlines()]
    body.append(f"        made = _build({', '.join(names)})")
    if hasattr(kind, "__attrs_post_init__") and not trusted:
        body.append("        made.__attrs_post_init__()")
    body.append("        append(made)")
    loop = f"    for {', '.join(names)} in zip({', '.join(f'c{i}' for i in range(count))}):"
    return "\n".join([*head, loop, *body, *tail]), namespace


@functools.cache
def _reader(kind: type, *, trusted: bool = False) -> Callable[..., None]:
    source, namespace = _reader_source(kind, trusted=trusted)
    exec(source, namespace)
    return typing.cast(Callable[..., None], namespace["read"])


class ColumnReader:
    """Every table of a :class:`ColumnWriter`'s output, read back and checked, class by class.

    Anything that is not such tables (an unknown class or field, a column of another length, a
    value of the wrong type, a reference to a row that does not exist or comes later, a record
    its class refuses) raises ``InvalidFormat`` naming the class, row and field. ``tables`` is
    consumed: each table is removed from it once read.
    """

    def __init__(self, tables: Any, *, trusted: bool = False) -> None:
        self._trusted = trusted
        if tables.__class__ is not dict:
            raise InvalidFormat("a snapshot's tables are an object")
        unknown = sorted(str(name)[:30] for name in tables if name not in _BY_NAME)
        if unknown:
            raise InvalidFormat(f"a snapshot names classes no office holds: {unknown[:3]}")
        self._tables: dict[str, list[Any]] = {}
        self._memos: dict[Any, dict[Any, Any]] = {}
        for kind in RECORDS:
            # Each table is taken out of ``tables`` and emptied once read: the raw columns do not
            # outlive their records (less memory, and less for the garbage collector to walk).
            table = tables.pop(kind.__name__, None)
            if table is not None:
                self._read(kind, table)
                if table.__class__ is dict:
                    table.clear()

    def _read(self, kind: type, table: Any) -> None:
        name = kind.__name__
        fields = _fields(kind)
        if table.__class__ is not dict or set(table) != {"rows", *_column_names(kind)}:
            raise InvalidFormat(f"the {name} table does not have the columns of a {name}")
        count = table["rows"]
        if count.__class__ is not int or count < 0:
            raise InvalidFormat(f"the {name} table has no row count")
        columns = [table[field.name] for field, _ in fields]
        if any(c.__class__ is not list or len(c) != count for c in columns):
            raise InvalidFormat(f"a column of the {name} table is not a list of {count} values")
        flat: list[list[Any] | None] = []
        for field, plan in fields:
            if plan.kind not in _FLAT:
                flat.append(None)
                continue
            items = table[f"{field.name}[]"]
            if items.__class__ is not list:
                raise InvalidFormat(f"the {name} table's {field.name}[] is not a list")
            item = _converter(plan.inner[0], self._tables)
            try:
                flat.append([item(x) for x in items])
            except Exception as exc:
                raise InvalidFormat(f"{name}.{field.name}[]: {_reason(exc)}") from None
        converters = [_converter(plan, self._tables) for _, plan in fields]
        out = self._tables.setdefault(name, [])
        try:
            _reader(kind, trusted=self._trusted)(columns, flat, out, converters, self._memos)
        except Exception as exc:
            raise self._diagnose(kind, columns, len(out), exc) from None

    def _diagnose(
        self, kind: type, columns: list[list[Any]], row: int, error: Exception
    ) -> InvalidFormat:
        """Which field of row ``row`` is wrong (read again, field by field, slowly)."""
        name = kind.__name__
        if row >= len(columns[0]):
            return InvalidFormat(f"{name}: {_reason(error)}")
        for (field, plan), column in zip(_fields(kind), columns, strict=True):
            if plan.kind in _FLAT:
                if column[row].__class__ is not int or column[row] < 0:
                    return InvalidFormat(f"{name} row {row}, field {field.name}: no item count")
                continue
            try:
                value = _converter(plan, self._tables)(column[row])
                converter: Any = field.converter
                if converter is not None:
                    converter(value)
            except Exception as exc:
                return InvalidFormat(f"{name} row {row}, field {field.name}: {_reason(exc)}")
        return InvalidFormat(f"{name} row {row}: {_reason(error)}")

    def get(self, name: str, row: int) -> Any:
        """The record of class ``name`` at ``row`` (``InvalidFormat`` if there is none)."""
        rows = self._tables.get(name) if name.__class__ is str else None
        if rows is None or row.__class__ is not int or not 0 <= row < len(rows):
            raise InvalidFormat(f"the snapshot has no {str(name)[:30]} row {str(row)[:20]}")
        return rows[row]

    def ref(self, value: Any, base: type[Any]) -> Any:
        """The record a ``"Class/row"`` reference names, which must be a ``base``."""
        try:
            return _converter(_Plan("poly", target=base), self._tables)(value)
        except _Bad as exc:
            raise InvalidFormat(f"the snapshot names {_reason(exc)}") from None


def _reason(error: BaseException) -> str:
    text = str(error) or "a value of the wrong type or out of range"
    return f"{type(error).__name__}: {text}" if not isinstance(error, _Bad) else text
