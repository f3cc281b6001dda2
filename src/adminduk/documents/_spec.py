"""How a form's fields are asked and checked: one description per field, read three ways.

Every field a resident or an officer fills (on a :class:`~adminduk.documents.Form` and on its
typed parts) carries an :class:`Ask` in its attrs metadata: its labels and help in Indonesian
and English, what it holds (:class:`FieldKind`), its limits, who fills it, and the form and
article it comes from. The same description checks a value when a part is made
(:func:`check_fields`), reads a resident's typed answer (:func:`read_answer`), and is what
frontends render and what the JSON Schema export says (:mod:`adminduk.documents.described`).
A rule is written once, here, and every reader follows it.

>>> ask = Ask(label_id="Berat bayi (gram)", label_en="Birth weight (grams)", basis="F-2.01",
...           kind=FieldKind.INTEGER, minimum=300, maximum=7000)
>>> read_answer(ask, "3.200", field="details.weight_grams")
3200
>>> read_answer(ask, "90", field="details.weight_grams")
Traceback (most recent call last):
...
adminduk.errors.InvalidField: Birth weight (grams) must be from 300 to 7000, not 90
"""

from __future__ import annotations

import datetime
import enum
import re
import unicodedata
from collections.abc import Callable
from typing import Any, ClassVar

import attrs

from adminduk import regions
from adminduk._fields import compact_nik
from adminduk.documents._vocabulary import Supplier
from adminduk.errors import AdmindukError, InvalidField
from adminduk.register.events import from_text

__all__ = [
    "MAX_TEXT",
    "Ask",
    "Details",
    "FieldKind",
    "as_answer",
    "ask",
    "asked",
    "check_fields",
    "choice_code",
    "choice_label",
    "field_error",
    "read_answer",
]

#: The longest text any field takes (a name, a place, a court), in characters.
MAX_TEXT = 200


class FieldKind(enum.Enum):
    """What a field holds, as a frontend renders it and a reader reads it."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    TEXT = "text"  #: a line of text (a name, a place)
    NIK = "nik"  #: one NIK (16 digits)
    NIKS = "niks"  #: a list of NIKs (witnesses, the members who move)
    DATE = "date"  #: a day (ISO ``YYYY-MM-DD``; residents may type ``DD-MM-YYYY``)
    TIME = "time"  #: a time of day (``HH:MM``)
    INTEGER = "integer"  #: a whole number within limits
    CHOICE = "choice"  #: one member of a code table or enumeration
    REGION = "region"  #: a Kemendagri region code (``PP.KK[.DD[.VVVV]]``)
    CHANGES = "changes"  #: corrected fields of the register, each with its value as text


@attrs.frozen(kw_only=True)
class Ask:
    """How one field is asked: labels, help, what it holds, its limits, who fills it, its source.

    ``choices`` is the code table or enumeration of a ``CHOICE`` field; ``minimum`` and
    ``maximum`` bound an ``INTEGER`` (and a ``NIKS`` list's length); ``max_length`` a text, and
    ``pattern`` (a regular expression, for Python and JSON Schema alike) its shape;
    ``level`` is the finest region level a ``REGION`` accepts (a moving letter's destination is a
    regency or finer). ``required_in`` names the variants where a field with a default must
    still be given (``None``: wherever the field has no default). ``filled_by`` says who may
    fill it: a resident, or only the office.
    """

    label_id: str
    label_en: str
    basis: str
    kind: FieldKind
    help_id: str = ""
    help_en: str = ""
    choices: type[enum.Enum] | None = None
    minimum: int | None = None
    maximum: int | None = None
    max_length: int = MAX_TEXT
    #: A regular expression a text must match whole (an RT is one to three digits).
    pattern: str | None = None
    level: regions.RegionLevel | None = None
    required_in: frozenset[str] | None = None
    filled_by: Supplier = Supplier.RESIDENT


def ask(question: Ask, *, default: Any = attrs.NOTHING) -> Any:
    """An attrs field described by ``question`` (and converted, for NIKs and regions)."""
    converter = _CONVERTERS.get(question.kind)
    return attrs.field(default=default, converter=converter, metadata=described_by(question))


def described_by(question: Ask) -> dict[str, Ask]:
    """The attrs metadata describing a field by ``question`` (for a field with its own converter).

    >>> import attrs
    >>> field = attrs.field(default=(), metadata=described_by(Ask(
    ...     label_id="Nama", label_en="Name", basis="F-1.01", kind=FieldKind.TEXT)))
    """
    return {_KEY: question}


_KEY = "adminduk.ask"


def asked(kind: type) -> tuple[tuple[attrs.Attribute[Any], Ask], ...]:
    """The described fields of the attrs class ``kind``, in order, with their descriptions."""
    return tuple(
        (field, field.metadata[_KEY]) for field in attrs.fields(kind) if _KEY in field.metadata
    )


# --- checking values ------------------------------------------------------------------------


def field_error(
    kind: type, name: str, problem: str, en: str, id_: str, *, prefix: str = "details."
) -> InvalidField:
    """An :class:`InvalidField` about field ``name`` of the described class ``kind``.

    The messages start with the field's label (``en`` and ``id_`` say what is wrong), so a
    resident reads which field to fix in either language.
    """
    question = next(q for f, q in asked(kind) if f.name == name)
    return _fail(question, prefix + name, problem, en, id_)


def _fail(question: Ask, field: str, problem: str, en: str, id_: str) -> InvalidField:
    return InvalidField(
        f"{question.label_en} {en}",
        field=field,
        code=f"{field}.{problem}",
        message_id=f"{question.label_id} {id_}",
    )


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def _text(question: Ask, value: object, field: str) -> str:
    if not isinstance(value, str):
        raise _fail(question, field, "type", "must be text", "harus berupa teks")
    if not value.strip():
        raise _fail(question, field, "empty", "is empty", "masih kosong")
    if len(value) > question.max_length:
        raise _fail(
            question,
            field,
            "length",
            f"is longer than {question.max_length} characters",
            f"lebih dari {question.max_length} karakter",
        )
    if _CONTROL.search(value):
        raise _fail(
            question,
            field,
            "characters",
            "holds control or direction characters",
            "memuat karakter kendali",
        )
    if question.pattern is not None and re.fullmatch(question.pattern, value) is None:
        raise _fail(
            question,
            field,
            "pattern",
            f"is not of the right form ({question.help_en or question.pattern})",
            f"tidak sesuai bentuknya ({question.help_id or question.pattern})",
        )
    return value


def _integer(question: Ask, value: object, field: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(
            question, field, "type", "must be a whole number", "harus berupa bilangan bulat"
        )
    low, high = question.minimum, question.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        raise _fail(
            question,
            field,
            "range",
            f"must be from {low} to {high}, not {value}",
            f"harus antara {low} dan {high}, bukan {value}",
        )
    return value


def _region(question: Ask, value: object, field: str) -> str:
    if not isinstance(value, str):
        raise _fail(question, field, "type", "must be a region code", "harus berupa kode wilayah")
    try:
        region = regions.get(value)
    except AdmindukError:
        raise _fail(
            question,
            field,
            "unknown",
            "is not a known Kemendagri region code",
            "bukan kode wilayah Kemendagri yang dikenal",
        ) from None
    if question.level is not None and region.level < question.level:
        raise _fail(
            question,
            field,
            "level",
            f"must name a {question.level.name.lower()} or a region within one",
            "harus menyebut wilayah yang lebih rinci",
        )
    return region.code


def _niks(question: Ask, value: object, field: str) -> tuple[str, ...]:
    if not isinstance(value, tuple):
        raise _fail(question, field, "type", "must be a list of NIKs", "harus berupa daftar NIK")
    numbers = tuple(_nik(question, item, field) for item in value)
    if len(set(numbers)) != len(numbers):
        raise _fail(
            question, field, "repeated", "names someone twice", "menyebut orang yang sama dua kali"
        )
    low, high = question.minimum or 0, question.maximum
    if len(numbers) < low or (high is not None and len(numbers) > high):
        counted = f"{low}" if low == high else f"{low} to {high}"
        raise _fail(
            question,
            field,
            "count",
            f"must name {counted} people, not {len(numbers)}",
            f"harus berisi {counted.replace('to', 'sampai')} orang, bukan {len(numbers)}",
        )
    return numbers


def _nik(question: Ask, value: object, field: str) -> str:
    try:
        return compact_nik(value)  # type: ignore[arg-type]  # refused there if not text
    except AdmindukError as exc:
        raise InvalidField(
            f"{question.label_en}: {exc.message}",
            field=field,
            code=f"{field}.nik",
            message_id=f"{question.label_id}: {exc.message_id}",
        ) from None


def _check(question: Ask, value: object, field: str) -> object:
    """``value`` if it is what ``question`` asks for; else :class:`InvalidField`."""
    kind = question.kind
    if kind is FieldKind.TEXT:
        return _text(question, value, field)
    if kind is FieldKind.NIK:
        return _nik(question, value, field)
    if kind is FieldKind.NIKS:
        return _niks(question, value, field)
    if kind is FieldKind.INTEGER:
        return _integer(question, value, field)
    if kind is FieldKind.REGION:
        return _region(question, value, field)
    if kind is FieldKind.DATE:
        if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
            raise _fail(question, field, "type", "must be a date", "harus berupa tanggal")
        return value
    if kind is FieldKind.TIME:
        if not isinstance(value, datetime.time) or value.tzinfo is not None or value.microsecond:
            raise _fail(question, field, "type", "must be a time of day", "harus berupa jam")
        return value
    if kind is FieldKind.CHOICE:
        assert question.choices is not None  # a CHOICE names its table
        if not isinstance(value, question.choices):
            raise _fail(
                question,
                field,
                "choice",
                "must be one of the listed choices",
                "harus salah satu pilihan yang tersedia",
            )
        return value
    return value  # CHANGES: the part's own converter checks them


def check_fields(instance: object, *, prefix: str = "") -> None:
    """Check every described field of the attrs ``instance`` against its description.

    A field holding its default ``None`` (or ``""`` for an optional text) is left alone; any
    other value must be what its :class:`Ask` describes. Raises :class:`InvalidField` naming
    the first field that is not (``prefix`` + its name).
    """
    for field, question in asked(type(instance)):
        value = getattr(instance, field.name)
        if value is None and field.default is None:
            continue
        if value == "" and field.default == "":
            continue
        _check(question, value, prefix + field.name)


# --- reading answers ------------------------------------------------------------------------

_DAY_FIRST = re.compile(r"(\d{1,2})[-/. ](\d{1,2})[-/. ](\d{4})")
_TIME = re.compile(r"(\d{1,2})[:.](\d{2})")
_SPLIT = re.compile(r"[\s,;]+")


def _read_date(question: Ask, raw: object, field: str) -> object:
    if not isinstance(raw, str):
        return raw
    text = raw.strip()
    try:
        found = _DAY_FIRST.fullmatch(text)
        if found:  # as residents write it: 17-08-2026, 17/08/2026
            day, month, year = (int(part) for part in found.groups())
            return datetime.date(year, month, day)
        if len(text) == 10:
            return datetime.date.fromisoformat(text)
    except ValueError:
        pass
    raise _fail(
        question,
        field,
        "date",
        f"is not a date: {text[:20]!r} (write DD-MM-YYYY)",
        f"bukan tanggal: {text[:20]!r} (tulis HH-BB-TTTT)",
    )


def _read_time(question: Ask, raw: object, field: str) -> object:
    if not isinstance(raw, str):
        return raw
    found = _TIME.fullmatch(raw.strip())
    if found and int(found[1]) < 24 and int(found[2]) < 60:
        return datetime.time(int(found[1]), int(found[2]))
    raise _fail(
        question,
        field,
        "time",
        f"is not a time of day: {raw.strip()[:10]!r} (write HH:MM)",
        f"bukan jam: {raw.strip()[:10]!r} (tulis JJ:MM)",
    )


def _read_integer(question: Ask, raw: object, field: str) -> object:
    if not isinstance(raw, str):
        return raw
    digits = raw.strip().replace(".", "").replace(",", "")  # 3.200 or 3,200 grams
    if digits.isascii() and digits.isdigit() and len(digits) <= 9:
        return int(digits)
    raise _fail(
        question,
        field,
        "type",
        f"must be a whole number, not {raw.strip()[:12]!r}",
        f"harus berupa bilangan bulat, bukan {raw.strip()[:12]!r}",
    )


def _fold(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"[^a-z0-9]+", "", "".join(ch for ch in plain if not unicodedata.combining(ch)))


def choice_code(member: enum.Enum) -> str | int:
    """What a member of a choice is written as: a code table's number, an enum's value."""
    return member.value  # type: ignore[no-any-return]


def as_answer(value: object) -> object:
    """``value``, as a form's part holds it, written as a frontend sends it (JSON values).

    The inverse of :func:`read_answer` for a valid value: a choice by its code, a date in ISO
    form, a time as ``HH:MM``, pairs and lists as lists.

    >>> import datetime
    >>> as_answer(datetime.date(2026, 2, 20)), as_answer((("name", "Ani"),))
    ('2026-02-20', [['name', 'Ani']])
    """
    if isinstance(value, enum.Enum):
        return choice_code(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M")
    if isinstance(value, tuple):
        return [list(item) if isinstance(item, tuple) else item for item in value]
    return value


def choice_label(member: enum.Enum, language: str = "id") -> str:
    """The member's label in ``language`` (``"id"`` or ``"en"``)."""
    label = getattr(member, "label_en" if language == "en" else "label", None)
    return str(label) if label is not None else str(member.value)


def _read_choice(question: Ask, raw: object, field: str) -> object:
    table = question.choices
    assert table is not None  # a CHOICE names its table
    if isinstance(raw, table):
        return raw
    if isinstance(raw, int | str) and not isinstance(raw, bool):
        wanted = _fold(str(raw))
        for member in table:
            names = (
                str(choice_code(member)),
                member.name,
                choice_label(member),
                choice_label(member, "en"),
            )
            if wanted and wanted in (_fold(name) for name in names):
                return member
    shown = ", ".join(f"{choice_code(m)} {choice_label(m)}" for m in table)
    raise _fail(
        question,
        field,
        "choice",
        f"must be one of: {shown}",
        f"harus salah satu dari: {shown}",
    )


def _read_niks(question: Ask, raw: object, field: str) -> object:
    if isinstance(raw, str):
        return tuple(part for part in _SPLIT.split(raw.strip()) if part)
    if isinstance(raw, list):
        return tuple(raw)
    return raw


def _read_text(question: Ask, raw: object, field: str) -> object:
    return raw.strip() if isinstance(raw, str) else raw


_PAIR = re.compile(r"\s*([A-Za-z_]+)\s*[=:]\s*(.+?)\s*")


def _read_changes(question: Ask, raw: object, field: str) -> object:
    """Corrections as ``{"name": "Budi"}``, ``[["name", "Budi"]]`` or ``name = Budi; ...``."""
    pairs: list[tuple[object, ...]] = []
    if isinstance(raw, str):
        for part in raw.split(";"):
            if not part.strip():
                continue
            found = _PAIR.fullmatch(part)
            if found is None:
                raise _fail(
                    question,
                    field,
                    "changes",
                    f"must be written as field = value; ... ({part.strip()[:30]!r})",
                    f"ditulis sebagai isian = nilai; ... ({part.strip()[:30]!r})",
                )
            pairs.append((found[1], found[2]))
    elif isinstance(raw, dict):
        pairs = list(raw.items())
    elif isinstance(raw, list | tuple):
        pairs = [tuple(item) if isinstance(item, list | tuple) else (item,) for item in raw]
    else:
        raise _fail(
            question,
            field,
            "type",
            "must be fields with values",
            "harus berupa isian dan nilainya",
        )
    checked = []
    for pair in pairs:
        if len(pair) != 2 or not all(isinstance(part, str) for part in pair):
            raise _fail(
                question,
                field,
                "changes",
                "must pair each field with its value as text",
                "harus memasangkan setiap isian dengan nilainya",
            )
        name, text = str(pair[0]), str(pair[1])
        try:
            from_text(name, text)
        except AdmindukError as exc:
            raise InvalidField(
                f"{question.label_en}: {exc.message}",
                field=field,
                code=f"{field}.changes",
                message_id=f"{question.label_id}: {exc.message_id}",
            ) from None
        checked.append((name, text))
    if not checked:
        raise _fail(question, field, "empty", "is empty", "masih kosong")
    return tuple(checked)


_READERS: dict[FieldKind, Callable[[Ask, object, str], object]] = {
    FieldKind.TEXT: _read_text,
    FieldKind.NIK: _read_text,
    FieldKind.NIKS: _read_niks,
    FieldKind.DATE: _read_date,
    FieldKind.TIME: _read_time,
    FieldKind.INTEGER: _read_integer,
    FieldKind.CHOICE: _read_choice,
    FieldKind.REGION: _read_text,
    FieldKind.CHANGES: _read_changes,
}


def read_answer(question: Ask, raw: object, *, field: str) -> Any:
    """The value of a resident's answer ``raw`` (text as typed, or JSON) to ``question``.

    Text is read as residents write it: a date as ``17-08-2026`` or ISO, a time as ``08.30``,
    a number with thousands dots, a choice by its code or either label (case and accents
    ignored), NIKs separated by spaces or commas. Anything else is refused with an
    :class:`InvalidField` naming ``field``, in both languages.
    """
    reader = _READERS.get(question.kind)
    value = raw if reader is None else reader(question, raw, field)
    return _check(question, value, field)


def _converted(kind: FieldKind) -> Callable[[Any], Any]:
    def convert(value: Any) -> Any:
        if kind is FieldKind.NIK and isinstance(value, str):
            return compact_nik(value)
        if kind is FieldKind.NIKS and isinstance(value, list | tuple):
            return tuple(compact_nik(v) if isinstance(v, str) else v for v in value)
        if kind is FieldKind.REGION and isinstance(value, str):
            try:
                return regions.normalize(value)
            except AdmindukError:
                return value  # refused by the field's check, which names the field
        return value

    return convert


_CONVERTERS: dict[FieldKind, Callable[[Any], Any]] = {
    kind: _converted(kind) for kind in (FieldKind.NIK, FieldKind.NIKS, FieldKind.REGION)
}


@attrs.frozen(kw_only=True)
class Details:
    """Base of a form's typed parts (a birth report, a move): every field described and checked.

    A subclass names the ``document`` whose form carries it, the ``tag`` that names it in JSON
    and the printed ``form_name`` it follows; its fields are :func:`ask` fields. Made, it checks
    each field against its description; :meth:`missing_in` names the fields a variant requires
    that it leaves empty (the form checks them, knowing its variant).
    """

    #: The code of the document type whose form carries this part.
    document: ClassVar[str] = ""
    #: The name of the part in JSON (``{"type": "birth", ...}``).
    tag: ClassVar[str] = ""
    #: The printed form it follows (``"F-2.01"``).
    form_name: ClassVar[str] = ""

    def __attrs_post_init__(self) -> None:
        check_fields(self, prefix="details.")

    def missing_in(self, variant: str) -> tuple[str, ...]:
        """The fields (``details.<name>``) ``variant`` requires that this part leaves empty."""
        return tuple(
            f"details.{field.name}"
            for field, question in asked(type(self))
            if question.required_in is not None
            and variant in question.required_in
            and getattr(self, field.name) in (None, "", ())
        )
