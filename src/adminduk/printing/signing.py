"""The office's signing key, the signed statement a QR code carries, and the withdrawn list.

A printed document carries a QR code holding a compact statement of what it is, signed with
the office's Ed25519 key (``cryptography``): the office, the key's id, the document type, its
number (a family card's or an ID card's number masked, since they are personal numbers), the
day of issue, the holder's printed name, and a digest of everything the page prints. The
public key is all a verifier needs. The office also publishes the documents it withdrew
(replaced by a reissue or a correction, or annulled) as a signed list with an expiry, which a
verifier fetches and caches (:mod:`adminduk.printing.verify`).

The text forms are ``ADMINDUK1.<statement>.<signature>`` (base64url, no padding) for the QR,
``adminduk-public-key <office> <key>`` for a public key, and JSON for the withdrawn list.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import itertools
import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from adminduk._privacy import mask
from adminduk.errors import AdmindukError, InvalidFormat
from adminduk.printing.layout import lines_of, member_rows
from adminduk.register.events import DocumentIssued, DocumentWithdrawn
from adminduk.register.issued import IssuedAktaCerai, IssuedAktaKawin, IssuedDocument, IssuedKK
from adminduk.register.registry import Registry

__all__ = [
    "KeyFileError",
    "OfficeKey",
    "PublicKey",
    "SignatureError",
    "Statement",
    "Withdrawn",
    "WithdrawnList",
    "digest_of",
    "statement_of",
    "withdrawn_list",
]

PREFIX = "ADMINDUK1"
#: Document types whose number is a personal number (a KK number, a NIK): printed masked.
_PERSONAL_NUMBERS = frozenset({"KK", "KTP-el", "KIA"})
#: The longest QR text read (a statement is about 250 characters).
_LONGEST = 2000


class SignatureError(AdmindukError, ValueError):
    """A statement, a key or a withdrawn list that is malformed or whose signature fails."""

    default_code = "signature"
    default_message_id = "Tanda tangan elektronik tidak sah"


class KeyFileError(AdmindukError):
    """An office key file that cannot be written (it exists) or read (missing, not a key)."""

    default_code = "key-file"
    default_message_id = "Berkas kunci kantor tidak dapat dipakai"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    if not isinstance(text, str) or not text.isascii():
        raise SignatureError("not base64url text")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (ValueError, TypeError) as error:
        raise SignatureError("not base64url text") from error


def _key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:16]


@attrs.frozen
class PublicKey:
    """An office's public key: what verifiers keep, by office code and key id."""

    office: str
    key: Ed25519PublicKey = attrs.field(eq=False, repr=False)

    @property
    def raw(self) -> bytes:
        """The 32 bytes of the key."""
        return self.key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)

    @property
    def key_id(self) -> str:
        """The first 16 hex digits of the key's SHA-256 (statements name their key by it)."""
        return _key_id(self.raw)

    def to_text(self) -> str:
        """``adminduk-public-key <office> <key>``: one line to publish."""
        return f"adminduk-public-key {self.office} {_b64(self.raw)}"

    @classmethod
    def from_text(cls, text: str) -> PublicKey:
        """Read a published public key (:class:`SignatureError` if it is not one)."""
        parts = text.strip().split() if isinstance(text, str) else []
        if len(parts) != 3 or parts[0] != "adminduk-public-key":
            raise SignatureError("not an adminduk public key line")
        raw = _unb64(parts[2])
        if len(raw) != 32:
            raise SignatureError("an Ed25519 public key has 32 bytes")
        return cls(parts[1], Ed25519PublicKey.from_public_bytes(raw))

    def verify(self, signature: bytes, data: bytes) -> bool:
        """Whether ``signature`` is this key's over ``data``."""
        try:
            self.key.verify(signature, data)
        except InvalidSignature:
            return False
        return True


@attrs.frozen
class OfficeKey:
    """An office's private signing key (keep it on the office's signing machine only)."""

    office: str
    key: Ed25519PrivateKey = attrs.field(eq=False, repr=False)

    @classmethod
    def generate(cls, office: str) -> OfficeKey:
        """A new key pair for ``office`` (from the operating system's randomness)."""
        return cls(office, Ed25519PrivateKey.generate())

    @property
    def public(self) -> PublicKey:
        """The public half, to publish."""
        return PublicKey(self.office, self.key.public_key())

    def sign(self, data: bytes) -> bytes:
        """The Ed25519 signature of ``data``."""
        return self.key.sign(data)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the key (PKCS#8 PEM, office code in a comment line) readable by the owner only."""
        pem = self.key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        try:
            fd = os.open(os.fspath(path), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            raise KeyFileError(f"{path} exists: a key is never overwritten") from None
        with os.fdopen(fd, "wb") as out:
            out.write(f"# adminduk office {self.office}\n".encode() + pem)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> OfficeKey:
        """Read a key written by :meth:`save`."""
        try:
            data = Path(path).read_bytes()[:10_000]
        except OSError as error:
            raise KeyFileError(f"cannot read the key file {path}: {error.strerror}") from None
        first, _, pem = data.partition(b"\n")
        if not first.startswith(b"# adminduk office "):
            raise KeyFileError("not an adminduk office key file")
        try:
            key = serialization.load_pem_private_key(pem, password=None)
        except (ValueError, TypeError) as error:
            raise KeyFileError("the office key file is damaged") from error
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyFileError("an office key is an Ed25519 key")
        return cls(first.removeprefix(b"# adminduk office ").decode().strip(), key)


def digest_of(record: IssuedDocument) -> str:
    """The digest of everything ``record``'s page prints (22 characters, 128 bits)."""
    printed = {
        "document": record.document,
        "lines": [[line.label_id, line.value] for line in lines_of(record)],
        "members": [list(row) for row in member_rows(record)],
    }
    canonical = json.dumps(printed, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return _b64(hashlib.sha256(canonical.encode()).digest()[:16])


def _printed_name(record: IssuedDocument) -> str:
    if isinstance(record, IssuedKK):
        return record.members[0].name if record.members else ""
    if isinstance(record, IssuedAktaKawin | IssuedAktaCerai):
        return f"{record.husband_name} & {record.wife_name}"
    return str(getattr(record, "name", ""))


@attrs.frozen(kw_only=True)
class Statement:
    """What a document's QR code says, signed: no personal number in clear."""

    office: str
    key_id: str
    document: str
    number: str
    issued_on: datetime.date
    digest: str
    name: str

    def to_json(self) -> bytes:
        """The signed bytes: compact JSON with short keys."""
        data = {
            "o": self.office,
            "k": self.key_id,
            "t": self.document,
            "n": self.number,
            "d": self.issued_on.isoformat(),
            "h": self.digest,
            "p": self.name,
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()

    @classmethod
    def from_json(cls, data: bytes) -> Statement:
        """Read signed bytes back (:class:`SignatureError` for anything else)."""
        try:
            value: Any = json.loads(data)
            fields = {key: value[key] for key in "oktndhp"}
            if not all(isinstance(item, str) for item in fields.values()):
                raise TypeError("a statement's fields are text")
            issued = datetime.date.fromisoformat(fields["d"])
        except (ValueError, TypeError, KeyError, UnicodeDecodeError) as error:
            raise SignatureError("the QR code does not hold an adminduk statement") from error
        return cls(
            office=fields["o"][:20],
            key_id=fields["k"][:32],
            document=fields["t"][:20],
            number=fields["n"][:60],
            issued_on=issued,
            digest=fields["h"][:40],
            name=fields["p"][:200],
        )


def statement_of(record: IssuedDocument, key: OfficeKey) -> Statement:
    """The statement of ``record`` by ``key``'s office."""
    number = mask(record.number) if record.document in _PERSONAL_NUMBERS else record.number
    return Statement(
        office=key.office,
        key_id=key.public.key_id,
        document=record.document,
        number=number,
        issued_on=record.issued_on,
        digest=digest_of(record),
        name=_printed_name(record),
    )


def sign_record(record: IssuedDocument, key: OfficeKey) -> str:
    """The QR text of ``record``: ``ADMINDUK1.<statement>.<signature>``."""
    data = statement_of(record, key).to_json()
    return f"{PREFIX}.{_b64(data)}.{_b64(key.sign(data))}"


def read_payload(payload: str) -> tuple[Statement, bytes, bytes]:
    """A QR text's statement, its signed bytes and the signature (not yet checked)."""
    if not isinstance(payload, str) or len(payload) > _LONGEST:
        raise SignatureError("not an adminduk QR code")
    parts = payload.strip().split(".")
    if len(parts) != 3 or parts[0] != PREFIX:
        raise SignatureError("not an adminduk QR code")
    data, signature = _unb64(parts[1]), _unb64(parts[2])
    return Statement.from_json(data), data, signature


@attrs.frozen
class Withdrawn:
    """A printed document no longer valid: replaced (by a later printing) or annulled."""

    digest: str
    document: str
    on: datetime.date
    reason: str  # "replaced" or "annulled"


@attrs.frozen(kw_only=True)
class WithdrawnList:
    """The office's list of withdrawn documents, valid until ``expires``."""

    office: str
    made: datetime.datetime
    expires: datetime.datetime
    entries: tuple[Withdrawn, ...]

    def find(self, digest: str) -> Withdrawn | None:
        """The entry of the printing with ``digest``, if it was withdrawn."""
        return next((entry for entry in self.entries if entry.digest == digest), None)

    def to_json(self) -> bytes:
        """The list's signed bytes."""
        data = {
            "office": self.office,
            "made": self.made.isoformat(),
            "expires": self.expires.isoformat(),
            "withdrawn": [
                [e.digest, e.document, e.on.isoformat(), e.reason] for e in self.entries
            ],
        }
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()

    def signed(self, key: OfficeKey) -> str:
        """The file to publish: the list and its signature, as JSON."""
        data = self.to_json()
        return json.dumps(
            {"list": _b64(data), "key": key.public.key_id, "signature": _b64(key.sign(data))}
        )

    @classmethod
    def read(cls, text: str, public_keys: Iterable[PublicKey]) -> WithdrawnList:
        """A published list, its signature checked against ``public_keys``."""
        try:
            outer: Any = json.loads(text)
            data, signature = _unb64(outer["list"]), _unb64(outer["signature"])
            key_id = outer["key"]
            inner: Any = json.loads(data)
            entries = tuple(
                Withdrawn(str(d), str(t), datetime.date.fromisoformat(on), str(why))
                for d, t, on, why in inner["withdrawn"]
            )
            listed = cls(
                office=str(inner["office"]),
                made=datetime.datetime.fromisoformat(inner["made"]),
                expires=datetime.datetime.fromisoformat(inner["expires"]),
                entries=entries,
            )
        except (ValueError, TypeError, KeyError, AttributeError) as error:
            raise SignatureError("not an adminduk withdrawn list") from error
        key = next((k for k in public_keys if k.key_id == key_id), None)
        if key is None or key.office != listed.office or not key.verify(signature, data):
            raise SignatureError("the withdrawn list is not signed by its office's key")
        return listed


def withdrawn_list(
    registry: Registry, *, office: str, made: datetime.datetime, valid: datetime.timedelta
) -> WithdrawnList:
    """Every printing the register has withdrawn: replaced by a later one, or annulled.

    A family card is printed again at every change, a certificate after a correction; each
    earlier printing is replaced on the day of the next. An annulment withdraws every printing.
    """
    if not isinstance(registry, Registry):
        raise InvalidFormat(f"expected a Registry, not {type(registry).__name__}")
    printings: dict[tuple[str, str], list[IssuedDocument]] = {}
    annulled: dict[tuple[str, str], datetime.date] = {}
    for event in registry.journal:
        if isinstance(event, DocumentIssued):
            record = event.record
            printings.setdefault((record.document, record.number), []).append(record)
        elif isinstance(event, DocumentWithdrawn):
            annulled[(event.document, event.number)] = event.occurred_on
    entries: list[Withdrawn] = []
    for key, records in printings.items():
        current = digest_of(records[-1])
        for earlier, later in itertools.pairwise(records):
            digest = digest_of(earlier)
            if digest != current:  # a same-day reprint of the same data is the same paper
                entries.append(Withdrawn(digest, key[0], later.issued_on, "replaced"))
        if key in annulled:
            entries.append(Withdrawn(digest_of(records[-1]), key[0], annulled[key], "annulled"))
    return WithdrawnList(office=office, made=made, expires=made + valid, entries=tuple(entries))
