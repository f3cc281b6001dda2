"""The log's rows: how a change is written, chained and read back, and the head an office keeps.

Each row is ``(seq, kind, application, body, digest)``: ``seq`` counts from 1 with no gaps,
``body`` is the change as JSON (:mod:`adminduk.serialization`'s shapes), and ``digest`` chains
the row to the one before: the SHA-256 of the previous row's digest and this row's fields, or,
for a store opened with an office key, their HMAC-SHA256 under that key. A row that is edited,
dropped, duplicated or moved breaks the chain at its position; with a key, nobody without it can
write a chain that passes.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from typing import Any

import attrs

from adminduk import serialization
from adminduk.applications import Action, Application, require_application_id
from adminduk.errors import AdmindukError, InvalidFormat, StoreCorrupt, StoreError
from adminduk.register.events import DocumentIssued, Event, involved
from adminduk.workflows import Change

__all__ = [
    "GENESIS",
    "KINDS",
    "HeadDigest",
    "Row",
    "chain",
    "checked_row",
    "decode",
    "encode",
    "people_of",
    "seal",
    "sealed",
]

#: The digest before the first row.
GENESIS = "0" * 64
#: The kinds of row a log holds.
KINDS = frozenset({"action", "event", "adopt"})
_DIGEST = re.compile(r"[0-9a-f]{64}")
_ANY_EVENT: Any = serialization.AnyEvent


@attrs.frozen
class Row:
    """One row of the log, as stored."""

    seq: int
    kind: str
    application: str | None
    body: str
    digest: str


def checked_row(values: tuple[Any, ...], expected: int) -> Row:
    """A row read from the database, if every column has its type; else ``StoreCorrupt``.

    ``expected`` is the position the row should be at (a gap is reported there).
    """
    if len(values) != 5:
        raise StoreCorrupt(
            f"log row {expected} does not have the log's columns", position=expected
        )
    seq, kind, application, body, digest = values
    if type(seq) is not int:
        raise StoreCorrupt(
            f"log row {expected} has a position that is not a number", position=expected
        )
    if seq != expected:
        raise StoreCorrupt(
            f"the log jumps from position {expected - 1} to {seq}: rows are missing",
            position=expected,
        )
    if (
        type(kind) is not str
        or kind not in KINDS
        or not (application is None or type(application) is str)
        or type(body) is not str
        or type(digest) is not str
        or _DIGEST.fullmatch(digest) is None
    ):
        raise StoreCorrupt(
            f"log row {seq} holds a value of the wrong type (kind, application, body or digest)",
            position=seq,
        )
    return Row(seq, kind, application, body, digest)


def chain(
    previous: str,
    seq: int,
    kind: str,
    application: str | None,
    body: str,
    *,
    key: bytes | None = None,
) -> str:
    """The digest of a row that follows a row with digest ``previous`` (keyed: an HMAC)."""
    text = "\x1f".join((previous, str(seq), kind, application or "", body)).encode("utf-8")
    if key is None:
        return hashlib.sha256(text).hexdigest()
    return hmac.new(key, text, hashlib.sha256).hexdigest()


def seal(data: bytes, key: bytes | None) -> str:
    """The checksum of a snapshot's bytes: SHA-256, or with a key its HMAC-SHA256."""
    if key is None:
        return hashlib.sha256(data).hexdigest()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def sealed(data: bytes, key: bytes | None, checksum: str) -> bool:
    """Whether ``checksum`` (as read from the store) is the seal of ``data``, in constant time.

    A checksum that is not ASCII (damage, or an edit) is no seal: it is never compared.
    """
    return checksum.isascii() and hmac.compare_digest(seal(data, key), checksum)


@attrs.frozen
class HeadDigest:
    """The log's last position and its digest: what an office writes down to detect a rollback.

    A store restored from an older copy, or cut back and re-chained by someone without the
    office key, no longer holds this position with this digest; :meth:`Store.verify
    <adminduk.store.Store.verify>` and :func:`~adminduk.store.open_office` (``head=``) check it.
    Its text form ``adminduk-head:<position>:<digest>`` fits a notebook or a message.

    >>> head = HeadDigest(12, "ab" * 32)
    >>> HeadDigest.parse(str(head)) == head
    True
    """

    position: int
    digest: str

    def __attrs_post_init__(self) -> None:
        if type(self.position) is not int or self.position < 0:
            raise InvalidFormat("a head's position is a whole number from 0")
        if type(self.digest) is not str or _DIGEST.fullmatch(self.digest) is None:
            raise InvalidFormat("a head's digest is 64 lower-case hexadecimal digits")

    def __str__(self) -> str:
        return f"adminduk-head:{self.position}:{self.digest}"

    @classmethod
    def parse(cls, text: str) -> HeadDigest:
        """Read the text form back (``InvalidFormat`` for anything else)."""
        if not isinstance(text, str):
            raise InvalidFormat(f"a head digest is text, not {type(text).__name__}")
        prefix, _, rest = text.strip().partition(":")
        position, _, digest = rest.partition(":")
        if prefix != "adminduk-head" or not (position.isascii() and position.isdigit()):
            raise InvalidFormat("a head digest reads adminduk-head:<position>:<digest>")
        return cls(int(position), digest)


def encode(change: Change) -> tuple[str, str | None, str]:
    """The ``(kind, application, body)`` of a change.

    The body keeps the order of every mapping as written (a move's relationships are an
    ordered list of pairs in the register): it is read back equal.
    """
    converter = serialization.converter
    if change.kind == "action" and change.action is not None:
        data: Any = converter.unstructure(change.action, Action)
    elif change.kind == "event" and change.event is not None:
        data = converter.unstructure(change.event, _ANY_EVENT)
    elif change.kind == "adopt" and change.adopted is not None:
        data = serialization.unstructure(change.adopted)
    else:
        raise StoreCorrupt(f"a {change.kind} change without its content")
    body = json.dumps(data, ensure_ascii=False)
    try:
        body.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (from a JSON escape) has no UTF-8 form
        raise StoreError("a value holds text that cannot be stored (not Unicode)") from None
    return change.kind, change.application, body


def decode(row: Row) -> Change:
    """The change a row holds; :class:`StoreCorrupt` (naming the row) if it holds none."""
    try:
        if row.application is not None:
            require_application_id(row.application)
        data = json.loads(row.body)
        converter = serialization.converter
        if row.kind == "action" and row.application:
            return Change.of_action(row.application, converter.structure(data, Action))
        if row.kind == "event" and row.application is None:
            event: Event = converter.structure(data, _ANY_EVENT)
            return Change.of_event(event)
        if row.kind == "adopt":
            adopted = serialization.structure(data, Application)
            if adopted.id != row.application:
                raise InvalidFormat("the adopted application is not the row's")
            return Change.of_adoption(adopted)
    except RecursionError:
        raise StoreCorrupt(f"log row {row.seq} is nested too deeply", position=row.seq) from None
    except Exception as exc:  # cattrs wraps what it finds in its own exception groups
        reason = str(exc)[:200] if isinstance(exc, AdmindukError) else type(exc).__name__
        raise StoreCorrupt(
            f"log row {row.seq} cannot be read: {reason}", position=row.seq
        ) from None
    raise StoreCorrupt(
        f"log row {row.seq} is a {row.kind} row without its application", position=row.seq
    )


def people_of(change: Change) -> frozenset[str]:
    """The NIKs a change concerns: named on the application, or changed by its events."""
    found: set[str] = set()
    events: tuple[Event, ...] = ()
    if change.action is not None:
        events = change.action.events
        if change.action.form is not None:
            form = change.action.form
            found.update(n for n in (form.subject, form.partner, form.applicant) if n)
        if change.action.collector:
            found.add(change.action.collector)
    elif change.event is not None:
        events = (change.event,)
    elif change.adopted is not None:
        form = change.adopted.form
        found.update(n for n in (form.subject, form.partner, form.applicant) if n)
        events = tuple(e for a in change.adopted.history for e in a.events)
    for event in events:
        found.update(involved(event))
        if isinstance(event, DocumentIssued):
            found.update(event.record.holders)
    return frozenset(found)
