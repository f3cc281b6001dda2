"""Smoke runs of the benchmark scripts at tiny sizes, so they never rot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.mark.parametrize("script", sorted(BENCHMARKS.glob("bench_*.py")), ids=lambda p: p.name)
def test_benchmark_smoke(script: Path, tmp_path: Path) -> None:
    """Each benchmark runs in --smoke mode and writes a Markdown table with a verdict."""
    out = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, str(script), "--smoke", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "| figure | value | target | result | note |" in text
    assert "PASS" in text or "MISS" in text
