"""Where the repository's files are, for tests that read them."""

from __future__ import annotations

from pathlib import Path

#: The repository root.
ROOT = Path(__file__).resolve().parents[1]
#: ``../shared/data`` beside the repository (region codes, population, the 2020 table).
SHARED = ROOT.parent / "shared" / "data"
