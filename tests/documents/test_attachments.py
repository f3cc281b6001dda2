"""Evidence as attachments: files bounded and recognised by their bytes; what only the office
attests never comes from a resident; a clerk's refusal reaches the resident (issue 27).
"""

from __future__ import annotations

import datetime
import hashlib

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from adminduk import check
from adminduk.applications import Actor, Role, Status
from adminduk.documents import (
    MAX_BYTES,
    OFFICE_EVIDENCE,
    Attachment,
    Evidence,
    Form,
    Review,
    Supplier,
    Verdict,
    sniff,
)
from adminduk.errors import AdmindukError, InvalidComponent, InvalidFormat, PermissionDenied
from adminduk.notices import notice_for
from adminduk.samples import SIAP_KELUARGA, sample_form, sample_registry, sample_staff
from adminduk.workflows import Office

ON = datetime.date(2026, 3, 2)
STAFF = {actor.role: actor for actor in sample_staff()}
RESIDENT = Actor.resident(SIAP_KELUARGA.head)
PDF = b"%PDF-1.7 synthetic scan of a death letter"
PNG = b"\x89PNG\r\n\x1a\n synthetic photo of a death letter"


def at(hours: float) -> datetime.datetime:
    return datetime.datetime.combine(ON, datetime.time(8)) + datetime.timedelta(hours=hours)


@pytest.fixture
def office() -> Office:
    return Office("18.08", sample_registry(), staff=sample_staff())


# --- the file itself ---------------------------------------------------------------------------


@given(st.binary(min_size=1, max_size=64))
def test_a_file_is_taken_only_as_the_type_its_first_bytes_show(data: bytes) -> None:
    """Whatever a sender claims, the type is read from the bytes; anything else is refused."""
    kind = sniff(data)
    if kind is None:
        with pytest.raises(InvalidComponent, match="scan"):
            Attachment.of(data, kind=Evidence.DEATH_LETTER)
    else:
        attached = Attachment.of(data, kind=Evidence.DEATH_LETTER)
        assert attached.media_type == kind
        assert attached.sha256 == hashlib.sha256(data).hexdigest()
        assert attached.matches(data)
        assert not attached.matches(data + b"x")


def test_empty_and_oversized_files_are_refused() -> None:
    """A file has 1 byte up to the bound (5 MiB, or a smaller one the caller sets)."""
    with pytest.raises(InvalidComponent, match="1 to"):
        Attachment.of(b"", kind=Evidence.DEATH_LETTER)
    with pytest.raises(InvalidComponent, match="1 to"):
        Attachment.of(b"%PDF-" + b"0" * MAX_BYTES, kind=Evidence.DEATH_LETTER)
    with pytest.raises(InvalidComponent, match="1 to 10 bytes"):
        Attachment.of(PDF, kind=Evidence.DEATH_LETTER, limit=10)
    assert Attachment.of(bytearray(PDF), kind=Evidence.DEATH_LETTER).size == len(PDF)


def test_described_files_are_checked_as_strictly_as_read_ones() -> None:
    """A description from JSON or a frontend: type, size and digest are checked when made."""
    digest = hashlib.sha256(PDF).hexdigest()
    good = {"kind": Evidence.DEATH_LETTER, "media_type": "application/pdf", "size": 5}
    assert Attachment(sha256=digest, **good).size == 5  # type: ignore[arg-type]
    for wrong in (
        {"media_type": "text/html"},
        {"size": 0},
        {"size": MAX_BYTES + 1},
        {"size": True},
        {"sha256": digest.upper()},
        {"sha256": digest[:-1]},
        {"kind": "death_letter"},
    ):
        with pytest.raises(AdmindukError):
            Attachment(**{"sha256": digest, **good, **wrong})  # type: ignore[arg-type]
    with pytest.raises(InvalidFormat):
        Attachment.of("not bytes", kind=Evidence.DEATH_LETTER)  # type: ignore[arg-type]


def test_a_refusal_needs_a_reason_the_resident_can_act_on() -> None:
    """A refused review without a reason is refused; one with a reason marks the file refused."""
    with pytest.raises(InvalidComponent, match="reason"):
        Review(verdict=Verdict.REFUSED, by="FO-01", reason="  ")
    with pytest.raises(InvalidComponent, match="300"):
        Review(verdict=Verdict.REFUSED, by="FO-01", reason="x" * 301)
    attached = Attachment.of(PDF, kind=Evidence.DEATH_LETTER)
    assert not attached.refused
    assert attached.reviewed(Review(verdict=Verdict.REFUSED, by="FO-01", reason="buram")).refused
    assert not attached.reviewed(Review(verdict=Verdict.ACCEPTED, by="FO-01")).refused


# --- what only the office attests --------------------------------------------------------------


OFFICE_KINDS = [kind for kind in Evidence if kind in OFFICE_EVIDENCE]


@pytest.mark.parametrize("kind", OFFICE_KINDS)
def test_a_resident_cannot_supply_what_only_the_office_attests(
    kind: Evidence, office: Office
) -> None:
    """Each office-only kind: not as a paper, not as a file, not attested by a resident filing."""
    assert kind.supplier is Supplier.OFFICE
    form = sample_form("AKTA-MATI", on=ON)
    with pytest.raises(InvalidComponent, match="office"):
        attrs.evolve(form, evidence=form.evidence | {kind})
    with pytest.raises(InvalidComponent, match="office"):
        Attachment.of(PDF, kind=kind)
    attested = form.with_attested(kind)
    for actor in (RESIDENT, STAFF[Role.SYSTEM]):
        with pytest.raises(PermissionDenied, match="only an officer"):
            office.submit(attested, actor=actor, at=at(0))
    assert not office.applications
    filed = office.submit(attested, actor=STAFF[Role.FRONT_OFFICE], at=at(0))
    assert kind in filed.form.supplied


@pytest.mark.parametrize("kind", OFFICE_KINDS)
def test_the_office_s_kinds_are_not_accepted_as_resident_evidence_by_any_form(
    kind: Evidence,
) -> None:
    """Form refuses an office kind among a resident's papers, whatever the document."""
    with pytest.raises(InvalidComponent):
        Form(
            document="KK", variant="new", channel=sample_form("KK", on=ON).channel, evidence={kind}
        )
    office_file = Attachment.of(PDF, kind=kind, given_by=Supplier.OFFICE)
    assert office_file.given_by is Supplier.OFFICE


def test_a_resident_cannot_forge_a_review_or_an_office_file(office: Office) -> None:
    """A filing whose files come reviewed, or given by the office, is refused; nothing is filed."""
    form = sample_form("AKTA-MATI", on=ON)
    accepted = Attachment.of(PDF, kind=Evidence.DEATH_LETTER).reviewed(
        Review(verdict=Verdict.ACCEPTED, by="FO-01")
    )
    office_file = Attachment.of(PNG, kind=Evidence.ORIGINALS_SEEN, given_by=Supplier.OFFICE)
    for forged in (accepted, office_file):
        with pytest.raises(PermissionDenied):
            office.submit(form.with_attachments(forged), actor=RESIDENT, at=at(0))
    assert not office.applications


# --- a clerk's verdict reaches the resident ----------------------------------------------------


def _filed_with_a_file(office: Office) -> tuple[Form, Attachment]:
    form = sample_form("AKTA-MATI", on=ON)
    scan = Attachment.of(PDF, kind=Evidence.DEATH_LETTER)
    without = attrs.evolve(form, evidence=form.evidence - {Evidence.DEATH_LETTER})
    return without.with_attachments(scan), scan


def test_a_refused_file_is_a_finding_and_reaches_the_resident_s_notice(office: Office) -> None:
    """The clerk refuses the scan with a reason: the return says so, in both languages."""
    form, scan = _filed_with_a_file(office)
    assert check(form, office.registry, on=ON).ok  # the file supplies the death letter
    app = office.submit(form, actor=RESIDENT, at=at(0))
    clerk = STAFF[Role.FRONT_OFFICE]
    refusal = Review(verdict=Verdict.REFUSED, by=clerk.id, reason="foto buram, tidak terbaca")
    with pytest.raises(AdmindukError):  # refused, the file no longer supplies the letter
        office.verify(app, actor=clerk, at=at(1), reviews={scan.sha256: refusal})
    returned = office.send_back(app, actor=clerk, at=at(1), reviews={scan.sha256: refusal})
    assert returned.status is Status.RETURNED
    assert returned.form.attachments[0].refused
    findings = returned.history[-1].findings
    refused = [finding for finding in findings if finding.code == "attachment.refused"]
    assert len(refused) == 1
    assert refused[0].satisfy_with == (Evidence.DEATH_LETTER,)
    assert "foto buram" in refused[0].message_en
    for lang, wording in (
        ("id", "Lampiran surat keterangan kematian"),
        ("en", "was not accepted"),
    ):
        text = notice_for(returned, lang=lang).text  # type: ignore[arg-type]
        assert "foto buram, tidak terbaca" in text, text
        assert wording.lower() in text.lower(), text


def test_a_new_file_after_a_refusal_is_verified(office: Office) -> None:
    """The resident sends a better scan; the clerk accepts it; the application is verified."""
    form, scan = _filed_with_a_file(office)
    clerk = STAFF[Role.FRONT_OFFICE]
    app = office.submit(form, actor=RESIDENT, at=at(0))
    refusal = Review(verdict=Verdict.REFUSED, by=clerk.id, reason="buram")
    app = office.send_back(app, actor=clerk, at=at(1), reviews={scan.sha256: refusal})
    better = Attachment.of(PNG, kind=Evidence.DEATH_LETTER)
    app = office.resubmit(app, actor=RESIDENT, at=at(2), attachments=[better])
    accepted = Review(verdict=Verdict.ACCEPTED, by=clerk.id)
    app = office.verify(app, actor=clerk, at=at(3), reviews={better.sha256: accepted})
    assert app.status is Status.VERIFIED
    assert [item.refused for item in app.form.attachments] == [True, False]


def test_a_review_is_signed_by_the_officer_giving_it_and_names_a_file_attached(
    office: Office,
) -> None:
    """A verdict in another officer's name, or on a file not attached, changes nothing."""
    form, scan = _filed_with_a_file(office)
    clerk = STAFF[Role.FRONT_OFFICE]
    app = office.submit(form, actor=RESIDENT, at=at(0))
    someone_else = Review(verdict=Verdict.REFUSED, by="REG-99", reason="buram")
    with pytest.raises(PermissionDenied, match="not REG-99"):
        office.send_back(app, actor=clerk, at=at(1), reviews={scan.sha256: someone_else})
    unknown = hashlib.sha256(b"another file").hexdigest()
    mine = attrs.evolve(someone_else, by=clerk.id)
    with pytest.raises(AdmindukError):
        office.send_back(app, actor=clerk, at=at(1), reviews={unknown: mine})
    assert office.get(app.id) == app
