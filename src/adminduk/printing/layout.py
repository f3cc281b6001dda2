"""What each issued document prints, as data: its lines, in the order of the form.

One :class:`Layout` per record type: the title (Indonesian, with the English gloss the law
prints on certificates), the lines of the document (an Indonesian label, its English gloss
where one is printed, and the value), for the family card the member table with SHDK codes,
and which NIKs the page prints. The field lists follow the published specimens of Permendagri
109/2019's annex as far as we could read them; the exact lists are **unconfirmed** (DOMAIN.md)
and live here, in one table, for an office to correct.

>>> import datetime
>>> from adminduk.register.issued import IssuedAktaMati
>>> record = IssuedAktaMati(number="1808-KM-02032026-0001", issued_on=datetime.date(2026, 3, 2),
...     office="18.08", holders=("1808010101800001",), nik="1808010101800001",
...     name="Budi Contoh", died_on=datetime.date(2026, 2, 20), place="Way Kanan")
>>> [(line.label_id, line.value) for line in lines_of(record)][:3]
[('Nomor Akta', '1808-KM-02032026-0001'), ('NIK', '1808010101800001'), ('Nama', 'Budi Contoh')]
>>> printed_niks(record)
('1808010101800001',)
"""

from __future__ import annotations

import datetime
import enum
from collections.abc import Callable
from typing import Any

import attrs

from adminduk import regions
from adminduk.errors import AdmindukError, InvalidFormat
from adminduk.register.address import Address
from adminduk.register.issued import (
    IssuedAktaCerai,
    IssuedAktaKawin,
    IssuedAktaLahir,
    IssuedAktaMati,
    IssuedDocument,
    IssuedKIA,
    IssuedKK,
    IssuedKTPEl,
    IssuedSKPWNI,
    PrintedMember,
)

__all__ = ["LAYOUTS", "Layout", "Line", "lines_of", "member_rows", "printed_niks", "text"]

#: The basis of every layout (the forms and specimens of the documents).
BASIS = "Permendagri 109/2019 (blangko dan formulir); Perpres 96/2018"


@attrs.frozen
class Line:
    """One printed line: its Indonesian label, the English gloss (or ``""``) and the value."""

    label_id: str
    label_en: str
    value: str


Getter = Callable[[Any], object]


@attrs.frozen
class Layout:
    """How a record type prints: its lines (label, gloss, getter) and the NIKs it shows."""

    lines: tuple[tuple[str, str, Getter], ...]
    #: The record fields holding the NIKs the document prints (others never appear).
    niks: tuple[str, ...] = ()
    basis: str = BASIS


def text(value: object) -> str:
    """A value as printed: dates day first, codes by their Indonesian label, nothing as '-'."""
    if value is None or value == "":
        return "-"
    if isinstance(value, bool):
        return "Ya" if value else "Tidak"
    if isinstance(value, datetime.date):
        return value.strftime("%d-%m-%Y")
    if isinstance(value, enum.Enum):
        label = getattr(value, "label", None)
        return str(label) if label is not None else str(value.value)
    if isinstance(value, Address):
        return _address(value)
    if isinstance(value, tuple):
        return "; ".join(text(item) for item in value) or "-"
    return str(value)


def _address(address: Address) -> str:
    parts = [address.street, f"RT {address.rt}/RW {address.rw}"]
    code = address.village_code
    while code:
        try:
            region = regions.get(code)
        except AdmindukError:
            parts.append(code)
            break
        parts.append(region.name)
        code = region.parent_code or ""
    return ", ".join(part for part in parts if part)


def _region(code: str) -> str:
    try:
        return f"{regions.get(code).name} ({code})"
    except AdmindukError:
        return code


def _notes(record: IssuedDocument) -> str:
    return "; ".join(record.notes) or "-"


LAYOUTS: dict[type[IssuedDocument], Layout] = {
    IssuedKK: Layout(
        (
            ("No. KK", "", lambda r: r.number),
            ("Alamat", "", lambda r: r.address),
            ("Dikeluarkan tanggal", "", lambda r: r.issued_on),
            ("Kepala Keluarga", "", lambda r: r.members[0].name if r.members else "-"),
        ),
        niks=("number", "members"),
    ),
    IssuedKTPEl: Layout(
        (
            ("NIK", "", lambda r: r.nik),
            ("Nama", "", lambda r: r.name),
            ("Tempat/Tgl Lahir", "", lambda r: f"{r.birth_place}, {text(r.birth_date)}"),
            ("Jenis Kelamin", "", lambda r: r.sex),
            ("Alamat", "", lambda r: r.address),
            ("Agama", "", lambda r: r.religion),
            ("Status Perkawinan", "", lambda r: r.marital_status),
            ("Pekerjaan", "", lambda r: r.occupation),
            ("Kewarganegaraan", "", lambda r: r.citizenship),
            ("Berlaku Hingga", "", lambda r: "SEUMUR HIDUP" if r.valid_for_life else "-"),
            ("Dikeluarkan tanggal", "", lambda r: r.issued_on),
        ),
        niks=("nik",),
    ),
    IssuedKIA: Layout(
        (
            ("NIK", "", lambda r: r.nik),
            ("Nama", "", lambda r: r.name),
            ("Tempat/Tgl Lahir", "", lambda r: f"{r.birth_place}, {text(r.birth_date)}"),
            ("Jenis Kelamin", "", lambda r: r.sex),
            ("No. KK", "", lambda r: r.family_number),
            ("Nama Kepala Keluarga", "", lambda r: r.head_name),
            ("Berlaku Hingga", "", lambda r: r.valid_until),
            ("Dikeluarkan tanggal", "", lambda r: r.issued_on),
        ),
        niks=("nik", "family_number"),
    ),
    IssuedSKPWNI: Layout(
        (
            ("Nomor", "", lambda r: r.number),
            ("NIK yang pindah", "", lambda r: r.movers),
            ("Daerah asal", "", lambda r: _region(r.origin)),
            ("Daerah tujuan", "", lambda r: _region(r.destination)),
            ("Alasan pindah", "", lambda r: r.reason),
            ("Dikeluarkan tanggal", "", lambda r: r.issued_on),
        ),
        niks=("movers",),
    ),
    IssuedAktaLahir: Layout(
        (
            ("Nomor Akta", "Certificate number", lambda r: r.number),
            ("NIK", "", lambda r: r.nik),
            ("Nama", "Name", lambda r: r.name),
            ("Tempat lahir", "Place of birth", lambda r: r.birth_place),
            ("Tanggal lahir", "Date of birth", lambda r: r.birth_date),
            ("Jenis kelamin", "Sex", lambda r: r.sex),
            ("Anak ke-", "Child number", lambda r: r.birth_order),
            ("Nama ibu", "Mother's name", lambda r: r.mother_name),
            ("Nama ayah", "Father's name", lambda r: r.father_name),
            ("Keterangan", "Remarks", lambda r: r.remarks),
            ("Catatan pinggir", "Margin notes", _notes),
            ("Dikeluarkan tanggal", "Issued on", lambda r: r.issued_on),
        ),
        niks=("nik",),
    ),
    IssuedAktaMati: Layout(
        (
            ("Nomor Akta", "Certificate number", lambda r: r.number),
            ("NIK", "", lambda r: r.nik),
            ("Nama", "Name", lambda r: r.name),
            ("Tanggal meninggal", "Date of death", lambda r: r.died_on),
            ("Tempat meninggal", "Place of death", lambda r: r.place),
            ("Catatan pinggir", "Margin notes", _notes),
            ("Dikeluarkan tanggal", "Issued on", lambda r: r.issued_on),
        ),
        niks=("nik",),
    ),
    IssuedAktaKawin: Layout(
        (
            ("Nomor Akta", "Certificate number", lambda r: r.number),
            ("Suami", "Husband", lambda r: r.husband_name),
            ("NIK suami", "", lambda r: r.husband),
            ("Istri", "Wife", lambda r: r.wife_name),
            ("NIK istri", "", lambda r: r.wife),
            ("Tanggal perkawinan", "Date of marriage", lambda r: r.occurred_on),
            ("Tempat perkawinan", "Place of marriage", lambda r: r.place),
            ("Agama", "Religion", lambda r: r.religion),
            ("Pemuka agama", "Officiant", lambda r: r.officiant),
            ("Catatan pinggir", "Margin notes", _notes),
            ("Dikeluarkan tanggal", "Issued on", lambda r: r.issued_on),
        ),
        niks=("husband", "wife"),
    ),
    IssuedAktaCerai: Layout(
        (
            ("Nomor Akta", "Certificate number", lambda r: r.number),
            ("Suami", "Husband", lambda r: r.husband_name),
            ("NIK suami", "", lambda r: r.husband),
            ("Istri", "Wife", lambda r: r.wife_name),
            ("NIK istri", "", lambda r: r.wife),
            (
                "Tanggal putusan berkekuatan hukum tetap",
                "Date the decision became final",
                lambda r: r.occurred_on,
            ),
            ("Pengadilan", "Court", lambda r: r.court),
            ("Nomor putusan", "Decision number", lambda r: r.decision_number),
            ("Catatan pinggir", "Margin notes", _notes),
            ("Dikeluarkan tanggal", "Issued on", lambda r: r.issued_on),
        ),
        niks=("husband", "wife"),
    ),
}

#: The family card's member table: header, and each member's cells (SHDK with its code).
MEMBER_COLUMNS: tuple[tuple[str, Callable[[PrintedMember], object]], ...] = (
    ("Nama Lengkap", lambda m: m.name),
    ("NIK", lambda m: m.nik),
    ("Jenis Kelamin", lambda m: m.sex),
    ("Tempat Lahir", lambda m: m.birth_place),
    ("Tanggal Lahir", lambda m: m.birth_date),
    ("Agama", lambda m: m.religion),
    ("Status Perkawinan", lambda m: m.marital_status),
    ("SHDK", lambda m: f"{m.relationship.value:02d} {m.relationship.label}"),
)


def layout_of(record: IssuedDocument) -> Layout:
    """The layout of ``record``'s type (:class:`InvalidFormat` for anything else)."""
    layout = LAYOUTS.get(type(record))
    if layout is None:
        raise InvalidFormat(f"no printed layout for {type(record).__name__}")
    return layout


def lines_of(record: IssuedDocument) -> tuple[Line, ...]:
    """The printed lines of ``record``, values as printed."""
    return tuple(
        Line(label, gloss, text(get(record))) for label, gloss, get in layout_of(record).lines
    )


def member_rows(record: IssuedDocument) -> tuple[tuple[str, ...], ...]:
    """The family card's member rows (empty for any other document)."""
    if not isinstance(record, IssuedKK):
        return ()
    return tuple(
        (str(number), *(text(get(member)) for _, get in MEMBER_COLUMNS))
        for number, member in enumerate(record.members, start=1)
    )


def printed_niks(record: IssuedDocument) -> tuple[str, ...]:
    """The 16-digit numbers the document prints (its own, members', a KK number)."""
    found: list[str] = []
    for name in layout_of(record).niks:
        value = getattr(record, name)
        if name == "members":
            found.extend(member.nik for member in value)
        elif isinstance(value, tuple):
            found.extend(value)
        else:
            found.append(value)
    return tuple(dict.fromkeys(found))
