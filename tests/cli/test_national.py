"""``adminduk national synthesize`` and ``adminduk national table``."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from adminduk.cli import main
from adminduk.cli._national import ProgressBar
from adminduk.scale import Progress


def synthesize(out: Path, *extra: str) -> int:
    return main(
        [
            "national",
            "synthesize",
            "--residents",
            "2000",
            "--out",
            str(out),
            "--region",
            "18.08",
            "--region",
            "31.71",
            "--partition-size",
            "300",
            "--workers",
            "0",
            *extra,
        ]
    )


def test_synthesize_then_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The CLI synthesizes with a progress bar, then prints each kind of table."""
    assert 0 == synthesize(tmp_path / "data", "--seed", "4")
    captured = capsys.readouterr()
    assert re.match(r"wrote 2,000 residents in \d+ files to .*data in [\d.]+ s \(", captured.out)
    bar = captured.err.splitlines()
    assert bar[-1].startswith("[" + "#" * 30 + "] 100.0% 2,000 / 2,000 residents")
    assert len(bar) <= 12, "not a terminal: a line every tenth"
    assert 0 == main(["national", "table", str(tmp_path / "data")])
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| Provinsi | Laki-laki | % |")
    assert table[-1].startswith("| Jumlah | ")
    assert "| 2.000 | 100,00 |" in table[-1]
    assert 0 == main(
        [
            "national",
            "table",
            str(tmp_path / "data"),
            "--by",
            "district",
            "--region",
            "18.08",
            "--what",
            "coverage",
            "--lang",
            "en",
        ]
    )
    coverage = capsys.readouterr().out.splitlines()
    assert coverage[0] == "| Region | Required | Recorded | % |"
    assert coverage[2].startswith("| Blambangan Umpu | ")
    assert 0 == main(["national", "table", str(tmp_path / "data"), "--what", "ages"])
    ages = capsys.readouterr().out.splitlines()
    assert ages[0] == "| Umur | Laki-laki | Perempuan |"
    assert ages[-1].startswith("| 75+ | ")


def test_quiet_and_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--quiet draws no bar; a used directory or a missing dataset is one line, exit 1."""
    assert 0 == synthesize(tmp_path / "data", "--quiet")
    assert "" == capsys.readouterr().err
    assert 1 == synthesize(tmp_path / "data")  # not empty any more
    assert capsys.readouterr().err.startswith("adminduk: ")
    assert 1 == main(["national", "table", str(tmp_path / "nothing")])
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "not a complete national dataset" in err
    assert 1 == main(["national", "table", str(tmp_path / "data"), "--region", "18.99"])
    assert "18.99" in capsys.readouterr().err


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_bar_redraws_in_place_on_a_terminal() -> None:
    """On a terminal the bar is redrawn in place and ends its line when done."""
    ticks = iter([0.0, 1.5, 3.0])
    stream = Terminal()
    bar = ProgressBar(stream, clock=lambda: next(ticks))
    bar(Progress(1, 2, 50, 100))
    bar(Progress(2, 2, 100, 100))
    assert stream.getvalue() == (
        "\r[" + "#" * 15 + "." * 15 + "]  50.0% 50 / 100 residents, 1/2 tasks, 1.5 s"
        "\r[" + "#" * 30 + "] 100.0% 100 / 100 residents, 2/2 tasks, 3.0 s\n"
    )


def test_no_line_shows_a_whole_number(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A directory named with 16 digits is masked in what the CLI prints."""
    out = tmp_path / "1808014101050001"
    assert 0 == synthesize(out, "--quiet")
    printed = capsys.readouterr().out
    assert "1808014101050001" not in printed
    assert "180801**********" in printed
    assert 1 == main(["national", "table", str(tmp_path / "1808014101050002")])
    assert "1808014101050002" not in capsys.readouterr().err


def test_the_columnar_engine_from_the_command_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--engine columnar writes the same number of residents; an unknown engine is refused."""
    out = tmp_path / "data"
    assert 0 == main(
        [
            "national",
            "synthesize",
            "--residents",
            "12000",
            "--out",
            str(out),
            "--region",
            "18.08",
            "--partition-size",
            "1000",
            "--workers",
            "0",
            "--engine",
            "columnar",
            "--quiet",
        ]
    )
    assert capsys.readouterr().out.startswith("wrote 12,000 residents")
    with pytest.raises(SystemExit):
        synthesize(tmp_path / "other", "--engine", "fast")
