"""The log's rows: how a change is written, chained and read back.

Each row is ``(seq, kind, application, body, digest)``: ``seq`` counts from 1 with no gaps,
``body`` is the change as JSON (:mod:`adminduk.serialization`'s shapes), and ``digest`` is the
SHA-256 of the previous row's digest and this row's fields, so a row that is edited, dropped,
duplicated or moved breaks the chain at its position.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import attrs

from adminduk import serialization
from adminduk.applications import Action, Application
from adminduk.errors import AdmindukError, StoreCorrupt
from adminduk.register.events import DocumentIssued, Event, involved
from adminduk.workflows import Change

__all__ = ["GENESIS", "Row", "chain", "decode", "encode", "people_of"]

#: The digest before the first row.
GENESIS = "0" * 64

_ANY_EVENT: Any = serialization.AnyEvent


@attrs.frozen
class Row:
    """One row of the log, as stored."""

    seq: int
    kind: str
    application: str | None
    body: str
    digest: str


def chain(previous: str, seq: int, kind: str, application: str | None, body: str) -> str:
    """The digest of a row that follows a row with digest ``previous``."""
    text = "\x1f".join((previous, str(seq), kind, application or "", body))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def encode(change: Change) -> tuple[str, str | None, str]:
    """The ``(kind, application, body)`` of a change."""
    converter = serialization.converter
    if change.kind == "action" and change.action is not None:
        data: Any = converter.unstructure(change.action, Action)
    elif change.kind == "event" and change.event is not None:
        data = converter.unstructure(change.event, _ANY_EVENT)
    elif change.kind == "adopt" and change.adopted is not None:
        data = serialization.unstructure(change.adopted)
    else:
        raise StoreCorrupt(f"a {change.kind} change without its content")
    return change.kind, change.application, json.dumps(data, ensure_ascii=False, sort_keys=True)


def decode(row: Row) -> Change:
    """The change a row holds; :class:`StoreCorrupt` (naming the row) if it holds none."""
    try:
        data = json.loads(row.body)
        converter = serialization.converter
        if row.kind == "action" and row.application:
            return Change.of_action(row.application, converter.structure(data, Action))
        if row.kind == "event":
            event: Event = converter.structure(data, _ANY_EVENT)
            return Change.of_event(event)
        if row.kind == "adopt":
            return Change.of_adoption(serialization.structure(data, Application))
    except (AdmindukError, ValueError, TypeError, KeyError) as exc:
        raise StoreCorrupt(
            f"log row {row.seq} cannot be read: {type(exc).__name__}", position=row.seq
        ) from None
    except Exception as exc:  # cattrs wraps what it finds in its own exception groups
        raise StoreCorrupt(
            f"log row {row.seq} cannot be read: {type(exc).__name__}", position=row.seq
        ) from None
    raise StoreCorrupt(f"log row {row.seq} has an unknown kind {row.kind!r}", position=row.seq)


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
