"""The WhatsApp adapter example: webhook payloads of the documented shape to reply texts."""

from __future__ import annotations

import datetime
import importlib.util
import re
from types import ModuleType
from typing import Any

from adminduk.samples import SIAP_KELUARGA, sample_issued, sample_registry
from adminduk.workflows import Office
from tests.paths import ROOT

ON = datetime.date(2026, 3, 2)


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


def answer(payload: dict[str, Any], office: Office | None = None) -> str:
    text: str = BOT.reply(
        payload, office or Office("18.08", sample_registry(recorded=True)), on=ON
    )
    assert re.search(r"\d{16}", text) is None, "a reply never shows a whole NIK"
    return text


def test_a_service_named_in_words_gets_everything_missing_at_once() -> None:
    """ "akta kelahiran": every requirement of the birth certificate, in one reply."""
    text = answer(BOT.sample_payload("mau bikin akta kelahiran"))
    assert text.startswith("Layanan: Kutipan Akta Kelahiran")
    assert "Yang perlu disiapkan (semuanya sekaligus):" in text
    assert text.count("\n- ") >= 3
    assert "Sertakan NIK" in text


def test_a_nik_in_the_message_checks_against_the_register() -> None:
    """With a NIK the register answers for what it holds: only the police letter is missing."""
    text = answer(BOT.sample_payload(f"KTP hilang NIK {SIAP_KELUARGA.head}"))
    assert "Hilang" in text
    assert text.count("\n- ") == 1
    assert "kepolisian" in text
    assert "Sertakan NIK" not in text


def test_an_attached_document_counts_as_evidence() -> None:
    """A document with a caption: the paper it brings is no longer asked for."""
    payload = BOT.sample_payload("")
    message = payload["entry"][0]["changes"][0]["value"]["messages"][0]
    message.pop("text")
    message["type"] = "document"
    message["document"] = {
        "caption": f"KTP hilang {SIAP_KELUARGA.head}",
        "filename": "surat_kehilangan_polisi.pdf",
        "mime_type": "application/pdf",
        "id": "MEDIA_ID",
    }
    assert "Semua syarat sudah terpenuhi" in answer(payload)


def test_an_application_number_gets_its_latest_notice() -> None:
    """ "18.08/000001": where the application stands, as its latest notice says."""
    office = Office("18.08", sample_registry(recorded=True))
    app = sample_issued("KK", "lost", office=office)
    text = answer(BOT.sample_payload(f"cek {app.id}"), office)
    assert "siap diambil" in text
    assert "tidak ditemukan" in answer(BOT.sample_payload("cek 18.08/999999"), office)


def test_status_updates_and_small_talk() -> None:
    """A payload without a message gets no reply; words naming nothing get the help text."""
    assert (
        answer(
            {
                "object": "whatsapp_business_account",
                "entry": [{"changes": [{"value": {"statuses": []}}]}],
            }
        )
        == ""
    )
    assert answer(BOT.sample_payload("selamat pagi")) == BOT.HELP
