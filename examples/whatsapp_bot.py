"""A WhatsApp line: webhook payloads of the WhatsApp Cloud API in, reply texts out.

``WhatsAppLine(office, ...).handle(payload)`` reads every message of a webhook notification and
returns the replies to send, as ``(wa_id, text)`` pairs. It never raises: a payload of the
documented shape gets a reply, a malformed one (``entry: null``, a string, ``messages`` as an
object) gets none, and the webhook answers 200 either way, so Meta does not retry it.

A conversation is driven by adminduk's described forms (``next_question``):

- words naming a service ("KTP hilang", "my child's birth certificate") start the form of the
  service that fits; each reply answers the question asked, until the form is complete;
- a photo or a PDF (with or without a caption) answers a question asking for a paper: the file
  is fetched (``fetch_media``, the Graph API's media download in production), recognised by its
  first bytes and kept in the office's store; a caption alone ("ktp") attaches nothing;
- once nothing is missing, the application is filed and the resident gets its number and a
  tracking code; "lacak 18.08/000123 ABCDE-FGHJK" (or "track ...") gives its latest notice,
  only with the code;
- "batal" / "cancel" drops the conversation. Replies are in the language the resident writes
  (Indonesian or English).

Sending the replies is left to a client library (for example pywa, or any HTTP client posting
to the Cloud API's ``/messages`` endpoint); nothing here needs the network.

Usage: ``python examples/whatsapp_bot.py [PAYLOAD.json]`` prints the replies to a payload (by
default a built-in one asking for a birth certificate).
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import json
import logging
import re
import secrets
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, Literal

import attrs

from adminduk.applications import Actor
from adminduk.documents import (
    Attachment,
    Channel,
    Evidence,
    Question,
    check,
    fill,
    next_question,
)
from adminduk.documents.intake import find_service
from adminduk.errors import AdmindukError
from adminduk.notices import notice_for
from adminduk.samples import SIAP_KELUARGA, sample_registry
from adminduk.store import Store
from adminduk.workflows import Office

Lang = Literal["id", "en"]
log = logging.getLogger("whatsapp_bot")
_APPLICATION = re.compile(r"\b\d{2}\.\d{2}/\d{6}\b")
_CODE = re.compile(r"\b([2-9A-HJKMNP-Z]{5})[-\s]?([2-9A-HJKMNP-Z]{5})\b")
#: Common words that tell the two languages apart (a message's majority decides).
_ENGLISH_WORDS = """i my me the a an is are was lost need want birth certificate card id family
child baby death marriage divorce please hello hi track status cancel yes no of for to and new
make get how what where when"""
_INDONESIAN_WORDS = """saya aku mau ingin bikin buat hilang rusak akta kelahiran kematian anak
bayi tolong halo lacak batal ya tidak dan untuk yang ini itu baru kartu keluarga nikah cerai
bagaimana apa dimana kapan sudah belum pak bu"""
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_INDONESIAN = frozenset(_INDONESIAN_WORDS.split())
_LONGEST = 1000  # characters of a message read; the rest is ignored
HELP: dict[Lang, str] = {
    "id": (
        'Halo! Tulis layanan yang Anda perlukan, misalnya "KTP hilang" atau "akta kelahiran", '
        "lalu jawab pertanyaan kami satu per satu; foto dokumen bisa dikirim saat diminta. "
        "Untuk cek berkas: lacak <nomor> <kode pelacakan>. Ketik batal untuk berhenti."
    ),
    "en": (
        'Hello! Write the service you need, for example "lost ID card" or "birth '
        'certificate", then answer our questions one by one; send photos of papers when asked. '
        "To check a file: track <number> <tracking code>. Type cancel to stop."
    ),
}
_WORDS: dict[Lang, dict[str, str]] = {
    "id": {
        "service": "Layanan: {name}.",
        "filed": "Permohonan diterima dengan nomor {number}. Kode pelacakan: {code} "
        "(simpan kode ini; hanya dengan kode ini status berkas dapat dilihat).",
        "need_code": "Untuk melihat status, kirim nomor permohonan dengan kode pelacakannya: "
        "lacak {number} KODE.",
        "not_found": "Nomor dan kode itu tidak cocok. Periksa kembali.",
        "photo_kept": "Terima kasih, {paper} sudah kami terima.",
        "photo_unasked": "Terima kasih. Foto dokumen kami minta nanti; jawab dulu: ",
        "send_photo": "Mohon kirim foto atau PDF: {paper}.",
        "bad_file": "File itu tidak dapat kami terima: {why} Kirim foto (JPEG/PNG) atau PDF.",
        "cancelled": "Baik, permohonan dibatalkan. Tulis layanan lain kapan saja.",
        "cannot": "Maaf, layanan ini belum dapat diberikan: {why}",
        "failed": "Maaf, permohonan belum dapat diajukan: {why}",
        "unreadable": "Maaf, kami hanya dapat membaca pesan teks, foto, atau PDF.",
    },
    "en": {
        "service": "Service: {name}.",
        "filed": "Application received with number {number}. Tracking code: {code} (keep it; "
        "the file's status is shown only with this code).",
        "need_code": "To see the status, send the application number with its tracking code: "
        "track {number} CODE.",
        "not_found": "That number and code do not match. Please check them.",
        "photo_kept": "Thank you, we have received {paper}.",
        "photo_unasked": "Thank you. We ask for photos of papers later; first: ",
        "send_photo": "Please send a photo or PDF of: {paper}.",
        "bad_file": "We cannot accept that file: {why} Send a photo (JPEG/PNG) or a PDF.",
        "cancelled": "All right, the application is cancelled. Write another service any time.",
        "cannot": "Sorry, this service cannot be given: {why}",
        "failed": "Sorry, the application cannot be filed yet: {why}",
        "unreadable": "Sorry, we can read text messages, photos and PDFs only.",
    },
}


@attrs.define
class Conversation:
    """One resident's form in progress: the service, the answers, the files, the language."""

    lang: Lang = "id"
    document: str | None = None
    variant: str | None = None
    answers: dict[str, object] = attrs.Factory(dict)
    files: list[Attachment] = attrs.Factory(list)
    #: Photos sent before their paper was asked for, kept for it (the message that brought them).
    spare: list[Incoming] = attrs.Factory(list)
    #: Filed, or refused for good: the next message starts afresh.
    done: bool = False


@attrs.frozen
class Incoming:
    """A message as the line reads it: who sent it, its words, and a file it carries."""

    sender: str
    text: str
    media_id: str | None = None
    kind: str = "text"


def messages_of(payload: object) -> list[Incoming]:
    """Every readable message of a webhook payload; anything of another shape is skipped."""
    found: list[Incoming] = []
    for entry in _list(_get(payload, "entry")):
        for change in _list(_get(entry, "changes")):
            for message in _list(_get(_get(change, "value"), "messages")):
                incoming = _incoming(message)
                if incoming is not None:
                    found.append(incoming)
    return found[:20]  # one notification carries a handful; a flood is cut


def _get(value: object, key: str) -> object:
    return value.get(key) if isinstance(value, Mapping) else None


def _list(value: object) -> list[object]:
    return list(value)[:50] if isinstance(value, list) else []


def _text(value: object) -> str:
    return value[:_LONGEST] if isinstance(value, str) else ""


def _incoming(message: object) -> Incoming | None:
    sender = _text(_get(message, "from"))
    if not re.fullmatch(r"\d{6,20}", sender):
        return None
    kind = _get(message, "type")
    if kind == "text":
        return Incoming(sender, _text(_get(_get(message, "text"), "body")))
    if kind in ("image", "document"):
        media = _get(message, str(kind))
        media_id = _text(_get(media, "id"))
        return Incoming(sender, _text(_get(media, "caption")), media_id or None, str(kind))
    if isinstance(kind, str):
        return Incoming(sender, "", None, "other")
    return None


def language_of(text: str, default: Lang = "id") -> Lang:
    """English or Indonesian, by the words used (``default`` when they do not say)."""
    words = re.findall(r"[a-z]+", text.lower())
    english = sum(word in _ENGLISH for word in words)
    indonesian = sum(word in _INDONESIAN for word in words)
    if english > indonesian:
        return "en"
    if indonesian > english:
        return "id"
    return default


class WhatsAppLine:
    """The office's WhatsApp line: conversations by sender, filing, tracking with a code.

    ``fetch_media(media_id)`` returns a file's bytes (the Graph API's download in production);
    ``clock`` gives the time of a filing; ``token`` draws tracking codes (tests pass their own).
    Conversations and tracking codes are kept in memory here; an office keeps them where it
    keeps its sessions.
    """

    def __init__(
        self,
        office: Office,
        *,
        fetch_media: Callable[[str], bytes] | None = None,
        clock: Callable[[], datetime.datetime],
        token: Callable[[], str] | None = None,
    ) -> None:
        self.office = office
        self.fetch_media = fetch_media
        self.clock = clock
        self.token = token or (
            lambda: "".join(secrets.choice("23456789ABCDEFGHJKMNPQRSTUVWXYZ") for _ in range(10))
        )
        self.conversations: dict[str, Conversation] = {}
        self._codes: dict[str, str] = {}

    def handle(self, payload: object) -> list[tuple[str, str]]:
        """The replies to every message of ``payload``; never raises."""
        replies = []
        for message in messages_of(payload):
            try:
                text = self.answer(message)
            except Exception:  # a line answers every resident, whatever happened; logged
                log.exception("the WhatsApp line failed on a message")
                text = _WORDS[self._conversation(message.sender).lang]["failed"].format(why="-")
            talk = self.conversations.get(message.sender)
            if talk is not None and (talk.done or talk.document is None):
                self.conversations.pop(message.sender, None)  # nothing to keep
            if text:
                replies.append((message.sender, text))
        return replies

    def _conversation(self, sender: str) -> Conversation:
        return self.conversations.setdefault(sender, Conversation())

    def answer(self, message: Incoming) -> str:
        """The reply to one message."""
        talk = self._conversation(message.sender)
        if message.text.strip():
            talk.lang = language_of(message.text, talk.lang)
        words = _WORDS[talk.lang]
        lowered = message.text.strip().lower()
        if message.kind == "other":
            return words["unreadable"]
        if lowered in ("batal", "cancel", "stop"):
            self.conversations.pop(message.sender, None)
            return words["cancelled"]
        if _APPLICATION.search(message.text) and message.media_id is None:
            return self._track(message.text, talk.lang)
        if talk.document is None:
            return self._start(talk, message)
        return self._continue(talk, message)

    def _track(self, text: str, lang: Lang) -> str:
        number = _APPLICATION.search(text)
        assert number is not None
        code = _CODE.search(text.upper())
        if code is None:
            return _WORDS[lang]["need_code"].format(number=number.group())
        held = self._codes.get(number.group())
        given = _digest(f"{code.group(1)}-{code.group(2)}")
        if held is None or not hmac.compare_digest(held, given):
            return _WORDS[lang]["not_found"]
        return notice_for(self.office.get(number.group()), lang=lang).text

    def _start(self, talk: Conversation, message: Incoming) -> str:
        matches = find_service(message.text, on=self.clock().date())
        if not matches:
            return HELP[talk.lang]
        best = matches[0]
        talk.document, talk.variant = best.document, best.variant
        name = best.name_id if talk.lang == "id" else best.name_en
        intro = _WORDS[talk.lang]["service"].format(name=name)
        if message.media_id is not None:  # a photo with the first words: kept for its question
            talk.spare.append(message)
        return f"{intro} {self._ask(talk, self._next(talk))}"

    def _continue(self, talk: Conversation, message: Incoming) -> str:
        question = self._next(talk)
        if question is None:
            return self._file(talk)
        if message.media_id is not None:
            if question.paper is None:  # kept until its paper is asked for
                talk.spare = [*talk.spare, message][-8:]
                return _WORDS[talk.lang]["photo_unasked"] + question.prompt(talk.lang)
            kept = self._attach(talk, message, question)
            if kept:
                return kept
        elif question.field is not None:
            talk.answers[question.field.path] = message.text.strip()[:300]
        else:  # a paper is asked and words came: ask for the file again
            assert question.paper is not None
            paper = question.paper.label_id if talk.lang == "id" else question.paper.label_en
            return _WORDS[talk.lang]["send_photo"].format(paper=paper)
        following = self._next(talk)
        while following is not None and following.paper is not None and talk.spare:
            if self._attach(talk, talk.spare.pop(0), following):
                continue  # a spare photo that is no usable file: the next one, or ask
            following = self._next(talk)
        if following is None:
            return self._file(talk)
        return self._ask(talk, following)

    def _attach(self, talk: Conversation, message: Incoming, question: Question | None) -> str:
        """Keep the message's file as the paper asked; an error text, or ``""`` when kept."""
        if question is None or question.paper is None or self.fetch_media is None:
            return ""
        assert message.media_id is not None
        kind = _kind_named(message.text, question.paper.kinds)
        try:
            data = self.fetch_media(message.media_id)
            recorder = self.office.recorder
            if isinstance(recorder, Store):
                attached = recorder.put_attachment(data, kind=kind)
            else:
                attached = Attachment.of(data, kind=kind)
        except AdmindukError as error:
            why = error.message_id if talk.lang == "id" else error.message_en
            return _WORDS[talk.lang]["bad_file"].format(why=why)
        if all(item.sha256 != attached.sha256 for item in talk.files):
            talk.files.append(attached)
        return ""

    def _next(self, talk: Conversation) -> Question | None:
        assert talk.document is not None
        assert talk.variant is not None
        return next_question(
            talk.document,  # type: ignore[arg-type]
            talk.variant,
            talk.answers,
            channel=Channel.WHATSAPP,
            attachments=talk.files,
            registry=self.office.registry,
            on=self.clock().date(),
        )

    def _ask(self, talk: Conversation, question: Question | None) -> str:
        if question is None:
            return self._file(talk)
        if question.field is None and question.paper is None:  # nothing the resident can do
            talk.done = True
            finding = question.finding
            why = (
                ""
                if finding is None
                else (finding.message_id if talk.lang == "id" else finding.message_en)
            )
            return _WORDS[talk.lang]["cannot"].format(why=why)
        return question.prompt(talk.lang)

    def _file(self, talk: Conversation) -> str:
        assert talk.document is not None
        assert talk.variant is not None
        filled = fill(
            talk.document,  # type: ignore[arg-type]
            talk.variant,
            talk.answers,
            channel=Channel.WHATSAPP,
            attachments=talk.files,
        )
        words = _WORDS[talk.lang]
        if filled.form is None:
            why = "; ".join(
                f.message_id if talk.lang == "id" else f.message_en for f in filled.findings
            )
            return words["failed"].format(why=why)
        form = filled.form
        at = self.clock()
        report = check(form, self.office.registry, on=at.date())
        if not report.ok and any(not f.by_office for f in report.findings if f.blocking):
            why = "; ".join(
                f.message_id if talk.lang == "id" else f.message_en
                for f in report.findings
                if f.blocking
            )
            return words["failed"].format(why=why)
        resident = Actor.resident(form.applicant or form.subject or "")
        try:
            app = self.office.submit(form, actor=resident, at=at)
        except AdmindukError as error:
            return words["failed"].format(
                why=error.message_id if talk.lang == "id" else error.message_en
            )
        raw = self.token()
        code = f"{raw[:5]}-{raw[5:10]}"
        self._codes[app.id] = _digest(code)
        talk.done = True
        return words["filed"].format(number=app.id, code=code)


def _kind_named(caption: str, kinds: tuple[Evidence, ...]) -> Evidence:
    """The kind among ``kinds`` a caption names (``"SPTJM"``), else the first."""
    lowered = caption.lower()
    for kind in kinds:
        if kind.value.split("_")[0] in lowered or kind.label.lower() in lowered:
            return kind
    return kinds[0]


def _digest(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def text_payload(body: str, sender: str = "15550000001") -> dict[str, Any]:
    """A webhook payload of the documented shape carrying a text message."""
    return _payload(
        {
            "from": sender,
            "id": "wamid.SAMPLE",
            "timestamp": "1772438400",
            "type": "text",
            "text": {"body": body},
        }
    )


def media_payload(
    media_id: str, caption: str = "", *, kind: str = "image", sender: str = "15550000001"
) -> dict[str, Any]:
    """A webhook payload of the documented shape carrying a photo (or a document)."""
    media: dict[str, Any] = {"id": media_id, "mime_type": "image/jpeg", "sha256": "-"}
    if caption:
        media["caption"] = caption
    if kind == "document":
        media.update(mime_type="application/pdf", filename="scan.pdf")
    return _payload(
        {
            "from": sender,
            "id": "wamid.SAMPLE",
            "timestamp": "1772438400",
            "type": kind,
            kind: media,
        }
    )


def _payload(message: dict[str, Any]) -> dict[str, Any]:
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
                            "contacts": [{"profile": {"name": "Warga"}, "wa_id": message["from"]}],
                            "messages": [message],
                        },
                    }
                ],
            }
        ],
    }


def main() -> int:
    office = Office("18.08", sample_registry(recorded=True))
    line = WhatsAppLine(office, clock=lambda: datetime.datetime(2026, 3, 2, 9, 0))
    if len(sys.argv) > 1:
        payloads = [json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))]
    else:
        payloads = [
            text_payload("mau bikin akta kelahiran anak saya"),
            text_payload(SIAP_KELUARGA.wife),
        ]
    for payload in payloads:
        for _, text in line.handle(payload):
            print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
