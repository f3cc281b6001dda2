"""Rendering issued records to PDF: every printed field on the page, the right NIKs only, a QR
code that decodes from the page image and verifies.

The pages are read back as a verifier or an auditor would: text by pypdf, the page drawn by
pypdfium2 and its QR code decoded by zxing-cpp.
"""

from __future__ import annotations

import datetime
import re

import pytest

pytest.importorskip("fpdf", reason="the print extra is not installed")

from hypothesis import HealthCheck, given, settings

from adminduk.documents import DOCUMENT_TYPES
from adminduk.errors import InvalidFormat
from adminduk.printing import (
    OfficeKey,
    Standing,
    lines_of,
    member_rows,
    printable,
    printed_niks,
    render,
    render_batch,
    verify_document,
    withdrawn_list,
)
from adminduk.register.issued import ISSUED_TYPES, IssuedDocument
from adminduk.samples import sample_issued, sample_registry, sample_staff
from adminduk.strategies import issued_records
from adminduk.workflows import Office
from tests.printing.helpers import page_texts, qr_codes

KEY = OfficeKey.generate("18.08")


def sample_records() -> dict[str, IssuedDocument]:
    """One issued record of each type, from the sample office's applications."""
    found: dict[str, IssuedDocument] = {}
    for kind in DOCUMENT_TYPES:
        for record in sample_issued(kind.code).documents:
            found.setdefault(record.document, record)
    return found


SAMPLES = sample_records()
_SIXTEEN = re.compile(r"(?<!\d)\d{16}(?!\d)")


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_document_type_has_a_sample() -> None:
    """The samples cover every record type (so the QR test below covers them all)."""
    assert set(SAMPLES) == set(ISSUED_TYPES)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(issued_records())
def test_every_printed_field_is_on_the_page_and_no_other_nik(record: IssuedDocument) -> None:
    """The PDF's text holds every line and member cell; its 16-digit runs are the printed NIKs."""
    text = "\n".join(page_texts(render(record, KEY)))
    squeezed = _squeezed(text)
    for line in lines_of(record):
        assert _squeezed(printable(line.label_id)) in squeezed, line
        assert _squeezed(printable(line.value)) in squeezed, line
        if line.label_en:
            assert _squeezed(line.label_en) in squeezed, line
    for row in member_rows(record):
        for cell in row:
            assert _squeezed(printable(cell)) in squeezed, row
    shown = set(_SIXTEEN.findall(text))
    assert shown <= set(printed_niks(record))
    for holder in set(record.holders) - set(printed_niks(record)):
        assert holder not in squeezed  # a parent is a holder of the birth certificate: unprinted


@pytest.mark.parametrize("document", sorted(ISSUED_TYPES))
def test_the_qr_code_on_the_page_decodes_and_verifies(document: str) -> None:
    """Drawn at 144 dpi and decoded, the QR holds a statement the office's key verifies."""
    record = SAMPLES[document]
    codes = qr_codes(render(record, KEY))
    assert len(codes[-1]) == 1
    answer = verify_document(codes[-1][0], [KEY.public])
    assert answer.genuine
    assert answer.standing is Standing.UNKNOWN  # no withdrawn list given
    assert answer.statement is not None
    assert answer.statement.document == document
    assert answer.statement.issued_on == record.issued_on
    assert _SIXTEEN.search(codes[-1][0]) is None


def test_a_batch_is_one_pdf_with_each_document_and_its_own_code() -> None:
    """A day's printing: the sample birth's certificate, KK and KIA, each with its QR."""
    records = sample_issued("AKTA-LAHIR").documents
    pdf = render_batch(records, KEY, office_name="Disdukcapil Kabupaten Way Kanan")
    codes = [code for page in qr_codes(pdf) for code in page]
    assert len(codes) == len(records) == 3
    documents = [verify_document(code, [KEY.public]).statement for code in codes]
    assert [s.document for s in documents if s is not None] == ["AKTA-LAHIR", "KK", "KIA"]
    assert "Disdukcapil Kabupaten Way Kanan" in page_texts(pdf)[0]
    assert render_batch(records, KEY) == render_batch(records, KEY)  # the same bytes


def test_a_reissued_family_card_reads_as_withdrawn_from_its_own_paper() -> None:
    """The first printing's QR, after a reprint, is genuine and withdrawn on the reprint's day."""
    office = Office("18.08", sample_registry(), staff=sample_staff())
    first = sample_issued("KK", "lost", office=office).documents[0]
    sample_issued("KK", "lost", office=office, on=datetime.date(2026, 3, 9))
    listed = withdrawn_list(
        office.registry,
        office="18.08",
        made=datetime.datetime(2026, 3, 10, 8),
        valid=datetime.timedelta(days=7),
    )
    [[code]] = qr_codes(render(first, KEY))
    answer = verify_document(code, [KEY.public], status=listed, at=datetime.datetime(2026, 3, 11))
    assert answer.standing is Standing.WITHDRAWN
    assert answer.withdrawn is not None
    assert answer.withdrawn.on == datetime.date(2026, 3, 9)
    assert answer.withdrawn.reason == "replaced"


def test_render_refuses_what_is_not_a_record() -> None:
    """Nothing, a form, a key that is not a key: a typed refusal."""
    with pytest.raises(InvalidFormat):
        render_batch([], KEY)
    with pytest.raises(InvalidFormat):
        render_batch(["KK"], KEY)  # type: ignore[list-item]
    record = SAMPLES["KK"]
    with pytest.raises(InvalidFormat):
        render(record, KEY.public)  # type: ignore[arg-type]


def test_printable_keeps_latin_1_and_drops_other_accents() -> None:
    """Indonesian names pass as they are; letters beyond Latin-1 lose their accents."""
    assert printable("Siti Rahmawati") == "Siti Rahmawati"
    assert printable("José Ñúñez") == "José Ñúñez"
    assert printable("Dewi Ṣāliḥ") == "Dewi Salih"
    assert printable("Budi 🙂") == "Budi ?"
