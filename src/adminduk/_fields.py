"""attrs field helpers shared by the models: checked, masked personal numbers and dates."""

from __future__ import annotations

import datetime
import functools
import math
import types
from collections.abc import Callable, Collection, Mapping
from typing import Any, TypeVar, cast

import attrs

from adminduk._privacy import mask
from adminduk.errors import InvalidFormat
from adminduk.identifiers import nik, nkk


def masked_repr(value: object) -> str:
    """``repr()`` of a personal number with all but its region part masked."""
    return "None" if value is None else repr(mask(value))


def compact_nik(value: str) -> str:
    """Return the compact form of a structurally valid NIK (any district code), or raise."""
    return nik.validate(value, allow_unknown_region=True)


def compact_kk(value: str) -> str:
    """Return the compact form of a structurally valid KK number, or raise."""
    return nkk.validate(value, allow_unknown_region=True)


def optional_nik(value: str | None) -> str | None:
    """Return ``None`` or the compact form of a structurally valid NIK."""
    return None if value is None else compact_nik(value)


def optional_kk(value: str | None) -> str | None:
    """Return ``None`` or the compact form of a structurally valid KK number."""
    return None if value is None else compact_kk(value)


def nik_field(**kwargs: Any) -> Any:
    """Return an attrs field for a NIK: stored compact, shown masked in ``repr()``."""
    return attrs.field(converter=compact_nik, repr=masked_repr, **kwargs)


def require_date(value: object, name: str) -> None:
    """Raise ``InvalidFormat`` unless ``value`` is a date (and not a datetime)."""
    if not isinstance(value, datetime.date) or isinstance(value, datetime.datetime):
        raise InvalidFormat(f"{name} must be a date (datetime.date), not {type(value).__name__}")


def require_moment(value: object, name: str) -> None:
    """Raise ``InvalidFormat`` unless ``value`` is a datetime (a moment, not a day)."""
    if not isinstance(value, datetime.datetime):
        raise InvalidFormat(
            f"{name} must be a moment (datetime.datetime), not {type(value).__name__}"
        )


def require_text(value: object, name: str, *, empty: bool = False) -> None:
    """Raise ``InvalidFormat`` unless ``value`` is a string (non-blank unless ``empty``)."""
    if not isinstance(value, str):
        raise InvalidFormat(f"{name} must be a string, not {type(value).__name__}")
    if not empty and not value.strip():
        raise InvalidFormat(f"{name} must not be empty")


def require_number(value: object, name: str) -> float:
    """Return ``value`` as a float if it is a finite int or float (not a bool), else raise."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise InvalidFormat(f"{name} must be a finite number, not {str(value)[:20]!r}")
    return float(value)


def require_count(value: object, name: str) -> int:
    """Return ``value`` if it is a non-negative int (not a bool), else raise ``InvalidFormat``."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise InvalidFormat(f"{name} must be a non-negative int, not {str(value)[:20]!r}")
    return value


def require_member(value: object, kind: type, name: str) -> None:
    """Raise ``InvalidFormat`` unless ``value`` is an instance of ``kind``."""
    if not isinstance(value, kind):
        article = "an" if kind.__name__[0] in "AEIOU" else "a"
        raise InvalidFormat(
            f"{name} must be {article} {kind.__name__}, not {type(value).__name__}"
        )


def age_on(birth_date: datetime.date, on: datetime.date) -> int:
    """Return the age in whole years on ``on`` of someone born on ``birth_date``.

    Someone born on 29 February turns a year older on 1 March in non-leap years.

    >>> age_on(datetime.date(2009, 11, 27), datetime.date(2026, 11, 27))
    17
    >>> age_on(datetime.date(2008, 2, 29), datetime.date(2025, 2, 28))
    16
    """
    return on.year - birth_date.year - ((on.month, on.day) < (birth_date.month, birth_date.day))


_T = TypeVar("_T")


@functools.cache
def _builder(cls: type) -> Callable[..., Any]:
    """A function that sets each field of ``cls`` from keyword arguments, with no checks.

    Written out once per class, as attrs writes ``__init__`` (a loop over the fields on every
    call cost more than the rest of a workflow step). Required fields are required arguments.
    """
    fields = attrs.fields(cls)
    names = [field.name for field in fields]
    namespace = _namespace(cls)
    parameters = []
    for field in fields:
        if field.default is attrs.NOTHING:
            parameters.append(field.name)
        elif isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"trusted() does not build {cls.__name__}: {field.name} has a factory")
        else:
            namespace[f"_default_{field.name}"] = field.default
            parameters.append(f"{field.name}=_default_{field.name}")
    lines = [
        f"def build(*, {', '.join(parameters)}):",
        "    made = _new(_cls)",
        *_setters(cls, names, names, namespace),
        "    return made",
    ]
    exec("\n".join(lines), namespace)
    return cast(Callable[..., Any], namespace["build"])


def _namespace(cls: type, **extra: Any) -> dict[str, Any]:
    """What the generated builders of ``cls`` refer to: the class and how to make and set it."""
    return {"_new": object.__new__, "_set": object.__setattr__, "_cls": cls, **extra}


def _setters(
    cls: type, names: list[str], values: list[str], namespace: dict[str, Any]
) -> list[str]:
    """Lines that set each field ``names[i]`` of ``made`` to the variable ``values[i]``.

    A slotted class's fields are set through their slot descriptors (a third faster than
    ``object.__setattr__``, which looks the descriptor up by name each time); any other field
    through ``object.__setattr__``, as attrs itself sets a frozen instance's fields.
    """
    lines = []
    for index, (name, value) in enumerate(zip(names, values, strict=True)):
        slot = getattr(cls, name, None)
        if isinstance(slot, types.MemberDescriptorType):
            namespace[f"_slot{index}"] = slot.__set__
            lines.append(f"    _slot{index}(made, {value})")
        else:
            lines.append(f"    _set(made, {name!r}, {value})")
    return lines


@functools.cache
def positional_builder(cls: type) -> Callable[..., Any]:
    """A function that builds ``cls`` from its field values in field order, with no checks.

    For reading back what adminduk itself wrote and checksummed (a store's snapshot): straight-
    line code per class, faster than attrs' ``__setstate__`` loop.
    """
    fields = attrs.fields(cls)
    names = [field.name for field in fields]
    namespace = _namespace(cls)
    arguments = [f"v{index}" for index in range(len(names))]
    # The trailing fields with plain defaults may be left out (a field added later, say).
    parameters = list(arguments)
    for index in range(len(fields) - 1, -1, -1):
        default = fields[index].default
        if default is attrs.NOTHING or isinstance(default, attrs.Factory):  # type: ignore[arg-type]
            break
        namespace[f"_d{index}"] = default
        parameters[index] = f"v{index}=_d{index}"
    lines = [
        f"def build({', '.join(parameters)}):",
        "    made = _new(_cls)",
        *_setters(cls, names, arguments, namespace),
        "    return made",
    ]
    exec("\n".join(lines), namespace)
    return cast(Callable[..., Any], namespace["build"])


def replaced(instance: _T, **changes: Any) -> _T:
    """A copy of an already-checked attrs instance with ``changes`` the caller has checked.

    Built without re-running the instance's checks (``attrs.evolve`` runs them all again).
    """
    kind: type = type(instance)
    return cast(_T, _copier(kind)(instance, **changes))


_UNCHANGED = object()


@functools.cache
def _copier(cls: type) -> Callable[..., Any]:
    """A function copying an instance of ``cls``, each field taken from a keyword if given.

    Straight-line code per class, like :func:`_builder`; an unknown keyword is a ``TypeError``.
    """
    names = [field.name for field in attrs.fields(cls)]
    namespace = _namespace(cls, _unchanged=_UNCHANGED)
    values = [f"_source_.{name} if {name} is _unchanged else {name}" for name in names]
    lines = [
        f"def copy(_source_, *, {', '.join(f'{name}=_unchanged' for name in names)}):",
        "    made = _new(_cls)",
        *_setters(cls, names, values, namespace),
        "    return made",
    ]
    exec("\n".join(lines), namespace)
    return cast(Callable[..., Any], namespace["copy"])


def trusted(cls: type[_T], **values: Any) -> _T:
    """Build an attrs instance from values already known to be valid, skipping its checks.

    For builders that compose their values consistently (the workflow engine, the synthetic
    population); a test pins each such builder to the checked constructor. Missing fields take
    their defaults; a missing required field is a ``TypeError``.
    """
    return cast(_T, _builder(cast(type, cls))(**values))


def checked_builder(
    cls: type[_T],
    hooks: Mapping[str, Callable[[Any, Any], Any]],
    fallback: Callable[[Any, Any], _T],
    *,
    converted: Collection[str] = (),
) -> Callable[[Any, Any], _T]:
    """A structure hook that builds ``cls`` from a plain dict, each value checked once.

    ``hooks`` maps every field to the function (``hook(value, type)``, as cattrs calls its
    hooks) that checks and converts its raw value; the field's own attrs converter then runs on
    the result, unless the field is in ``converted`` (its hook already does the converter's
    work, such as checking a NIK). The instance is built without a second pass through the
    constructor, and its ``__attrs_post_init__`` checks run as usual. Anything unusual (not a
    dict, an unknown or missing key, any error at all) goes to ``fallback`` whole, so errors,
    and the paths in them, are exactly the fallback's. Straight-line code, written once per
    class.
    """
    kind: Any = cls
    fields = attrs.fields(attrs.resolve_types(kind))
    namespace: dict[str, Any] = {
        "_build": positional_builder(kind),
        "_fallback": fallback,
        "_known": frozenset(field.name for field in fields),
        "_dict": dict,
        "_Exception": Exception,
    }
    lines = [
        "def structure(o, t):",
        "    if type(o) is not _dict or not _known.issuperset(o):",
        "        return _fallback(o, t)",
        "    try:",
    ]
    for index, field in enumerate(fields):
        if field.validator is not None or isinstance(field.default, attrs.Factory):  # type: ignore[arg-type]
            raise TypeError(f"checked_builder does not build {cls.__name__}: see {field.name}")
        namespace[f"_h{index}"] = hooks[field.name]
        namespace[f"_t{index}"] = field.type
        value = f"_h{index}(o[{field.name!r}], _t{index})"
        if field.default is not attrs.NOTHING:
            namespace[f"_d{index}"] = field.default
            value = f"({value} if {field.name!r} in o else _d{index})"
        if field.converter is not None and field.name not in converted:
            namespace[f"_c{index}"] = field.converter
            value = f"_c{index}({value})"
        lines.append(f"        v{index} = {value}")
    lines.append(f"        made = _build({', '.join(f'v{i}' for i in range(len(fields)))})")
    if hasattr(cls, "__attrs_post_init__"):
        lines.append("        made.__attrs_post_init__()")
    lines += ["    except _Exception:", "        return _fallback(o, t)", "    return made"]
    exec("\n".join(lines), namespace)
    structure = namespace["structure"]
    structure.fallback = fallback  # what it hands over to, for tests comparing the two
    return cast(Callable[[Any, Any], _T], structure)
