"""The JSON Schema of every form, checked with the ``jsonschema`` package (issue 27): it takes
the JSON of the forms the library writes and refuses what ``Form`` refuses.
"""

from __future__ import annotations

import copy
import datetime
import hashlib
import json
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.documents import (
    DOCUMENT_TYPES,
    Attachment,
    Channel,
    Delivery,
    DocumentCode,
    Evidence,
    describe,
    fill,
)
from adminduk.documents.schema import DIALECT
from adminduk.errors import AdmindukError
from adminduk.samples import sample_form
from adminduk.serialization import dumps, loads
from adminduk.strategies import answers

jsonschema = pytest.importorskip("jsonschema", reason="jsonschema is in the dev extra")

ON = datetime.date(2026, 3, 2)
VARIANTS: list[tuple[DocumentCode, str]] = [
    (kind.code, variant.code) for kind in DOCUMENT_TYPES for variant in kind.variants
]
PDF = b"%PDF-1.7 synthetic scan"


@cache
def validator(document: DocumentCode, variant: str) -> Any:
    schema = describe(document, variant).json_schema()
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize(("document", "variant"), VARIANTS)
def test_every_schema_is_a_valid_2020_12_schema(document: DocumentCode, variant: str) -> None:
    """Each description's schema passes the metaschema and names its form."""
    schema = describe(document, variant).json_schema()
    assert schema["$schema"] == DIALECT
    jsonschema.Draft202012Validator.check_schema(schema)
    assert schema["properties"]["data"]["properties"]["document"] == {"const": document}
    json.dumps(schema)  # plain JSON: a frontend in any language reads it


@pytest.mark.parametrize(("document", "variant"), VARIANTS)
@settings(max_examples=10, deadline=None)
@given(data=st.data())
def test_the_schema_validates_every_form_filled_from_the_description(
    document: DocumentCode, variant: str, data: st.DataObject
) -> None:
    """Forms made from random valid answers are written as JSON the schema accepts."""
    given_answers = data.draw(answers(document, variant))
    filled = fill(document, variant, given_answers, channel=Channel.WHATSAPP)
    assert filled.form is not None, [f.message_en for f in filled.findings]
    written = json.loads(dumps(filled.form.with_attachments(Attachment.of(PDF, kind=_kind()))))
    errors = [error.message for error in validator(document, variant).iter_errors(written)]
    assert errors == []


def _kind() -> Evidence:
    return Evidence.KK


@pytest.mark.parametrize("delivery", list(Delivery))
@pytest.mark.parametrize("kind", DOCUMENT_TYPES, ids=lambda kind: kind.code)
def test_the_schema_validates_the_sample_forms(kind: Any, delivery: Delivery) -> None:
    """Every sample form, with every delivery, is valid JSON for its service's schema."""
    form = sample_form(kind.code, on=ON, delivery=delivery)
    written = json.loads(dumps(form))
    errors = [e.message for e in validator(form.document, form.variant).iter_errors(written)]
    assert errors == []


# --- what Form refuses, the schema refuses -----------------------------------------------------

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = document["data"]
        for name in parents:
            target = target[name]
        target[last] = value

    return mutate


def _drop(path: str) -> Mutation:
    def mutate(document: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target = document["data"]
        for name in parents:
            target = target[name]
        del target[last]

    return mutate


_DIGEST = hashlib.sha256(PDF).hexdigest()
_FILE = {"kind": "kk", "media_type": "application/pdf", "size": 23, "sha256": _DIGEST}

MUTATIONS: dict[str, Mutation] = {
    "subject not a NIK": _set("subject", "12345"),
    "subject with a letter": _set("subject", "180801170887001X"),
    "unknown field": _set("favourite_colour", "biru"),
    "unknown channel": _set("channel", "fax"),
    "other document": _set("document", "KK"),
    "office kind as a resident's paper": _set("evidence", ["biometrics"]),
    "resident kind as attested": _set("attested", ["kk"]),
    "no such evidence": _set("evidence", ["selfie"]),
    "delivery unknown": _set("delivery", "drone"),
    "visit without an address": _set("outreach", {"reason": "elderly", "note": ""}),
    "visit for no reason": _set("outreach", {"address": "Dusun 1", "reason": "bored"}),
    "an impossible date": _set("event_date", "2026-02-30"),
    "a date as text": _set("event_date", "kemarin"),
    "district office not a district": _set("district_office", "18.08"),
    "file as HTML": _set("attachments", [{**_FILE, "media_type": "text/html"}]),
    "empty file": _set("attachments", [{**_FILE, "size": 0}]),
    "file too large": _set("attachments", [{**_FILE, "size": 5 * 1024 * 1024 + 1}]),
    "file digest not SHA-256": _set("attachments", [{**_FILE, "sha256": "abc"}]),
    "refused without a reason": _set(
        "attachments", [{**_FILE, "review": {"verdict": "refused", "by": "FO-01", "reason": ""}}]
    ),
    "office-only kind given by a resident": _set(
        "attachments", [{**_FILE, "kind": "biometrics", "given_by": "resident"}]
    ),
    "death place missing": _drop("details.death_place"),
    "cause not in the table": _set("details.cause", 99),
    "death place too long": _set("details.death_place", "x" * 101),
    "death place of control characters": _set("details.death_place", "Way\u202eKanan"),
    "report of another kind": _set("details.type", "birth"),
    "details not an object": _set("details", "mati"),
}


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_what_form_refuses_the_schema_refuses(name: str) -> None:
    """Each mutation of a valid death report is refused by the library and by the schema."""
    form = sample_form("AKTA-MATI", on=ON, delivery=Delivery.OUTREACH)
    written = json.loads(dumps(form))
    assert validator("AKTA-MATI", "standard").is_valid(written)
    mutated = copy.deepcopy(written)
    MUTATIONS[name](mutated)
    with pytest.raises(AdmindukError):
        loads(json.dumps(mutated))
    assert not validator("AKTA-MATI", "standard").is_valid(mutated)


def test_a_variant_s_required_part_is_required_by_its_schema() -> None:
    """A move out names its destination: the departure schema requires it, like the form."""
    form = sample_form("SKPWNI", "departure", on=ON)
    written = json.loads(dumps(form))
    schema = validator("SKPWNI", "departure")
    assert schema.is_valid(written)
    del written["data"]["details"]["destination"]
    with pytest.raises(AdmindukError):
        loads(json.dumps(written))
    assert not schema.is_valid(written)


def test_what_a_schema_cannot_know_the_library_still_refuses() -> None:
    """Documented limits: a region code of the right shape that does not exist, and the same
    file attached twice, pass the schema; reading the JSON refuses both.
    """
    form = sample_form("SKPWNI", "departure", on=ON)
    schema = validator("SKPWNI", "departure")
    nowhere = json.loads(dumps(form))
    nowhere["data"]["details"]["destination"] = "99.99"
    twice = json.loads(dumps(form))
    twice["data"]["attachments"] = [_FILE, {**_FILE, "kind": "skpwni"}]
    for document in (nowhere, twice):
        assert schema.is_valid(document)
        with pytest.raises(AdmindukError):
            loads(json.dumps(document))
