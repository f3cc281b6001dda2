"""Reading a rendered PDF back: its text (pypdf) and the QR codes on its pages (zxing-cpp)."""

from __future__ import annotations

import io

import pytest

pypdf = pytest.importorskip("pypdf", reason="pypdf reads the PDFs back (the dev extra)")
pdfium = pytest.importorskip("pypdfium2", reason="pypdfium2 draws the pages (the dev extra)")
zxing = pytest.importorskip("zxingcpp", reason="zxing-cpp decodes the QR codes (the dev extra)")


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, as a PDF text extractor reads it."""
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def qr_codes(pdf: bytes, *, scale: float = 2.0) -> list[list[str]]:
    """The QR texts decoded from each page, drawn as an image at ``scale`` x 72 dpi."""
    document = pdfium.PdfDocument(pdf)
    found = []
    for index in range(len(document)):
        image = document[index].render(scale=scale).to_pil()
        # QR codes only: read for every symbology, a run of printed digits was once taken for
        # a one-dimensional barcode ("106729" beside the QR, in one run of many).
        codes = zxing.read_barcodes(image, formats=zxing.BarcodeFormat.QRCode)
        found.append([code.text for code in codes])
    document.close()
    return found
