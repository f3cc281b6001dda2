"""Tests of the command line (python -m adminduk)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from adminduk.__main__ import main


def test_demo(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo describes synthetic NIKs, shows refusals masked, and lists Way Kanan."""
    assert 0 == main(["demo", "--on", "2026-11-27"])
    out = capsys.readouterr().out
    assert "18.08.01.410105.0001  valid: female, born 2005-01-01 (age 21 on 2026-11-27)" in out
    assert "born 1930-06-20 (age 96 on 2026-11-27)" in out
    assert "has serial 0000" in out
    assert "district 18.08.99 is in no known" in out
    assert "Kabupaten Way Kanan (18.08), Lampung: 495,058 people" in out
    assert "18.08.15  Umpu Semenguk" in out
    assert "(created after 2020)" in out
    assert 1 == out.count("(created after 2020)")
    assert "1808014101050000" not in out
    assert "A synthetic register of Umpu Semenguk (18.08.15): 1,180 residents" in out
    assert "birth recorded: NIK 18.08.15.271226.0001 allocated; joins KK 180815" in out
    assert "as Anak (child)" in out
    assert "refused, register unchanged: the head of a family is 17 or older" in out
    assert "loads(dumps(register)) == register: True" in out


def test_nik_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`nik` describes valid numbers; any invalid one makes the exit status 1."""
    assert 0 == main(["nik", "1808014101050001", "--on", "2026-11-27"])
    assert "valid: female" in capsys.readouterr().out
    assert 1 == main(["nik", "1808014101050001", "1808013202050001"])
    out = capsys.readouterr().out
    assert "valid: female" in out
    assert "invalid: NIK 180801********** has day 32" in out


def test_region_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`region` describes a code and lists its children, from an older list with --as-of."""
    assert 0 == main(["region", "1808", "--as-of", "2020"])
    out = capsys.readouterr().out
    assert out.startswith("18.08  KAB. WAY KANAN  (regency)")
    assert "18.08.14  Bumi Agung" in out
    assert "18.08.15" not in out


def test_errors_are_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """Bad input gives one line on stderr and exit status 1, no traceback."""
    assert 1 == main(["region", "18.99"])
    captured = capsys.readouterr()
    assert "adminduk: region 18.99 is not in any known code list (2016-2025)\n" == captured.err
    assert "" == captured.out


def test_bad_date_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A malformed --on date is reported by argparse with exit status 2."""
    with pytest.raises(SystemExit) as exit_info:
        main(["demo", "--on", "27-11-2026"])
    assert 2 == exit_info.value.code
    assert "is not a date (YYYY-MM-DD)" in capsys.readouterr().err


def test_module_entry_point() -> None:
    """`python -m adminduk` runs main() and returns its status."""
    result = subprocess.run(
        [sys.executable, "-m", "adminduk", "nik", "18.08.01.410105.0001"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    assert "valid: female" in result.stdout


@pytest.mark.parametrize(
    ("lang", "title"), [("id", "# Katalog layanan"), ("en", "# Service catalogue")]
)
def test_published_catalogue_matches_the_tables(
    lang: str, title: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """docs/catalogue-*.md is exactly what `catalogue` prints now: the docs never drift."""
    assert 0 == main(["catalogue", "--lang", lang])
    printed = capsys.readouterr().out
    docs = Path(__file__).resolve().parents[1] / "docs" / f"catalogue-{lang}.md"
    published = docs.read_text(encoding="utf-8")
    assert published.startswith(title)
    assert published.endswith(printed)


def test_catalogue_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`catalogue --json` prints the records."""
    assert 0 == main(["catalogue", "--lang", "en", "--json"])
    records = json.loads(capsys.readouterr().out)
    assert {"KK", "KTP-el", "KIA", "SKPWNI"} <= {r["document"] for r in records}
