"""Render the sample birth certificate and family card for the docs (docs/img/printed-*.png).

Usage: ``python scripts/render_print_samples.py [docs/img]``. The records are the sample
office's (synthetic people); the key is a throwaway one made for the picture.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pypdfium2

from adminduk.printing import OfficeKey, render
from adminduk.samples import sample_issued


def main() -> int:
    """Write the two images; print their paths."""
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("docs/img")
    key = OfficeKey.generate("18.08")
    records = {record.document: record for record in sample_issued("AKTA-LAHIR").documents}
    for document, name in (("AKTA-LAHIR", "printed-akta-lahir.png"), ("KK", "printed-kk.png")):
        pdf = pypdfium2.PdfDocument(render(records[document], key))
        pdf[0].render(scale=1.25).to_pil().convert("L").save(target / name, optimize=True)
        print(target / name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
