"""Strategies for what a form says: its typed parts, and a resident's answers to its fields.

Both are read from the same description the library checks and exports
(:func:`adminduk.documents.describe`): a field's kind, limits, choices and shape decide what is
drawn, so a new field is generated without a line here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from adminduk._names import BIRTH_PLACES
from adminduk.codes import CodeTable
from adminduk.documents import (
    CERTIFICATES,
    DETAILS_OF,
    Ask,
    CorrectionRequest,
    Delivery,
    Details,
    DocumentCode,
    FieldKind,
    as_answer,
    asked,
    describe,
    document_type,
)
from adminduk.regions import RegionLevel
from adminduk.register.events import CORRECTABLE, as_text
from adminduk.strategies._identifiers import niks, region_codes
from adminduk.strategies._people import _ON, names

__all__ = ["answers", "correction_requests", "field_values", "form_details"]

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def _texts(question: Ask) -> st.SearchStrategy[str]:
    if question.pattern is not None:
        return st.from_regex(question.pattern, fullmatch=True)
    # Sized to fit, not filtered to fit: a short field would reject most draws.
    longest = min(question.max_length, 40)
    most_words = max(1, (longest + 1) // 13)
    words = st.text(alphabet=_LETTERS, min_size=1, max_size=min(12, longest))
    texts = st.lists(words, min_size=1, max_size=most_words).map(" ".join)
    places = [place for place in BIRTH_PLACES if len(place) <= question.max_length]
    if places:
        texts |= st.sampled_from(places)
    if question.max_length >= 40:
        texts |= names().filter(lambda text: len(text) <= question.max_length)
    return texts


def field_values(question: Ask) -> st.SearchStrategy[Any]:
    """Generate valid values (as the part holds them) for a field described by ``question``."""
    kind = question.kind
    if kind is FieldKind.TEXT:
        return _texts(question)
    if kind is FieldKind.NIK:
        return niks()
    if kind is FieldKind.NIKS:
        least = question.minimum or 0
        most = min(question.maximum if question.maximum is not None else 3, least + 2)
        return st.lists(niks(), min_size=least, max_size=most, unique=True).map(tuple)
    if kind is FieldKind.DATE:
        return st.dates(datetime.date(1950, 1, 1), _ON)
    if kind is FieldKind.TIME:
        return st.times().map(lambda moment: moment.replace(second=0, microsecond=0))
    if kind is FieldKind.INTEGER:
        return st.integers(question.minimum, question.maximum)
    if kind is FieldKind.CHOICE:
        assert question.choices is not None  # a CHOICE names its table
        return st.sampled_from(list(question.choices))
    if kind is FieldKind.REGION:
        level = question.level or RegionLevel.REGENCY
        return region_codes(level=level)
    return _changes()


def _changes() -> st.SearchStrategy[tuple[tuple[str, str], ...]]:
    return st.lists(
        st.sampled_from(sorted(CORRECTABLE)).flatmap(_corrected_value),
        min_size=1,
        max_size=3,
        unique_by=lambda pair: pair[0],
    ).map(tuple)


def _corrected_value(field: str) -> st.SearchStrategy[tuple[str, str]]:
    kind = CORRECTABLE[field]
    if kind is datetime.date:
        values: st.SearchStrategy[str] = st.dates(datetime.date(1930, 1, 1), _ON).map(
            datetime.date.isoformat
        )
    elif isinstance(kind, type) and issubclass(kind, CodeTable):
        values = st.sampled_from([as_text(member) for member in kind])
    elif field == "birth_place":
        values = st.sampled_from(BIRTH_PLACES)
    else:
        values = names()
    return values.map(lambda value: (field, value))


def correction_requests(variant: str | None = None) -> st.SearchStrategy[CorrectionRequest]:
    """Generate what a correction may ask for: corrected fields, or a certificate to annul.

    ``variant`` (``"clerical"``, ``"change"`` or ``"annulment"``) keeps to what that route
    asks; by default either. Values are of the right form for their field (a name, a place, a
    date, a code number), so every draw is a valid request; whether the register takes it is
    the office's to say. Shrinks toward a correction of the name.
    """
    if variant not in (None, "clerical", "change", "annulment"):
        raise InvalidArgument(f"no correction route {variant!r}")
    changes = _changes().map(lambda pairs: CorrectionRequest(changes=pairs))
    annulments = st.builds(
        lambda certificate, number: CorrectionRequest(
            certificate=certificate, number=number, reason="Putusan PN"
        ),
        st.sampled_from(sorted(CERTIFICATES)),
        st.sampled_from(["1808-LU-02032026-0001", "1808-KW-02032026-0001"]),
    )
    if variant == "annulment":
        return annulments
    if variant is not None:
        return changes
    return st.one_of(changes, annulments)


def form_details(document: DocumentCode, variant: str) -> st.SearchStrategy[Details]:
    """Generate the typed part of a ``document`` form of ``variant``, valid for it.

    Every described field is drawn from :func:`field_values`; the optional ones are sometimes
    left empty; the ones ``variant`` requires are always given.
    """
    kind = document_type(document)
    if kind.code not in DETAILS_OF:
        raise InvalidArgument(f"a {kind.code} form carries no typed part")
    kind.variant(variant)
    if kind.code == "PERBAIKAN-DATA":
        return correction_requests(variant)
    part = DETAILS_OF[kind.code]
    fields: dict[str, st.SearchStrategy[Any]] = {}
    for field, question in asked(part):
        values = field_values(question)
        needed = field.default is attrs.NOTHING or (
            question.required_in is not None and variant in question.required_in
        )
        fields[field.name] = values if needed else st.just(field.default) | values
    return st.fixed_dictionaries(fields).map(lambda given: part(**given))


def answers(
    document: DocumentCode,
    variant: str,
    *,
    fixed: dict[str, Any] | None = None,
    deliveries: Iterable[Delivery] | None = None,
) -> st.SearchStrategy[dict[str, Any]]:
    """Generate answers to the described form of ``document`` (``variant``), as JSON values.

    Every required field is answered with a valid value (:func:`field_values`), the optional
    ones sometimes; the delivery is one of ``deliveries`` (default: every one), with the home
    visit's answers when it is an outreach. ``fixed`` answers some fields with the given values
    (the people a register knows, a destination outside the regency). The answers make a form
    (:func:`adminduk.documents.fill`); whether the register takes it is the checker's to say.
    """
    description = describe(document, variant, deliveries=deliveries)
    chosen = dict(fixed or {})
    unknown = set(chosen) - set(description.paths)
    if unknown:
        raise InvalidArgument(f"{document} ({variant}) has no fields {sorted(unknown)}")
    parts: dict[str, st.SearchStrategy[Any]] = {}
    visit: dict[str, st.SearchStrategy[Any]] = {}
    # An optional part (a missing person's death report) is given whole or not at all.
    whole: dict[str, st.SearchStrategy[Any]] = {}
    for spec in description.fields:
        values = field_values(spec.ask).map(as_answer)
        if spec.path in chosen:
            parts[spec.path] = st.just(chosen[spec.path])
        elif spec.path.startswith("outreach."):
            needed = spec.required_when is not None
            visit[spec.path] = values if needed else st.none() | values
        elif spec.with_part:
            whole[spec.path] = values
        elif spec.path != "delivery":
            parts[spec.path] = values if spec.required else st.none() | values
    if whole:  # only a form's details are an optional part beside the visit
        assert all(path.startswith("details.") for path in whole)
        parts["<part>"] = st.none() | st.fixed_dictionaries(whole)
    corrected = [path for path in parts if path.startswith("details.")]
    if description.document == "PERBAIKAN-DATA" and not set(corrected) & set(chosen):
        # A correction's fields go together (a certificate with its number): drawn whole.
        for path in corrected:
            del parts[path]
        parts["<correction>"] = correction_requests(description.variant).map(_correction_answers)
    if "delivery" not in chosen:
        parts["delivery"] = st.sampled_from(
            [delivery.value for delivery in description.deliveries]
        )
    return (
        st.fixed_dictionaries(parts)
        .map(_unpacked if whole else _flattened)
        .flatmap(lambda given: _with_visit(given, visit))
        .map(lambda given: {path: value for path, value in given.items() if value is not None})
    )


def _correction_answers(request: CorrectionRequest) -> dict[str, Any]:
    return {
        f"details.{field.name}": as_answer(getattr(request, field.name))
        for field in attrs.fields(CorrectionRequest)
        if getattr(request, field.name) not in (None, "", ())
    }


def _flattened(given: dict[str, Any]) -> dict[str, Any]:
    correction = given.pop("<correction>", None)
    return given if correction is None else {**given, **correction}


def _unpacked(given: dict[str, Any]) -> dict[str, Any]:
    part = given.pop("<part>", None)
    if part is None:
        # Without the part's required fields, its optional ones are not answered either.
        return {path: value for path, value in given.items() if not path.startswith("details.")}
    return {**given, **part}


def _with_visit(
    given: dict[str, Any], visit: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[dict[str, Any]]:
    if given.get("delivery") != Delivery.OUTREACH.value or not visit:
        return st.just(given)
    return st.fixed_dictionaries(visit).map(lambda answered: {**given, **answered})
