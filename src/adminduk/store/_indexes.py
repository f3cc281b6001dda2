"""The store's indexes: which rows they get for a change, so writing and verifying agree.

Two tables answer the office's questions without reading the log: ``people`` (every NIK a
change concerns, with its position and application) and ``applications`` (each application's
latest document, status, channel, district office, due date and position). Both are derived
from the log alone: :meth:`Store.append <adminduk.store.Store.append>` writes the rows these
functions give, and :meth:`Store.verify <adminduk.store.Store.verify>` computes them again from
the log and compares.
"""

from __future__ import annotations

import contextlib
from typing import Any

from adminduk.applications import Application
from adminduk.errors import AdmindukError
from adminduk.store._log import people_of
from adminduk.workflows import Change, Office

__all__ = ["INDEX_TABLES", "application_row", "index_people"]

#: The index tables, by name, with the statement that makes each.
INDEX_TABLES: dict[str, str] = {
    "applications": (
        "CREATE TABLE applications (id TEXT PRIMARY KEY, document TEXT NOT NULL, "
        "status TEXT NOT NULL, channel TEXT NOT NULL, district TEXT, due TEXT, "
        "seq BIGINT NOT NULL)"
    ),
    "people": (
        "CREATE TABLE people (nik TEXT NOT NULL, seq BIGINT NOT NULL, "
        "application TEXT, PRIMARY KEY (nik, seq))"
    ),
}


def _application(office: Office | None, change: Change) -> Application | None:
    """The application as the change left it (the office holds it once the change is made)."""
    if change.kind == "adopt":
        return change.adopted
    if change.kind == "action" and change.application and office is not None:
        return office.applications.get(change.application)
    return None


def index_people(office: Office | None, change: Change, seq: int) -> list[tuple[str, int, Any]]:
    """The ``people`` rows of the change at ``seq``: one per NIK it concerns."""
    people = set(people_of(change))
    application = _application(office, change)
    if application is not None:
        form = application.form
        people.update(n for n in (form.subject, form.partner, form.applicant) if n)
    return [(nik, seq, change.application) for nik in sorted(people)]


def application_row(office: Office | None, change: Change, seq: int) -> tuple[Any, ...] | None:
    """The ``applications`` row the change at ``seq`` leaves (``None``: it touches none)."""
    application = _application(office, change)
    if application is None:
        return None
    district = None
    if office is not None:
        with contextlib.suppress(AdmindukError):
            district = office.district_of(application)
    due = application.due
    return (
        application.id,
        application.form.document,
        application.status.value,
        application.form.channel.value,
        district,
        None if due is None else due.isoformat(),
        seq,
    )
