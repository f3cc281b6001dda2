"""The WhatsApp line example: webhook payloads of the documented shape, and malformed ones.

A resident asks for a birth certificate in her words, answers each question of the described
form, sends photos of her papers (with captions, as residents do), and gets a number and a
tracking code; an English speaker is answered in English; tracking needs the code; a caption
alone attaches nothing; and no malformed payload raises.
"""

from __future__ import annotations

import datetime
import importlib.util
import re
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from adminduk.applications import Status
from adminduk.samples import SIAP_KELUARGA, sample_registry
from adminduk.store import open_office
from adminduk.workflows import Office
from tests.paths import ROOT

AT = datetime.datetime(2026, 3, 2, 9, 0)
PNG = b"\x89PNG\r\n\x1a\n a synthetic photo of a birth letter"
PDF = b"%PDF-1.7 a synthetic scan of a marriage book"


def _bot() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "whatsapp_bot", ROOT / "examples" / "whatsapp_bot.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BOT = _bot()
ANSWERS = [  # the birth of F-2.01, as typed on a phone
    SIAP_KELUARGA.wife,
    "20-02-2026",
    "Putri Contoh",
    "perempuan",
    "Way Kanan",
    "RS/RB",
    "tunggal",
    "1",
    "2",
]


def line(office: Office | None = None, media: dict[str, bytes] | None = None) -> Any:
    files = media or {}
    return BOT.WhatsAppLine(
        office or Office("18.08", sample_registry(recorded=True)),
        fetch_media=lambda media_id: files[media_id],
        clock=lambda: AT,
        token=lambda: "ABCDEFGHJK",
    )


def say(bot: Any, payload: object) -> list[str]:
    replies = bot.handle(payload)
    for _, text in replies:
        assert re.search(r"\d{16}", text) is None, "a reply never shows a whole NIK"
    return [text for _, text in replies]


def converse(bot: Any, sender: str = "15550000001") -> list[str]:
    said = say(bot, BOT.text_payload("mau bikin akta kelahiran anak saya", sender))
    for answer in ANSWERS:
        said += say(bot, BOT.text_payload(answer, sender))
    return said


def test_a_birth_certificate_by_conversation_with_a_captioned_photo(tmp_path: Path) -> None:
    """Words, answers one by one, a photo with a caption: filed, with number and code."""
    office = open_office(
        tmp_path / "office.db", code="18.08", registry=sample_registry(recorded=True)
    )
    bot = line(office, {"m1": PNG, "m2": PDF})
    said = converse(bot)
    assert said[0].startswith("Layanan: Kutipan Akta Kelahiran")
    assert "surat keterangan kelahiran" in said[-1].lower()
    caption_only = say(bot, BOT.text_payload("ini surat lahirnya"))
    assert "kirim foto" in caption_only[0].lower()  # words are not a paper
    asked = say(bot, BOT.media_payload("m1", "surat keterangan lahir dari bidan"))
    assert "perkawinan" in asked[0]  # no father named: the parents' marriage is asked
    filed = say(bot, BOT.media_payload("m2", "buku nikah", kind="document"))
    assert "18.08/000001" in filed[0]
    assert "ABCDE-FGHJK" in filed[0]
    app = office.get("18.08/000001")
    assert app.status is Status.SUBMITTED
    assert [a.kind.value for a in app.form.attachments] == ["birth_letter", "marriage_proof"]
    assert office.recorder.attachment(app.form.attachments[0].sha256) == PNG  # type: ignore[union-attr]
    assert app.history[0].actor.nik == SIAP_KELUARGA.wife
    office.close()


def test_a_photo_sent_early_is_kept_for_its_paper() -> None:
    """The first message is a photo captioned with the service: kept, then used when asked."""
    bot = line(media={"m1": PNG, "m2": PDF})
    said = say(bot, BOT.media_payload("m1", "akta kelahiran, ini surat lahirnya"))
    assert said[0].startswith("Layanan: Kutipan Akta Kelahiran")
    for answer in ANSWERS:
        said = say(bot, BOT.text_payload(answer))
    assert "perkawinan" in said[-1]  # the birth letter was taken from the early photo
    filed = say(bot, BOT.media_payload("m2", "buku nikah", kind="document"))
    assert "18.08/000001" in filed[0]


def test_english_is_answered_in_english() -> None:
    """A resident writing English reads English questions and help."""
    bot = line()
    said = say(bot, BOT.text_payload("I need a birth certificate for my baby"))
    assert said[0].startswith("Service: Birth certificate")
    assert "Mother's NIK" in said[0]
    assert "Hello!" in say(bot, BOT.text_payload("hello, what can I do?", "15550000002"))[0]


def test_tracking_needs_the_code() -> None:
    """A number alone asks for the code; a wrong code matches nothing; the right one shows."""
    bot = line(media={"m1": PNG, "m2": PDF})
    converse(bot)
    say(bot, BOT.media_payload("m1"))
    say(bot, BOT.media_payload("m2"))
    assert "KODE" in say(bot, BOT.text_payload("lacak 18.08/000001"))[0]
    assert "tidak cocok" in say(bot, BOT.text_payload("lacak 18.08/000001 ZZZZZ-ZZZZZ"))[0]
    assert "18.08/000001" in say(bot, BOT.text_payload("lacak 18.08/000001 abcde fghjk"))[0]
    other = say(bot, BOT.text_payload("lacak 18.08/000001 ABCDEFGHJK", "15550000009"))[0]
    assert "diterima" in other  # the code, not the phone, opens it


def test_a_caption_naming_a_paper_attaches_nothing() -> None:
    """'ktp' in a text is words: the form still asks for the file."""
    bot = line()
    say(bot, BOT.text_payload("KTP hilang"))
    said = say(bot, BOT.text_payload("foto ktp sudah ada"))
    assert said
    assert not any("diterima dengan nomor" in text for text in said)


def test_a_file_of_the_wrong_kind_is_refused_with_a_reason() -> None:
    """A program sent as a document: refused by its first bytes, the question stands."""
    bot = line(media={"m1": b"MZ\x90\x00 a program"})
    converse(bot)
    said = say(bot, BOT.media_payload("m1", kind="document"))
    assert "tidak dapat kami terima" in said[0]
    assert "PDF" in said[0]


def test_cancel_and_other_message_types() -> None:
    """'batal' drops the form; a sticker gets a plain answer, not an error."""
    bot = line()
    say(bot, BOT.text_payload("akta kelahiran"))
    assert "dibatalkan" in say(bot, BOT.text_payload("batal"))[0]
    assert bot.conversations == {}
    sticker = BOT.text_payload("x")
    message = sticker["entry"][0]["changes"][0]["value"]["messages"][0]
    message.update(type="sticker", sticker={"id": "s1"})
    del message["text"]
    assert "teks, foto, atau PDF" in say(bot, sticker)[0]


MALFORMED: list[object] = [
    None,
    "entry",
    7,
    [],
    {},
    {"entry": None},
    {"entry": "x"},
    {"entry": [None]},
    {"entry": [{"changes": None}]},
    {"entry": [{"changes": [{"value": None}]}]},
    {"entry": [{"changes": [{"value": {"messages": {"0": {}}}}]}]},
    {"entry": [{"changes": [{"value": {"messages": [None, "m", 3]}}]}]},
    {"entry": [{"changes": [{"value": {"messages": [{"from": None, "type": "text"}]}}]}]},
    {"entry": [{"changes": [{"value": {"messages": [{"from": "1555", "type": "text"}]}}]}]},
    {
        "entry": [
            {
                "changes": [
                    {
                        "value": {
                            "messages": [{"from": "15550000001", "type": "image", "image": None}]
                        }
                    }
                ]
            }
        ]
    },
    {
        "entry": [
            {
                "changes": [
                    {
                        "value": {
                            "messages": [
                                {"from": "15550000001", "type": "text", "text": {"body": ["a"]}}
                            ]
                        }
                    }
                ]
            }
        ]
    },
    {"entry": [{"changes": [{"value": {"statuses": [{"status": "read"}]}}]}]},
]


@pytest.mark.parametrize("payload", MALFORMED)
def test_malformed_payloads_get_no_reply_and_no_exception(payload: object) -> None:
    """Each malformed payload is read as carrying no message (or one without words)."""
    replies = line().handle(payload)
    assert all(isinstance(text, str) for _, text in replies)
    assert len(replies) <= 1


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [
                    "entry",
                    "changes",
                    "value",
                    "messages",
                    "from",
                    "type",
                    "text",
                    "body",
                    "image",
                    "id",
                    "caption",
                ]
            ),
            inner,
            max_size=4,
        )
    ),
    max_leaves=30,
)


@settings(max_examples=150, deadline=None)
@given(json_values)
def test_no_payload_raises(payload: object) -> None:
    """Any JSON value: handled without an exception, every reply a string to a sender."""
    for sender, text in line().handle(payload):
        assert isinstance(sender, str)
        assert isinstance(text, str)


def test_language_of() -> None:
    """English or Indonesian by the words used; the default when they do not say."""
    assert BOT.language_of("my ID card is lost") == "en"
    assert BOT.language_of("KTP saya hilang") == "id"
    assert BOT.language_of("1808", "en") == "en"
