"""Evidence as files: what was attached, of which kind, by whom, and how a clerk judged it.

An :class:`Attachment` describes one file handed in with a form: the kind of evidence it is, its
media type, its size and its SHA-256 digest, who gave it (:class:`~adminduk.documents.Supplier`),
and, once a clerk has looked at it, the :class:`Review`. The bytes themselves live in the store
(:meth:`adminduk.store.Store.put_attachment`), addressed by their digest; a form names them.

Online files must be scans of the originals (Perpres 96/2018 as offices apply it), so only
the formats a scan comes in are taken (:data:`MEDIA_TYPES`), each recognised by its first bytes
and not by what the sender says; files are bounded in size (:data:`MAX_BYTES`). A kind of
evidence only the office can attest (biometrics recorded, originals seen) cannot be given by a
resident.

>>> scan = b"%PDF-1.7 synthetic scan of a police letter"
>>> attached = Attachment.of(scan, kind=Evidence.POLICE_LETTER)
>>> attached.media_type, attached.size, attached.sha256[:12]
('application/pdf', 42, '0493a0322d0d')
>>> refused = attached.reviewed(Review(verdict=Verdict.REFUSED, by="FO-01", reason="buram"))
>>> refused.refused
True
>>> Attachment.of(b"%PDF-1.7 ...", kind=Evidence.BIOMETRICS)
Traceback (most recent call last):
...
adminduk.errors.InvalidComponent: perekaman biometrik KTP-el (KTP-el biometric recording) is attested by the office; a resident cannot supply it
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Mapping

import attrs

from adminduk._fields import require_member, require_text
from adminduk._privacy import redacted_repr
from adminduk.documents._vocabulary import Evidence, Supplier
from adminduk.errors import InvalidComponent, InvalidFormat

__all__ = ["MAX_BYTES", "MEDIA_TYPES", "Attachment", "Review", "Verdict", "sniff"]

#: The largest file taken, in bytes (a scan of an A4 page at 300 dpi is well under it). A store
#: may set a smaller bound of its own.
MAX_BYTES = 5 * 1024 * 1024

#: The media types taken, each with the first bytes every file of the type starts with.
MEDIA_TYPES: Mapping[str, tuple[bytes, ...]] = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}

_DIGEST = re.compile(r"[0-9a-f]{64}")


def sniff(data: bytes) -> str | None:
    r"""The media type ``data`` starts as (one of :data:`MEDIA_TYPES`), or ``None``.

    >>> sniff(b"\x89PNG\r\n\x1a\n...")
    'image/png'
    >>> sniff(b"MZ\x90\x00") is None
    True
    """
    for media_type, signatures in MEDIA_TYPES.items():
        if any(data.startswith(signature) for signature in signatures):
            return media_type
    return None


class Verdict(enum.Enum):
    """What a clerk made of an attachment."""

    __hash__ = object.__hash__  # members are singletons: identity hashing is exact, and fast

    ACCEPTED = "accepted"  #: legible, the right paper, of the right person
    REFUSED = "refused"  #: not usable: the reason says why and what would do


@redacted_repr
@attrs.frozen(kw_only=True)
class Review:
    """A clerk's verdict on one attachment, by whom, and (when refused) why.

    The reason is what the resident reads: say what is wrong and what would do instead.
    """

    verdict: Verdict
    by: str
    reason: str = ""

    def __attrs_post_init__(self) -> None:
        require_member(self.verdict, Verdict, "verdict")
        require_text(self.by, "by")
        require_text(self.reason, "reason", empty=True)
        if len(self.reason) > 300:
            raise InvalidComponent("a review's reason is at most 300 characters")
        if self.verdict is Verdict.REFUSED and not self.reason.strip():
            raise InvalidComponent("a refused attachment needs a reason the resident can act on")


def _digest(value: object) -> str:
    if not isinstance(value, str) or _DIGEST.fullmatch(value) is None:
        raise InvalidFormat("an attachment's digest is 64 lowercase hexadecimal digits (SHA-256)")
    return value


@redacted_repr
@attrs.frozen(kw_only=True)
class Attachment:
    """One file handed in with a form: its kind, format, size, digest, giver and review."""

    kind: Evidence
    media_type: str
    size: int
    sha256: str = attrs.field(converter=_digest)
    given_by: Supplier = Supplier.RESIDENT
    review: Review | None = None

    def __attrs_post_init__(self) -> None:
        require_member(self.kind, Evidence, "an attachment's kind")
        require_member(self.given_by, Supplier, "given_by")
        if self.media_type not in MEDIA_TYPES:
            raise InvalidComponent(
                f"attachments are {', '.join(MEDIA_TYPES)}, not {str(self.media_type)[:40]!r}"
            )
        if isinstance(self.size, bool) or not isinstance(self.size, int):
            raise InvalidFormat("an attachment's size is a whole number of bytes")
        if not 0 < self.size <= MAX_BYTES:
            raise InvalidComponent(
                f"an attachment has 1 to {MAX_BYTES:,} bytes, not {self.size:,}"
            )
        if self.given_by is Supplier.RESIDENT and self.kind.supplier is Supplier.OFFICE:
            raise InvalidComponent(
                f"{self.kind.label} ({self.kind.label_en}) is attested by the office; a resident "
                "cannot supply it"
            )
        if self.review is not None:
            require_member(self.review, Review, "review")

    @classmethod
    def of(
        cls,
        data: bytes | bytearray | memoryview,
        *,
        kind: Evidence,
        given_by: Supplier = Supplier.RESIDENT,
        limit: int = MAX_BYTES,
    ) -> Attachment:
        """Describe the file ``data``: its type recognised from its first bytes, never claimed.

        Refused when it is empty, larger than ``limit`` (at most :data:`MAX_BYTES`), or of no
        type in :data:`MEDIA_TYPES`.
        """
        if not isinstance(data, bytes | bytearray | memoryview):
            raise InvalidFormat(f"an attachment is bytes, not {type(data).__name__}")
        content = bytes(data)
        bound = min(limit, MAX_BYTES)
        if not 0 < len(content) <= bound:
            raise InvalidComponent(f"an attachment has 1 to {bound:,} bytes, not {len(content):,}")
        media_type = sniff(content)
        if media_type is None:
            raise InvalidComponent(
                f"an attachment is a scan: {', '.join(MEDIA_TYPES)}; this file is none of them"
            )
        return cls(
            kind=kind,
            media_type=media_type,
            size=len(content),
            sha256=hashlib.sha256(content).hexdigest(),
            given_by=given_by,
        )

    @property
    def refused(self) -> bool:
        """Whether a clerk refused it (it then supplies nothing)."""
        return self.review is not None and self.review.verdict is Verdict.REFUSED

    def reviewed(self, review: Review) -> Attachment:
        """The attachment with a clerk's ``review``."""
        return attrs.evolve(self, review=review)

    def matches(self, data: bytes) -> bool:
        """Whether ``data`` is the file this describes (same size and SHA-256 digest)."""
        return len(data) == self.size and hashlib.sha256(data).hexdigest() == self.sha256
