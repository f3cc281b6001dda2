"""A WhatsApp adapter: from a WhatsApp Cloud API webhook payload to the reply text.

``reply(payload, office, on=...)`` reads the first message of a webhook notification (a text,
or a document with a caption) and answers in Indonesian, using adminduk only:

- words naming a service ("KTP hilang", "bikin akta kelahiran") -> everything that service
  asks for, at once (the checker, on a form with nothing attached yet, or with what the
  message names or attaches); with a NIK in the message, for that resident (the variant that
  fits them, and what the register already holds);
- an application number ("18.08/000123") -> where it stands (its latest notice);
- anything else -> how to ask.

Sending the reply is left to a client library (for example pywa, or any HTTP client posting to
the Cloud API's ``/messages`` endpoint); nothing here needs the network.

Usage: ``python examples/whatsapp_bot.py [PAYLOAD.json]`` prints the reply to a payload (by
default a built-in one asking for a lost KTP-el).
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from pathlib import Path
from typing import Any

from adminduk.documents import Channel, Evidence, Form, check
from adminduk.documents.intake import find_service
from adminduk.errors import AdmindukError
from adminduk.identifiers import nik as nik_numbers
from adminduk.notices import notice_for
from adminduk.samples import SIAP_KELUARGA, sample_registry
from adminduk.workflows import Office

_APPLICATION = re.compile(r"\b\d{2}\.\d{2}/\d{6}\b")
_NIK = re.compile(r"\b\d{16}\b")
#: Words in a caption or a file name that say which paper is attached.
_PAPERS = {
    "kehilangan": Evidence.POLICE_LETTER,
    "polisi": Evidence.POLICE_LETTER,
    "kk": Evidence.KK,
    "ktp": Evidence.KTP_EL,
    "f102": Evidence.FORM_F102,
    "f-1.02": Evidence.FORM_F102,
}
HELP = (
    'Halo! Tulis layanan yang Anda perlukan, misalnya "KTP hilang" atau "akta kelahiran", '
    "boleh disertai NIK. Untuk cek berkas, kirim nomor permohonan (contoh: 18.08/000123)."
)


def first_message(payload: dict[str, Any]) -> dict[str, Any] | None:
    """The first message of a webhook notification, or ``None`` (a status update, say)."""
    for entry in payload.get("entry", []):
        for change in entry.get("changes", []):
            messages = change.get("value", {}).get("messages", [])
            if messages:
                return dict(messages[0])
    return None


def _text_of(message: dict[str, Any]) -> tuple[str, frozenset[Evidence]]:
    """The words of a message, and the papers a document attachment brings."""
    kind = message.get("type")
    if kind == "text":
        return str(message.get("text", {}).get("body", "")), frozenset()
    if kind == "document":
        document = message.get("document", {})
        words = f"{document.get('caption', '')} {document.get('filename', '')}"
        found = {paper for word, paper in _PAPERS.items() if word in words.lower()}
        return str(document.get("caption", "")), frozenset(found)
    return "", frozenset()


def reply(payload: dict[str, Any], office: Office, *, on: datetime.date) -> str:
    """The reply text to a webhook payload (Indonesian)."""
    message = first_message(payload)
    if message is None:
        return ""
    text, attached = _text_of(message)
    number = _APPLICATION.search(text)
    if number is not None:
        found = office.applications.get(number.group())
        if found is None:
            return f"Permohonan {number.group()} tidak ditemukan. Periksa kembali nomornya."
        return notice_for(found).text
    nik = _NIK.search(text)
    resident = None
    if nik is not None and nik_numbers.is_valid(nik.group()):
        resident = nik.group()
    matches = find_service(
        text,
        resident=resident,
        registry=office.registry if resident else None,
        on=on,
    )
    if not matches:
        return HELP
    best = matches[0]
    form = Form(
        document=best.document,
        variant=best.variant,
        channel=Channel.WHATSAPP,
        subject=resident,
        applicant=resident,
        evidence=attached,
    )
    try:
        report = check(form, office.registry, on=on)
    except AdmindukError as error:
        return f"Maaf, permintaan belum dapat diproses: {error}"
    lines = [f"Layanan: {best.name_id}."]
    needed = [f for f in report.findings if f.blocking]
    if resident is None:
        needed = [f for f in needed if not f.code.endswith((".subject", ".alive"))]
    if not needed:
        lines.append("Semua syarat sudah terpenuhi. Silakan ajukan permohonan.")
    else:
        lines.append("Yang perlu disiapkan (semuanya sekaligus):")
        for finding in needed:
            fix = " atau ".join(e.label for e in finding.satisfy_with)
            lines.append(f"- {finding.message_id}" + (f" ({fix})" if fix else ""))
    if resident is None:
        lines.append("Sertakan NIK agar kami periksa data Anda di register.")
    return "\n".join(lines)


def sample_payload(body: str) -> dict[str, Any]:
    """A webhook payload of the documented shape carrying a text message."""
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "WHATSAPP_BUSINESS_ACCOUNT_ID",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "15550000000",
                                "phone_number_id": "PHONE_NUMBER_ID",
                            },
                            "contacts": [{"profile": {"name": "Warga"}, "wa_id": "15550000001"}],
                            "messages": [
                                {
                                    "from": "15550000001",
                                    "id": "wamid.SAMPLE",
                                    "timestamp": "1772438400",
                                    "type": "text",
                                    "text": {"body": body},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }


def main() -> int:
    on = datetime.date(2026, 3, 2)
    office = Office("18.08", sample_registry(recorded=True))
    if len(sys.argv) > 1:
        payload = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    else:
        payload = sample_payload(f"KTP saya hilang, NIK {SIAP_KELUARGA.head}")
    print(reply(payload, office, on=on))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
