"""The whole office as one JSON document (no store needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from adminduk.errors import InvalidFormat
from adminduk.samples import sample_issued, sample_registry
from adminduk.store import export_office, import_office
from adminduk.workflows import Office


def test_an_office_document_cut_short_is_refused(tmp_path: Path) -> None:
    """A journal missing its last events no longer loads silently: the count says so."""
    office = Office("18.08", sample_registry())
    sample_issued("KK", "lost", office=office)
    path = tmp_path / "office.json"
    export_office(office, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["data"]["registry"]["data"]["journal"].pop()
    document["data"]["applications"] = []
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(InvalidFormat, match="cut short"):
        import_office(path)


def test_an_export_replaces_the_file_whole(tmp_path: Path) -> None:
    """Writing again replaces the old document in one rename; no temporary file is left."""
    office = Office("18.08", sample_registry())
    path = tmp_path / "office.json"
    export_office(office, path)
    sample_issued("KK", "lost", office=office)
    export_office(office, path)
    assert [p.name for p in tmp_path.iterdir()] == ["office.json"]
    assert dict(import_office(path).applications) == dict(office.applications)
