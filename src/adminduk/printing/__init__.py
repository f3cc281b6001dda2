"""Printed documents a resident can hold, and a QR code anyone can check.

Since Permendagri 109/2019 the family card and the civil registration certificates are printed
on plain A4 paper with an electronic signature and a QR code; documents signed electronically
need no legalisation (Permendagri 104/2019 Pasal 19(6)). This package, in the ``print`` extra
(fpdf2, segno, cryptography), makes them from the register's issued records:

- :func:`render` / :func:`render_batch`: A4 PDF pages laid out as each document's form
  (:mod:`~adminduk.printing.layout`, a table per document type), each with its QR code;
- :class:`OfficeKey` / :class:`PublicKey`: the office's Ed25519 key pair
  (``adminduk print-key new``), whose public half verifiers keep;
- :func:`sign_record`: the QR text, a compact signed :class:`Statement` of what the document
  is (type, number, day of issue, printed name, digest of the page's data; no personal number
  in clear);
- :func:`withdrawn_list`: the documents the office withdrew (replaced by a reissue or a
  correction, or annulled), published as a signed file with an expiry (:class:`WithdrawnList`);
- :func:`verify_document`: genuine or not, which office signed it, still valid or withdrawn.
"""

from adminduk.errors import require_extra

require_extra("adminduk.printing", "print", "cryptography", "fpdf", "segno")

from adminduk.printing.layout import LAYOUTS, Layout, Line, lines_of, member_rows, printed_niks
from adminduk.printing.render import printable, render, render_batch
from adminduk.printing.signing import (
    KeyFileError,
    OfficeKey,
    PublicKey,
    SignatureError,
    Statement,
    Withdrawn,
    WithdrawnList,
    digest_of,
    read_payload,
    sign_record,
    statement_of,
    withdrawn_list,
)
from adminduk.printing.verify import Standing, Verification, verify_document

__all__ = [
    "LAYOUTS",
    "KeyFileError",
    "Layout",
    "Line",
    "OfficeKey",
    "PublicKey",
    "SignatureError",
    "Standing",
    "Statement",
    "Verification",
    "Withdrawn",
    "WithdrawnList",
    "digest_of",
    "lines_of",
    "member_rows",
    "printable",
    "printed_niks",
    "read_payload",
    "render",
    "render_batch",
    "sign_record",
    "statement_of",
    "verify_document",
    "withdrawn_list",
]
