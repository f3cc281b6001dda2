"""Tests of the command line (python -m adminduk)."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys
from pathlib import Path

import pytest

from adminduk import Registry, serialization
from adminduk.cli import main
from adminduk.samples import sample_form, sample_registry
from tests.paths import ROOT


def test_demo(capsys: pytest.CaptureFixture[str]) -> None:
    """The demo describes synthetic NIKs, shows refusals masked, and lists Way Kanan."""
    assert 0 == main(["demo", "--on", "2026-11-27", "--scale", "0.01", "--days", "10"])
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
    # the office: a synthesized Way Kanan, its population table, a run of the office
    assert "Way Kanan synthesized at scale 0.01: 4,954 residents" in out
    assert "SYNTHETIC: invented people; districts split by DKB semester II 2020" in out
    assert "Population by district, SYNTHETIC" in out
    assert "Ages, SYNTHETIC register against the 2020 census (SP2020)" in out
    assert "(SP2020  6.93)" in out
    assert "| Kecamatan | Laki-laki | % | Perempuan | % | Jumlah | % |" in out
    assert "| Jumlah | " in out
    assert "| 4.954 | 100,00 |" in out
    assert "The office for 10 days, SIMULATED" in out
    assert "coverage per district, SYNTHETIC" in out
    assert "lead time submit->collect: median" in out
    assert "18.08.15  Umpu Semenguk" in out
    assert "This morning's dashboard (simulated office):" in out
    assert "overdue: " in out


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
    docs = ROOT / "docs" / f"catalogue-{lang}.md"
    published = docs.read_text(encoding="utf-8")
    assert published.startswith(title)
    assert published.endswith(printed)


def test_catalogue_as_json(capsys: pytest.CaptureFixture[str]) -> None:
    """`catalogue --json` prints the records."""
    assert 0 == main(["catalogue", "--lang", "en", "--json"])
    records = json.loads(capsys.readouterr().out)
    assert {"KK", "KTP-el", "KIA", "SKPWNI"} <= {r["document"] for r in records}


def test_check_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` names everything an application file lacks; exit 1 while something blocks."""
    on = datetime.date(2026, 3, 2)
    registry_file = tmp_path / "register.json"
    registry_file.write_text(serialization.dumps(sample_registry()), encoding="utf-8")
    incomplete = tmp_path / "incomplete.json"
    incomplete.write_text(
        serialization.dumps(sample_form("KIA", on=on, complete=False)), encoding="utf-8"
    )
    args = ["check", str(incomplete), "--register", str(registry_file), "--on", on.isoformat()]
    assert 1 == main([*args, "--lang", "en"])
    out = capsys.readouterr().out
    assert out.startswith("KIA (5_to_17) on 2026-03-02:")
    assert "[kia.birth_certificate; Permendagri 2/2016]" in out
    assert "The child's birth certificate is missing." in out
    complete = tmp_path / "complete.json"
    complete.write_text(serialization.dumps(sample_form("KIA", on=on)), encoding="utf-8")
    assert 0 == main(
        ["check", str(complete), "--register", str(registry_file), "--on", "2026-03-02"]
    )
    assert "KIA (5_to_17): complete on 2026-03-02" in capsys.readouterr().out


def test_table_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Table command."""
    registry_file = tmp_path / "register.json"
    registry_file.write_text(serialization.dumps(sample_registry()), encoding="utf-8")
    assert 0 == main(["table", str(registry_file), "--lang", "en"])
    out = capsys.readouterr().out
    assert "| District | Male | % | Female | % | Total | % |" in out
    assert "| Total | 2 | 40.00 | 3 | 60.00 | 5 | 100.00 |" in out
    assert 0 == main(["table", str(registry_file), "--region", "18.08.01", "--by", "village"])
    assert "| Desa/Kelurahan |" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read"),
        ("{not json", "not a JSON document"),
        ('{"schema": "adminduk/resident", "version": 1, "data": {}}', "expected an Application"),
    ],
)
def test_bad_files_are_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str
) -> None:
    """Bad files are one line."""
    path = tmp_path / "application.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    assert 1 == main(["check", str(path)])
    captured = capsys.readouterr()
    assert captured.err.startswith("adminduk: ")
    assert message in captured.err
    assert 1 == captured.err.count("\n")
    assert "Traceback" not in captured.err


def test_table_needs_an_area(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Table needs an area."""
    registry_file = tmp_path / "register.json"
    registry_file.write_text(serialization.dumps(Registry()), encoding="utf-8")
    assert 1 == main(["table", str(registry_file)])
    assert "give --region" in capsys.readouterr().err


def test_diagram_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`diagram CODE` prints that workflow; `--markdown` wraps every one in a fenced section."""
    assert 0 == main(["diagram", "KIA"])
    plain = capsys.readouterr().out
    assert plain.startswith("stateDiagram-v2")
    assert "SHIPPED" in plain
    assert 0 == main(["diagram", "--markdown"])
    sections = capsys.readouterr().out
    assert 9 == sections.count("```mermaid")
    assert "## AKTA-LAHIR: Birth certificate" in sections
    assert 1 == main(["diagram", "PASPOR"])
    assert "no document type 'PASPOR'" in capsys.readouterr().err
