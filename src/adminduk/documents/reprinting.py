"""Reprints after a correction: every document in force that printed what changed, again.

When a correction is issued (:class:`~adminduk.documents.perbaikan_data.PerbaikanData`), the
office withdraws each document that printed an old value and issues a new extract in its place
(Perpres 96/2018): the same number, the day of the correction, the register's data as
corrected, and, on a civil registration certificate, a margin note (catatan pinggir) saying
what was corrected, from what to what, on which day and on what basis. The printing before it
is then replaced (:meth:`Registry.printings <adminduk.register.Registry.printings>` keeps both;
the latest is in force). The family card follows from the register change itself.

>>> import datetime
>>> from adminduk.register.events import DataCorrection
>>> correction = DataCorrection(occurred_on=datetime.date(2026, 3, 2),
...     recorded_on=datetime.date(2026, 3, 2), nik="1808014101050001", name="Ani Lestary",
...     previous=(("name", "Ani Lestari"),))
>>> margin_note(correction, route="clerical", reason="KK")
'Pembetulan tanggal 02-03-2026: nama semula Ani Lestari, dibetulkan menjadi Ani Lestary (dasar: KK).'
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from adminduk._fields import replaced
from adminduk.codes import CodeTable
from adminduk.register.events import DataCorrection, as_text, from_text
from adminduk.register.issued import (
    IssuedAktaCerai,
    IssuedAktaKawin,
    IssuedAktaLahir,
    IssuedAktaMati,
    IssuedDocument,
    IssuedKIA,
    IssuedKTPEl,
)
from adminduk.register.view import RegisterView

__all__ = ["FIELD_LABELS", "margin_note", "reprints"]

#: How a margin note names each corrected field (Indonesian, as printed).
FIELD_LABELS = {
    "name": "nama",
    "birth_place": "tempat lahir",
    "birth_date": "tanggal lahir",
    "sex": "jenis kelamin",
    "religion": "agama",
    "education": "pendidikan",
    "occupation": "pekerjaan",
    "blood_type": "golongan darah",
    "citizenship": "kewarganegaraan",
    "father_name": "nama ayah",
    "mother_name": "nama ibu",
}


def _shown(field: str, text: str) -> str:
    """A value as a margin note prints it: a code's label, a date dd-mm-yyyy, text as it is."""
    value = from_text(field, text)
    if isinstance(value, CodeTable):
        return value.label
    if isinstance(value, datetime.date):
        return f"{value:%d-%m-%Y}"
    return str(value)


def margin_note(correction: DataCorrection, *, route: str, reason: str) -> str:
    """The catatan pinggir of an applied correction (its ``previous`` values filled in)."""
    new = correction.changes()
    parts = [
        f"{FIELD_LABELS[field]} semula {_shown(field, old)}, "
        f"{'dibetulkan menjadi' if route == 'clerical' else 'menjadi'} "
        f"{_shown(field, as_text(new[field]))}"
        for field, old in correction.previous
    ]
    kind = "Pembetulan" if route == "clerical" else "Perubahan"
    basis = f" (dasar: {reason})" if reason else ""
    return f"{kind} tanggal {correction.occurred_on:%d-%m-%Y}: {'; '.join(parts)}{basis}."


def _current(records: Iterable[IssuedDocument]) -> list[IssuedDocument]:
    """The latest printing of each document number, in the order first printed."""
    latest: dict[tuple[str, str], IssuedDocument] = {}
    for record in records:
        latest[(record.document, record.number)] = record
    return list(latest.values())


def _as_now(record: IssuedDocument, view: RegisterView) -> dict[str, Any]:
    """The fields of ``record`` the register now says otherwise, with their new values."""
    found: dict[str, Any] = {}
    if isinstance(record, IssuedAktaKawin | IssuedAktaCerai):
        for field, nik in (("husband_name", record.husband), ("wife_name", record.wife)):
            person = view.find_resident(nik)
            if person is not None:
                found[field] = person.name
    elif isinstance(record, IssuedAktaMati):
        person = view.find_resident(record.nik)
        if person is not None:
            found["name"] = person.name
    elif isinstance(record, IssuedKTPEl | IssuedKIA | IssuedAktaLahir):
        person = view.find_resident(record.nik)
        if person is None:
            return {}
        names = ["name", "sex", "birth_place", "birth_date"]
        if isinstance(record, IssuedKTPEl):
            names += ["religion", "marital_status", "occupation", "citizenship"]
        if isinstance(record, IssuedAktaLahir):
            names += ["mother_name", "father_name"]
        found = {name: getattr(person, name) for name in names}
        if isinstance(record, IssuedKIA):
            family = view.find_family(record.family_number)
            head = None if family is None else view.find_resident(family.head)
            if head is not None:
                found["head_name"] = head.name
    return {name: value for name, value in found.items() if getattr(record, name) != value}


def reprints(
    view: RegisterView,
    subject: str,
    *,
    on: datetime.date,
    office: str,
    note: str,
) -> list[IssuedDocument]:
    """New printings of ``subject``'s documents in force that the corrected register changes.

    ``view`` is the register as corrected; certificates (AKTA-*) carry ``note`` after their
    earlier notes. Family cards are left to the register change (every changed card is
    reprinted), moving letters are not reprinted (they record a move that happened), and an
    expired KIA or an annulled certificate stays as it is.
    """
    printed = []
    for record in _current(view.documents_of(subject)):
        if record.document in ("KK", "SKPWNI"):
            continue
        if view.withdrawal(record.document, record.number) is not None:
            continue
        if isinstance(record, IssuedKIA) and record.valid_until < on:
            continue
        changed = _as_now(record, view)
        if not changed:
            continue
        notes = (*record.notes, note) if record.document.startswith("AKTA-") else record.notes
        printed.append(replaced(record, **changed, issued_on=on, office=office, notes=notes))
    return printed
