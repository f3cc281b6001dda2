"""Issued records as A4 PDF pages, each with its signed QR code (fpdf2 and segno).

fpdf2 because it is pure Python (no system libraries, unlike WeasyPrint's Pango), maintained,
and draws exactly what we place (a form is a fixed layout, not a flowing web page); segno for
the QR code (pure Python, maintained, standard-conforming). Text is set in the PDF core font
Helvetica, which every reader has: nothing is downloaded or installed. It covers Latin-1;
letters beyond it (rare in Indonesian names) are printed without their accents
(:func:`printable`), and the digest is of the data, not of the glyphs.

>>> import datetime
>>> from adminduk.printing import OfficeKey
>>> from adminduk.register.issued import IssuedAktaMati
>>> record = IssuedAktaMati(number="1808-KM-02032026-0001", issued_on=datetime.date(2026, 3, 2),
...     office="18.08", holders=("1808010101800001",), nik="1808010101800001",
...     name="Budi Contoh", died_on=datetime.date(2026, 2, 20))
>>> pdf = render(record, OfficeKey.generate("18.08"))
>>> pdf[:5]
b'%PDF-'
"""

from __future__ import annotations

import datetime
import io
import unicodedata
from collections.abc import Iterable

import segno
from fpdf import FPDF

from adminduk import regions
from adminduk.errors import AdmindukError, InvalidFormat
from adminduk.printing.layout import MEMBER_COLUMNS, lines_of, member_rows
from adminduk.printing.signing import OfficeKey, sign_record
from adminduk.register.issued import IssuedDocument, IssuedKK

__all__ = ["printable", "render", "render_batch"]

#: The line printed under the QR code (the wording of documents signed with a BSrE certificate).
SIGNED_ID = (
    "Dokumen ini telah ditandatangani secara elektronik. Keaslian dan keberlakuannya dapat "
    "diperiksa dengan memindai kode QR."
)
SIGNED_EN = (
    "This document is signed electronically. Scan the QR code to check that it is genuine and "
    "still valid."
)
_EPOCH = datetime.datetime(2020, 7, 1, tzinfo=datetime.UTC)


def printable(text: str) -> str:
    """``text`` in the core font's Latin-1: letters beyond it lose their accents, else '?'."""
    if text.isascii():
        return text
    return "".join(_latin(char) for char in unicodedata.normalize("NFC", text))


def _latin(char: str) -> str:
    if ord(char) < 256:
        return char
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    return base if base and all(ord(c) < 256 for c in base) else "?"


def _office_name(code: str) -> str:
    try:
        area = regions.get(code).name
    except AdmindukError:
        area = code
    return f"Dinas Kependudukan dan Pencatatan Sipil {area}"


def _page(pdf: FPDF, record: IssuedDocument, key: OfficeKey, office_name: str) -> None:
    wide = isinstance(record, IssuedKK)
    pdf.add_page(orientation="L" if wide else "P")
    width = pdf.epw
    pdf.set_font("Helvetica", "B", 9)
    pdf.cell(
        width,
        5,
        printable(office_name or _office_name(key.office)),
        new_x="LMARGIN",
        new_y="NEXT",
        align="C",
    )
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(
        width, 9, printable(record.title_id.upper()), new_x="LMARGIN", new_y="NEXT", align="C"
    )
    if not wide:
        pdf.set_font("Helvetica", "I", 10)
        pdf.cell(width, 5, printable(record.title_en), new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.ln(4)
    label_width = 70 if not wide else 55
    for line in lines_of(record):
        pdf.set_font("Helvetica", "B", 10)
        label = line.label_id + (f" / {line.label_en}" if line.label_en else "")
        top = pdf.get_y()
        pdf.multi_cell(label_width, 5, printable(label), new_x="RIGHT", new_y="TOP")
        pdf.set_font("Helvetica", "", 10)
        pdf.multi_cell(
            width - label_width, 5, printable(": " + line.value), new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_y(max(pdf.get_y(), top + 5) + 1)
    rows = member_rows(record)
    if rows:
        pdf.ln(2)
        pdf.set_font("Helvetica", "", 7.5)
        header = ("No", *(name for name, _ in MEMBER_COLUMNS))
        widths = (8, 52, 32, 20, 30, 22, 20, 28, 55)
        with pdf.table(col_widths=widths, text_align="LEFT", line_height=4.5) as table:
            table.row([printable(cell) for cell in header])
            for row in rows:
                table.row([printable(cell) for cell in row])
    payload = sign_record(record, key)
    qr = io.BytesIO()
    segno.make(payload, error="m").save(qr, kind="png", scale=4, border=4)
    size = 42
    y = max(pdf.get_y() + 6, pdf.eph + pdf.t_margin - size - 4) if not wide else pdf.get_y() + 6
    if y + size > pdf.eph + pdf.t_margin:
        pdf.add_page(orientation="L" if wide else "P")
        y = pdf.get_y()
    pdf.image(qr, x=pdf.l_margin, y=y, w=size, h=size)
    pdf.set_xy(pdf.l_margin + size + 6, y + 4)
    pdf.set_font("Helvetica", "", 8.5)
    pdf.multi_cell(width - size - 6, 4.5, SIGNED_ID, new_x="LMARGIN", new_y="NEXT")
    pdf.set_x(pdf.l_margin + size + 6)
    pdf.set_font("Helvetica", "I", 8.5)
    pdf.multi_cell(width - size - 6, 4.5, SIGNED_EN, new_x="LMARGIN", new_y="NEXT")


def render_batch(
    records: Iterable[IssuedDocument], key: OfficeKey, *, office_name: str = ""
) -> bytes:
    """One PDF with a page (or two) per record, in order: a day's printing in one file."""
    if not isinstance(key, OfficeKey):
        raise InvalidFormat(f"expected an OfficeKey, not {type(key).__name__}")
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=12)
    pdf.set_creation_date(_EPOCH)  # the same records give the same bytes
    pdf.set_title("adminduk")
    count = 0
    for record in records:
        if not isinstance(record, IssuedDocument):
            raise InvalidFormat(f"expected an issued record, not {type(record).__name__}")
        _page(pdf, record, key, office_name)
        count += 1
    if count == 0:
        raise InvalidFormat("nothing to print: give at least one issued record")
    return bytes(pdf.output())


def render(record: IssuedDocument, key: OfficeKey, *, office_name: str = "") -> bytes:
    """The PDF of one issued record, signed by ``key``'s office."""
    return render_batch((record,), key, office_name=office_name)
