"""Smoke runs of the benchmark scripts at tiny sizes, so they never rot.

Each row's verdict is recomputed here from its value and target wherever the target is a plain
comparison in the value's unit (``< 5 s``, ``>= 2.0x``), so a harness that wrote PASS for a miss
(or the reverse) fails; a row with a target always has a verdict.
"""

from __future__ import annotations

import math
import operator
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<=": operator.le,
    ">=": operator.ge,
    "<": operator.lt,
    ">": operator.gt,
}
_TARGET = re.compile(r"^(<=|>=|<|>)\s*([\d,]+(?:\.\d+)?)\s*(\S*)")


def expected_verdict(value: str, target: str) -> str | None:
    """PASS or MISS for ``value`` against a plain ``target`` in the same unit, else ``None``."""
    found = _TARGET.match(target.strip())
    amount, _, unit = value.strip().partition(" ")
    if found is None:
        return None
    sign, number, target_unit = found.groups()
    if target_unit.rstrip(")") not in ("", unit.split()[0] if unit else ""):
        return None
    passed = _COMPARE[sign](float(amount.replace(",", "")), float(number.replace(",", "")))
    return "PASS" if passed else "MISS"


def test_verdicts_are_recomputed_from_value_and_target() -> None:
    """The recomputation itself: < and >= both ways, units respected, free text skipped."""
    assert "PASS" == expected_verdict("3.100 s", "< 5 s")
    assert "MISS" == expected_verdict("6.000 s", "< 5 s")
    assert "PASS" == expected_verdict("2,283.000 ops/s", ">= 500 ops/s")
    assert "MISS" == expected_verdict("1.900 x", ">= 2.0x")
    assert expected_verdict("10.000 MiB", "< 2 s") is None
    assert expected_verdict("1.000 x", "works, peak memory < 1,024 MiB") is None


@pytest.mark.parametrize("script", sorted(BENCHMARKS.glob("bench_*.py")), ids=lambda p: p.name)
def test_benchmark_smoke(script: Path, tmp_path: Path) -> None:
    """Each benchmark runs in --smoke mode; every value is finite and every verdict is right."""
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
    rows = []
    in_figures = False
    for line in text.splitlines():  # the rows of the figure tables (others have other columns)
        if line.startswith("| figure | value |"):
            in_figures = True
        elif not line.startswith("|"):
            in_figures = False
        elif in_figures and not line.startswith("|---"):
            rows.append([cell.strip() for cell in line.split("|")[1:-1]])
    assert rows, "the benchmark reported no figure"
    for name, value, target, verdict, _note in (row[:5] for row in rows if len(row) >= 5):
        number = float(value.split()[0].replace(",", ""))
        assert math.isfinite(number), name
        if target:
            assert verdict in ("PASS", "MISS"), f"{name}: a target without a verdict"
            wanted = expected_verdict(value, target)
            assert wanted in (None, verdict), f"{name}: {value} against {target} is {wanted}"
        else:
            assert verdict == "", f"{name}: a verdict without a target"
