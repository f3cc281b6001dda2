"""The example notebooks run from top to bottom (nbclient), writing their charts to a temp dir."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize(
    "name",
    ["rebuild_2020_table.ipynb", "office_year.ipynb", "national.ipynb", "office_history.ipynb"],
)
def test_notebook_runs(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Notebook runs."""
    monkeypatch.setenv("ADMINDUK_CHARTS", str(tmp_path))
    book = nbformat.read(EXAMPLES / name, as_version=4)  # type: ignore[no-untyped-call]
    client = NotebookClient(
        book, timeout=900, kernel_name="python3", resources={"metadata": {"path": str(EXAMPLES)}}
    )
    client.execute()
    errors = [
        output
        for cell in book.cells
        for output in cell.get("outputs", [])
        if output.get("output_type") == "error"
    ]
    assert [] == errors
    if name == "office_year.ipynb":
        charts = sorted(path.name for path in tmp_path.glob("*.png"))
        expected = ["age-structure.png", "applications-per-week.png", "ktp-el-coverage.png"]
        assert [*expected, "lead-times.png"] == charts
        assert "ADMINDUK_CHARTS" in os.environ
    if name == "office_history.ipynb":
        charts = sorted(path.name for path in tmp_path.glob("*.png"))
        expected = ["ktp-el-coverage-growth.png", "staffing-handovers.png"]
        assert [*expected, "staffing-lead-times.png", "staffing-service-level.png"] == charts
    if name == "national.ipynb":
        charts = sorted(path.name for path in tmp_path.glob("*.png"))
        assert ["ktp-el-coverage-by-province.png"] == charts
