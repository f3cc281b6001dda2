"""Hostile and careless input: only typed errors, no personal number in any message, no change.

One test per case found by fuzzing and by hand (each failed before its fix).
"""

from __future__ import annotations

import datetime
import json
import re
from typing import Any

import attrs
import pytest

from adminduk import Registry, codes, regions, serialization
from adminduk.applications import Actor, Role, Status
from adminduk.documents import (
    BirthReport,
    Channel,
    Delivery,
    DivorceReport,
    Form,
    Outreach,
    OutreachReason,
    check,
)
from adminduk.errors import AdmindukError, InvalidFormat, ValidationError
from adminduk.identifiers import nik, nkk
from adminduk.register import Resident
from adminduk.samples import SIAP_KELUARGA as S
from adminduk.samples import sample_form, sample_registry, sample_staff
from adminduk.workflows import Office, dashboard, overdue, workflow_for

NUMBER = "1808014101050001"
WHOLE = re.compile(r"\d{16}")
ON = datetime.date(2026, 3, 2)
AT = datetime.datetime(2026, 3, 2, 9)


def refused(action: Any, kind: type[AdmindukError] = AdmindukError) -> str:
    """The message of the AdmindukError ``action`` raises (and it must raise one)."""
    with pytest.raises(kind) as caught:
        action()
    message = str(caught.value)
    assert not WHOLE.search(message), message
    assert len(message) <= 600
    return message


# --- serialization --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "schema", ["resident", "family", "address", "membership", "application", "form", "event"]
)
@pytest.mark.parametrize("data", ['"x"', "1", "[]", "null"])
def test_data_that_is_not_an_object(schema: str, data: str) -> None:
    """A document whose data is not an object is an InvalidFormat, not AttributeError."""
    text = f'{{"schema": "adminduk/{schema}", "version": 1, "data": {data}}}'
    refused(lambda: serialization.loads(text), InvalidFormat)


@pytest.mark.parametrize(
    "text",
    [
        '{"schema": ["adminduk/resident"], "version": 1, "data": {}}',
        '{"schema": {"a": 1}, "version": 1, "data": {}}',
        '{"schema": "adminduk/address", "version": 1, "data": ' + "9" * 4_400 + "}",
        "[" * 100_000 + "]" * 100_000,
        '{"schema": "adminduk/address", "version": 1, "data": '
        + "[" * 50_000
        + "]" * 50_000
        + "}",
    ],
    ids=["schema-list", "schema-object", "huge-integer", "deep-nesting", "deep-data"],
)
def test_documents_python_cannot_hold(text: str) -> None:
    """Unhashable schemas, integers over 4,300 digits, nesting past the recursion limit."""
    refused(lambda: serialization.loads(text), InvalidFormat)


@pytest.mark.parametrize("value", [5, None, 1.5, ["{}"], {"schema": "x"}])
def test_loads_takes_text_only(value: Any) -> None:
    """loads(5) and loads(None) are InvalidFormat, not TypeError."""
    refused(lambda: serialization.loads(value), InvalidFormat)


@pytest.mark.parametrize("version", ["true", "1.0", '"1"', "2", "null"])
def test_version_is_exactly_the_integer_1(version: str) -> None:
    """``"version": true`` and ``1.0`` are not version 1."""
    text = serialization.dumps(sample_form("KK", on=ON)).replace(
        '"version": 1', f'"version": {version}'
    )
    refused(lambda: serialization.loads(text), InvalidFormat)


@pytest.mark.parametrize("day", ["2026-W01-1", "20260105", "2026-01-05T00:00", "2026-1-5"])
def test_dates_are_calendar_dates_only(day: str) -> None:
    """ISO week dates and other forms fromisoformat takes are not dates here."""
    document = serialization.unstructure(sample_form("AKTA-LAHIR", on=ON))
    document["data"]["event_date"] = day
    refused(lambda: serialization.structure(document), InvalidFormat)


def test_a_bad_event_is_refused_where_it_stands() -> None:
    """A register file whose second event is bad is refused at that event, path named."""
    document = serialization.unstructure(sample_registry())
    journal = document["data"]["journal"]
    journal.insert(1, {"type": "death", "nik": 5})
    journal.extend(journal[0:1] * 10)
    message = refused(lambda: serialization.structure(document), InvalidFormat)
    assert "$.data.journal[1]" in message


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("schema",), f"adminduk/{NUMBER}"),
        (("version",), {"nik": NUMBER}),
        (("extra",), 1),
        ((NUMBER,), 1),
        (("data", "channel"), NUMBER),
        (("data", "delivery"), NUMBER),
        (("data", "details", "child_sex"), int(NUMBER)),
        (("data", "details", "type"), NUMBER),
        (("data", "details", "witnesses"), [NUMBER, NUMBER]),
        (("data", "event_date"), NUMBER),
        (("data", NUMBER), 1),
    ],
)
def test_no_whole_number_in_a_refusal(path: tuple[str, ...], value: Any) -> None:
    """A NIK typed into a wrong place of a document is masked in the message."""
    document = serialization.unstructure(sample_form("AKTA-LAHIR", on=ON))
    target = document
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    refused(lambda: serialization.structure(json.loads(json.dumps(document))))


# --- identifiers ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "on", [datetime.datetime(2026, 1, 1, 8), datetime.date(50, 1, 1), datetime.date(1, 1, 1)]
)
def test_reference_dates_of_the_wrong_kind(on: datetime.date) -> None:
    """on= a datetime, or a date in years 1-99, is a ValidationError naming what is wanted."""
    for action in (
        lambda: nik.parse(NUMBER, on=on),
        lambda: nik.get_birth_date(NUMBER, on=on),
        lambda: nkk.parse(S.family, on=on),
    ):
        refused(action, ValidationError)


@pytest.mark.parametrize(
    "pasted",
    [
        f"\u00a0{NUMBER}\u2028",
        f"\t{NUMBER}\n",
        "1808\u00a00141\u00a00105\u00a00001",
        "18.08.01.410105.0001",
        "1808\u20130141\u20130105\u20130001",
        f"\u200b{NUMBER}\ufeff",
        "18/08/01/410105/0001",
    ],
)
def test_pasted_numbers_are_accepted(pasted: str) -> None:
    """compact() strips every Unicode whitespace and the separators people type."""
    assert NUMBER == nik.validate(pasted)
    assert NUMBER == nik.compact(pasted)


def test_non_ascii_digits_stay_refused() -> None:
    """Arabic-Indic or full-width digits are not a NIK, even after compacting."""
    refused(lambda: nik.validate(NUMBER.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))))
    refused(lambda: nik.validate("１８０８０１４１０１０５０００１"))


def test_a_ten_megabyte_number_gets_a_short_message() -> None:
    """nik.validate("1" * 10_000_000) answers in a bounded message."""
    message = refused(lambda: nik.validate("1" * 10_000_000), ValidationError)
    assert len(message) < 100


@pytest.mark.parametrize(
    "action",
    [
        lambda: regions.get(NUMBER),
        lambda: regions.normalize(NUMBER),
        lambda: nik.compose(
            region_code=NUMBER, birth_date=datetime.date(2000, 1, 1), sex=codes.Sex.MALE, serial=1
        ),
        lambda: nkk.compose(region_code=NUMBER, issued_on=datetime.date(2020, 1, 1), serial=1),
        lambda: codes.Sex.from_code(int(NUMBER)),
        lambda: codes.Religion.from_label(NUMBER),
        lambda: workflow_for(NUMBER),  # type: ignore[arg-type]
        lambda: Form(document=NUMBER, variant="new", channel=Channel.COUNTER),  # type: ignore[arg-type]
    ],
    ids=["region", "normalize", "nik-compose", "kk-compose", "code", "label", "workflow", "form"],
)
def test_a_nik_in_another_field_is_masked(action: Any) -> None:
    """A NIK typed where a region code, a code or a document goes is never echoed whole."""
    refused(action)


# --- forms and the office -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("event_date", "2026-01-01"),
        ("event_date", datetime.datetime(2026, 1, 1)),
        ("details", "birth"),
        ("attested", {"biometrics"}),
        ("attachments", [b"%PDF-"]),
        ("outreach", "home"),
        ("delivery", "post"),
        ("channel", "counter"),
        ("document", "KTP"),
        ("variant", "nope"),
        ("reprint_of", 1),
        ("subject", 1808014101050001),
    ],
)
def test_a_form_checks_every_field(field: str, value: Any) -> None:
    """Wrong types are refused when the form is made, so accepted work can always be saved."""
    good = sample_form("AKTA-LAHIR", on=ON)
    refused(lambda: attrs.evolve(good, **{field: value}), ValidationError)


def test_check_wants_a_date_and_the_dashboard_a_moment() -> None:
    """on= is a day (datetime.date) everywhere; at= is a moment (datetime.datetime)."""
    registry = sample_registry()
    form = sample_form("KK", on=ON)
    message = refused(lambda: check(form, registry, on=AT), InvalidFormat)
    assert "datetime.date" in message
    office = Office("18.08", registry)
    app = office.submit(form, actor=Actor.resident(S.head), at=AT)
    for action in (
        lambda: dashboard([app], at=ON),  # type: ignore[arg-type]
        lambda: overdue([app], ON),  # type: ignore[arg-type]
        lambda: app.overdue(ON),  # type: ignore[arg-type]
    ):
        assert "datetime.datetime" in refused(action, InvalidFormat)
    assert dashboard([app], at=AT).waiting[Status.SUBMITTED] == 1


def test_a_refused_filing_uses_no_number() -> None:
    """Application numbers run on over accepted applications only."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    outsider = Actor(id="X-9", role=Role.FRONT_OFFICE)
    form = sample_form("KK", on=ON)
    refused(lambda: office.submit(form, actor=outsider, at=AT))
    refused(
        lambda: office.submit(
            sample_form("KIA", on=ON, delivery=Delivery.DIGITAL),
            actor=Actor.resident(S.head),
            at=AT,
        )
    )
    first = office.submit(form, actor=Actor.resident(S.head), at=AT)
    assert first.id.endswith("/000001")


def test_optional_numbers_show_as_none() -> None:
    """repr() shows an empty NIK field as None, not '<NoneType>'."""
    assert "subject=None" in repr(Form(document="KK", variant="new", channel=Channel.COUNTER))


def test_reprs_mask_a_nik_in_any_field() -> None:
    """A NIK typed into a name, an address or a court is masked in repr() too."""
    birth = sample_form("AKTA-LAHIR", on=ON)
    assert isinstance(birth.details, BirthReport)
    report = attrs.evolve(birth.details, child_name=f"Bayi {NUMBER}")
    form = attrs.evolve(birth, details=report)
    assert not WHOLE.search(repr(form))
    assert not WHOLE.search(repr(report))
    visit = Outreach(address=f"Dusun {NUMBER}", reason=OutreachReason.SICK)
    assert not WHOLE.search(repr(visit))
    divorce = DivorceReport(court=f"PN {NUMBER}", decision_number=NUMBER)
    assert not WHOLE.search(repr(divorce))
    person = sample_registry().resident(S.head)
    assert not WHOLE.search(repr(attrs.evolve(person, name=f"Budi {NUMBER}")))
    assert not WHOLE.search(repr(Registry()))
    assert isinstance(person, Resident)
