"""Verifying a QR statement, the office's keys and its withdrawn list: every documented answer.

A changed byte, another office's key, a withdrawn document, an expired or forged list, a key
file that exists or is damaged: each gives the answer the module documents, and no input
raises anything but a typed error.
"""

from __future__ import annotations

import base64
import datetime
import json
import re
from pathlib import Path

import attrs
import pytest

pytest.importorskip("cryptography", reason="the print extra is not installed")

from hypothesis import given
from hypothesis import strategies as st

from adminduk.codes import Sex
from adminduk.printing import (
    KeyFileError,
    OfficeKey,
    PublicKey,
    SignatureError,
    Standing,
    Withdrawn,
    WithdrawnList,
    digest_of,
    sign_record,
    statement_of,
    verify_document,
)
from adminduk.register.issued import IssuedAktaLahir, IssuedDocument
from adminduk.strategies import issued_records

KEY = OfficeKey.generate("18.08")
OTHER = OfficeKey.generate("18.09")
AT = datetime.datetime(2026, 3, 10, 9)
BIRTH = IssuedAktaLahir(
    number="1808-LU-02032026-0001",
    issued_on=datetime.date(2026, 3, 2),
    office="18.08",
    holders=("1808012002260001", "1808015503900001"),
    nik="1808012002260001",
    name="Putri Contoh",
    sex=Sex.FEMALE,
    birth_place="Blambangan Umpu",
    birth_date=datetime.date(2026, 2, 20),
    mother_name="Siti Rahmawati",
    father_name="Budi Santoso",
)


def listing(*entries: Withdrawn, key: OfficeKey = KEY, office: str = "18.08") -> WithdrawnList:
    made = datetime.datetime(2026, 3, 10, 8)
    published = WithdrawnList(
        office=office, made=made, expires=made + datetime.timedelta(days=7), entries=entries
    ).signed(key)
    return WithdrawnList.read(published, [KEY.public, OTHER.public])


def test_a_genuine_current_document_is_valid_and_shows_only_its_own_paper() -> None:
    """Valid; the statement names the office, type, number, day and the printed name only."""
    answer = verify_document(
        sign_record(BIRTH, KEY), [OTHER.public, KEY.public], status=listing(), at=AT
    )
    assert answer.standing is Standing.VALID
    assert answer.office == "18.08"
    assert answer.statement is not None
    assert (answer.statement.document, answer.statement.number) == ("AKTA-LAHIR", BIRTH.number)
    assert answer.statement.name == "Putri Contoh"


def test_a_changed_byte_is_not_genuine() -> None:
    """Any byte of the statement changed (a name, a date): the signature fails."""
    payload = sign_record(BIRTH, KEY)
    prefix, body, signature = payload.split(".")
    data = base64.urlsafe_b64decode(body + "==").replace(b"Putri", b"Putra")
    forged = ".".join([prefix, base64.urlsafe_b64encode(data).rstrip(b"=").decode(), signature])
    assert verify_document(forged, [KEY.public]).standing is Standing.NOT_GENUINE
    flipped = payload[:-3] + ("A" if payload[-3] != "A" else "B") + payload[-2:]
    assert verify_document(flipped, [KEY.public]).standing is Standing.NOT_GENUINE


def test_another_offices_key_is_not_genuine() -> None:
    """Signed by 18.09's key, or claiming 18.08 under 18.09's key: not genuine for 18.08."""
    assert verify_document(sign_record(BIRTH, OTHER), [KEY.public]).standing is (
        Standing.NOT_GENUINE
    )
    impostor = PublicKey("18.08", OTHER.public.key)  # 18.09's key published as 18.08's
    payload = sign_record(BIRTH, OTHER)
    assert verify_document(payload, [impostor]).standing is Standing.NOT_GENUINE


def test_a_withdrawn_document_is_reported_with_its_day() -> None:
    """On the list as replaced on a day: withdrawn, with that day and why."""
    entry = Withdrawn(digest_of(BIRTH), "AKTA-LAHIR", datetime.date(2026, 3, 9), "replaced")
    answer = verify_document(sign_record(BIRTH, KEY), [KEY.public], status=listing(entry), at=AT)
    assert answer.standing is Standing.WITHDRAWN
    assert answer.withdrawn == entry
    assert "replaced on 2026-03-09" in answer.reason


def test_an_expired_or_foreign_list_leaves_the_standing_unknown() -> None:
    """A list past its expiry, or another office's: genuine, standing unknown, and why."""
    payload = sign_record(BIRTH, KEY)
    late = AT + datetime.timedelta(days=30)
    expired = verify_document(payload, [KEY.public], status=listing(), at=late)
    assert expired.standing is Standing.UNKNOWN
    assert "expired" in expired.reason
    foreign = verify_document(
        payload, [KEY.public], status=listing(office="18.09", key=OTHER), at=AT
    )
    assert foreign.standing is Standing.UNKNOWN


def test_a_forged_list_is_refused_on_reading() -> None:
    """A list edited after signing, or signed by a key not the office's: SignatureError."""
    made = datetime.datetime(2026, 3, 10, 8)
    published = WithdrawnList(office="18.08", made=made, expires=made, entries=()).signed(KEY)
    outer = json.loads(published)
    inner = json.loads(base64.urlsafe_b64decode(outer["list"] + "=="))
    inner["expires"] = "2099-01-01T00:00:00"
    outer["list"] = base64.urlsafe_b64encode(json.dumps(inner).encode()).decode()
    with pytest.raises(SignatureError):
        WithdrawnList.read(json.dumps(outer), [KEY.public])
    stolen = WithdrawnList(office="18.08", made=made, expires=made, entries=()).signed(OTHER)
    with pytest.raises(SignatureError):
        WithdrawnList.read(stolen, [KEY.public, OTHER.public])
    for junk in ("", "{}", "[]", '{"list": 1}', "null"):
        with pytest.raises(SignatureError):
            WithdrawnList.read(junk, [KEY.public])


@given(issued_records())
def test_no_personal_number_in_the_qr_and_the_digest_follows_the_data(
    record: IssuedDocument,
) -> None:
    """The QR text holds no 16-digit run; changing a printed field changes the digest."""
    payload = sign_record(record, KEY)
    _, body, _ = payload.split(".")
    statement = base64.urlsafe_b64decode(body + "==").decode()
    assert re.search(r"\d{16}", statement) is None
    assert re.search(r"\d{16}", payload) is None
    assert statement_of(record, KEY).digest == digest_of(record)
    later = attrs.evolve(record, issued_on=record.issued_on + datetime.timedelta(days=1))
    assert digest_of(later) != digest_of(record)
    if hasattr(record, "name"):
        renamed = attrs.evolve(record, name=f"{record.name} Contoh")  # type: ignore[call-arg]
        assert digest_of(renamed) != digest_of(record)


@given(st.text(max_size=300) | st.binary(max_size=300).map(lambda b: "ADMINDUK1." + b.hex()))
def test_any_text_is_answered_never_raised(text: str) -> None:
    """Whatever a scanner reads, the answer is a Verification (not genuine), never an error."""
    answer = verify_document(text, [KEY.public])
    assert answer.standing is Standing.NOT_GENUINE


def test_keys_are_kept_and_published(tmp_path: Path) -> None:
    """Save and load (mode 0600, never overwritten); the public line round-trips."""
    path = tmp_path / "office.key"
    KEY.save(path)
    assert path.stat().st_mode & 0o777 == 0o600
    again = OfficeKey.load(path)
    assert again.office == "18.08"
    assert again.public.raw == KEY.public.raw
    with pytest.raises(KeyFileError):
        KEY.save(path)
    assert PublicKey.from_text(KEY.public.to_text()).raw == KEY.public.raw
    for bad in ("", "adminduk-public-key 18.08", "adminduk-public-key 18.08 AAAA", "ssh-rsa x y"):
        with pytest.raises(SignatureError):
            PublicKey.from_text(bad)
    damaged = tmp_path / "damaged.key"
    damaged.write_bytes(b"# adminduk office 18.08\n-----BEGIN PRIVATE KEY-----\nAAAA\n")
    with pytest.raises(KeyFileError):
        OfficeKey.load(damaged)
    with pytest.raises(KeyFileError):
        OfficeKey.load(tmp_path / "missing.key")
