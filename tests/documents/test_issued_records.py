"""The documents as issued: a typed record per type, made by issue, kept by the register.

Rules from DOMAIN.md: the birth certificate of a child whose parents' marriage proof was
replaced by SPTJM F-2.04 names the marriage as not registered (Perpres 96/2018); the KTP-el is
valid for life (Pasal 64(7) UU 24/2013); a KIA's end date follows the child's age band;
document numbers follow office formats (patterns an office replaces).
"""

from __future__ import annotations

import datetime
import re

import attrs
import pytest

from adminduk import serialization
from adminduk.applications import Application, Role
from adminduk.documents import (
    DOCUMENT_TYPES,
    DocumentType,
    Evidence,
    Form,
    document_type,
    event_for,
)
from adminduk.documents.issuing import Numbering
from adminduk.errors import AdmindukError, InvalidComponent, InvalidFormat
from adminduk.register import Registry
from adminduk.register.events import DocumentIssued
from adminduk.register.issued import (
    ISSUED_TYPES,
    IssuedAktaLahir,
    IssuedKIA,
    IssuedKK,
    IssuedKTPEl,
)
from adminduk.samples import (
    SIAP_KELUARGA,
    issue_details,
    sample_form,
    sample_registry,
    sample_staff,
)
from adminduk.workflows import Office

ON = datetime.date(2026, 3, 2)
AT = datetime.datetime(2026, 3, 2, 8, 0)
STAFF = {actor.role: actor for actor in sample_staff()}


def issued(form: Form, office: Office | None = None) -> Application:
    office = office or Office("18.08", sample_registry(), staff=sample_staff())
    app = office.submit(form, actor=STAFF[Role.SYSTEM], at=AT)
    if form.document == "KTP-el":
        app = office.record_biometrics(app, actor=STAFF[Role.FRONT_OFFICE], at=AT)
    app = office.verify(app, actor=STAFF[Role.FRONT_OFFICE], at=AT)
    change = document_type(form.document).register_changes.get(form.variant)
    event = None
    if change is not None and change.required:
        details = issue_details(office.registry, app)
        if form.document == "AKTA-LAHIR":
            details["birth_place"] = "Blambangan Umpu"
        event = event_for(app.form, on=ON, **details)
    return office.issue(app, actor=STAFF[Role.REGISTRAR], at=AT, event=event)


@pytest.mark.parametrize(
    "kind",
    [kind for kind in DOCUMENT_TYPES if kind.code in ISSUED_TYPES],
    ids=lambda kind: kind.code,
)
def test_every_document_type_is_issued_as_its_typed_record(kind: type[DocumentType]) -> None:
    """Issuing makes the type's record; the register keeps it; it round-trips through JSON."""
    code = kind.code
    office = Office("18.08", sample_registry(), staff=sample_staff())
    app = issued(sample_form(code, on=ON), office)
    first = app.documents[0]
    assert isinstance(first, ISSUED_TYPES[code])
    assert first.document == code
    assert first.issued_on == ON
    assert first.office == "18.08"
    for holder in first.holders:
        assert first in office.registry.documents_of(holder)
    assert serialization.loads(serialization.dumps(app), Application) == app
    assert serialization.loads(serialization.dumps(office.registry), Registry) == office.registry
    replayed = Registry.replay(office.registry.journal, area="18.08")
    assert replayed.documents_of(first.holders[0]) == office.registry.documents_of(
        first.holders[0]
    )
    assert re.search(r"\d{16}", repr(first)) is None
    # records are built without re-running their checks: the checked constructor agrees
    for record in app.documents:
        assert type(record)(**attrs.asdict(record, recurse=False)) == record


def test_a_birth_prints_the_certificate_the_new_family_card_and_the_kia() -> None:
    """Pasal 27 UU 24/2013: the birth certificate comes with the new KK and the child's KIA."""
    app = issued(sample_form("AKTA-LAHIR", on=ON))
    certificate, card, kia = app.documents
    assert isinstance(certificate, IssuedAktaLahir)
    assert certificate.parents_marriage_registered
    assert certificate.remarks == ()
    assert certificate.number == "1808-LU-02032026-0001"
    assert isinstance(card, IssuedKK)
    assert certificate.nik in {m.nik for m in card.members}
    assert isinstance(kia, IssuedKIA)
    assert kia.nik == certificate.nik
    fifth = kia.birth_date.replace(year=kia.birth_date.year + 5)
    assert kia.valid_until == fifth - datetime.timedelta(days=1), "the 0-5 card, to age 5"


def test_sptjm_f204_makes_the_certificate_name_the_marriage_as_not_registered() -> None:
    """SPTJM F-2.04 replacing the marriage proof: the certificate names the marriage unregistered.

    DOMAIN.md (Akta Kelahiran): "No marriage proof: SPTJM F-2.04 with two witnesses (the
    certificate then names the parents' marriage as not registered)".
    """
    form = sample_form("AKTA-LAHIR", on=ON)
    evidence = (form.evidence - {Evidence.MARRIAGE_PROOF}) | {Evidence.SPTJM_PARENTS_MARRIAGE}
    form = attrs.evolve(form, evidence=evidence)
    certificate = issued(form).documents[0]
    assert isinstance(certificate, IssuedAktaLahir)
    assert not certificate.parents_marriage_registered
    assert any("belum tercatat" in remark for remark in certificate.remarks)


def test_the_ktp_el_is_valid_for_life_and_prints_the_register_data() -> None:
    """Pasal 64(7) UU 24/2013: the KTP-el is valid for life; its data is the register's."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    card = issued(sample_form("KTP-el", on=ON), office).documents[0]
    assert isinstance(card, IssuedKTPEl)
    assert card.valid_for_life
    person = office.registry.resident(card.nik)
    assert (card.name, card.birth_date, card.religion) == (
        person.name,
        person.birth_date,
        person.religion,
    )


def test_document_numbers_follow_the_office_patterns() -> None:
    """Numbering is office data: a pattern per document type, serials counted per day."""
    numbering = Numbering({"AKTA-MATI": "{regency}/AM/{date:%Y}/{serial:03d}"})
    office = Office("18.08", sample_registry(), staff=sample_staff(), numbering=numbering)
    app = issued(sample_form("AKTA-MATI", on=ON), office)
    assert app.documents[0].number == "1808/AM/2026/001"
    with pytest.raises(InvalidComponent, match="no numbering pattern"):
        Numbering({}).number("AKTA-MATI", office="18.08", on=ON, serial=1)
    with pytest.raises(InvalidComponent, match="empty number"):
        Numbering({"SKPWNI": " "}).number("SKPWNI", office="18.08", on=ON, serial=1)
    with pytest.raises(InvalidComponent, match="unusable"):
        Numbering({"SKPWNI": "{nope}"}).number("SKPWNI", office="18.08", on=ON, serial=1)


def test_a_family_card_lists_every_member_with_the_relationship() -> None:
    """The KK prints each member with the relationship to the head (F-1.01)."""
    card = issued(sample_form("KK", "lost", on=ON)).documents[0]
    assert isinstance(card, IssuedKK)
    assert card.number == SIAP_KELUARGA.family
    assert next(m.nik for m in card.members) == SIAP_KELUARGA.head
    assert {SIAP_KELUARGA.head, SIAP_KELUARGA.wife, SIAP_KELUARGA.child} == set(card.holders)


def test_a_document_record_of_the_wrong_kind_is_refused_and_changes_nothing() -> None:
    """A DocumentIssued needs a real record; a file naming an unknown document is refused."""
    registry = sample_registry()
    before = registry.journal
    with pytest.raises(InvalidFormat):
        DocumentIssued(occurred_on=ON, recorded_on=ON, record="KK")  # type: ignore[arg-type]
    app = issued(sample_form("AKTA-MATI", on=ON))
    text = serialization.dumps(app).replace('"document": "AKTA-MATI"', '"document": "AKTA-X"', 1)
    with pytest.raises(AdmindukError):
        serialization.loads(text, Application)
    assert registry.journal == before


def test_a_holder_s_many_records_stay_in_order_and_a_copied_register_keeps_its_own() -> None:
    """Twenty reprints of one family card: every holder's records and the card's printings in
    issue order (past the few kept as a tuple), and a register assigned from this one keeps its
    own list when this one issues again."""
    base = IssuedKK  # a family card: printed again under one number at every change
    office = Office("18.08", sample_registry(), staff=sample_staff())
    first = issued(sample_form("KK", on=ON), office).documents[0]
    assert isinstance(first, base)
    records = [first]
    for index in range(1, 20):
        record = attrs.evolve(first, issued_on=ON + datetime.timedelta(days=index))
        office.registry.apply(DocumentIssued(occurred_on=ON, recorded_on=ON, record=record))
        records.append(record)
        if index == 12:
            copy = Registry(area="18.08")
            copy.assign(office.registry)
    for holder in first.holders:
        assert [r for r in office.registry.documents_of(holder) if r.number == first.number] == (
            records
        )
    assert office.registry.printings("KK", first.number) == tuple(records)
    assert copy.printings("KK", first.number) == tuple(records[:13])
    assert [r for r in copy.documents_of(first.holders[0]) if r.number == first.number] == (
        records[:13]
    )
