"""``adminduk balance`` and ``adminduk coverage``, and ``adminduk print key|public``."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import pytest

from adminduk import serialization
from adminduk.cli import main
from adminduk.simulation import simulate_office, synthesize_population


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small synthetic register after three weeks of its office, as a register file."""
    registry = synthesize_population("18.08.15", seed=5, scale=0.05)
    simulate_office(registry, days=21, seed=5)
    path = tmp_path_factory.mktemp("history") / "register.json"
    path.write_text(serialization.dumps(registry), encoding="utf-8")
    return path


def test_balance_prints_rows_that_add_up(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON records balance; the table has a row per month, district and sex."""
    assert 0 == main(["balance", str(history), "--json"])
    records = json.loads(capsys.readouterr().out)
    assert records
    for row in records:
        flows = row["births"] - row["deaths"] + row["moves_in"] - row["moves_out"]
        assert row["start"] + flows + row["registered"] + row["other"] == row["end"]
    assert 0 == main(["balance", str(history), "--basis", "event"])
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| month | district | sex |")
    assert any("Umpu Semenguk" in line for line in table)


def test_coverage_prints_both_days_and_refuses_reversed_dates(
    history: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Coverage per district on both days, Indonesian decimals; reversed dates: one line, 1."""
    assert 0 == main(["coverage", str(history), "--from", "2026-01-01", "--to", "2026-01-25"])
    out = capsys.readouterr().out
    assert "Umpu Semenguk" in out
    assert "," in out.splitlines()[2]
    assert 1 == main(["coverage", str(history), "--from", "2026-02-01", "--to", "2026-01-01"])
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "second date comes before the first" in captured.err


def test_a_register_file_that_is_not_one_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A missing file or one of another kind: exit 1 and one line."""
    assert 1 == main(["balance", str(tmp_path / "missing.json")])
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema": "adminduk/form"}', encoding="utf-8")
    assert 1 == main(["coverage", str(bad), "--from", "2026-01-01", "--to", "2026-01-02"])
    assert "Traceback" not in capsys.readouterr().err


def test_print_key_and_public(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """print key makes the pair (0600, .pub beside it); public prints the same line."""
    pytest.importorskip("cryptography", reason="the print extra is not installed")
    path = tmp_path / "office.key"
    assert 0 == main(["print", "key", str(path), "--code", "18.08"])
    assert 0o600 == path.stat().st_mode & 0o777
    published = (tmp_path / "office.key.pub").read_text(encoding="utf-8").strip()
    capsys.readouterr()
    assert 0 == main(["print", "public", str(path)])
    assert capsys.readouterr().out.strip() == published
    assert 1 == main(["print", "key", str(path), "--code", "18.08"])  # never overwritten
    assert 1 == main(["print", "key", str(tmp_path / "x.key"), "--code", "99.99"])


def test_outreach_counts_and_days(history: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Per village counts that add up, visit days on weekdays, no names and no NIKs."""
    assert 0 == main(["outreach", str(history), "--on", "2026-01-25", "--capacity", "3"])
    out = capsys.readouterr().out
    rows = [
        line.split("|")
        for line in out.splitlines()
        if line.startswith("| ") and "village" not in line
    ]
    assert rows
    for row in rows:
        assert int(row[3]) == int(row[4]) + int(row[5])
    days = [line.split(":")[0] for line in out.splitlines() if line[:4].isdigit()]
    for day in days:
        assert datetime.date.fromisoformat(day).weekday() < 5
    assert re.search(r"\d{16}", out) is None


def test_staff_plans_a_synthetic_office(capsys: pytest.CaptureFixture[str]) -> None:
    """staff: the plan's line, labelled synthetic, and every staffing tried; a bad target is 1."""
    assert 0 == main(["staff", "--days", "20", "--target", "0.7"])
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("SYNTHETIC 18.08.15")
    tried = [line for line in out if re.fullmatch(r"\| \d+ \| \d+ \| \d+% \|", line)]
    assert len(tried) >= 2
    assert 1 == main(["staff", "--target", "2"])


def test_staff_plans_hand_overs_and_working_hours(capsys: pytest.CaptureFixture[str]) -> None:
    """staff with district officers and outreach teams planned, the teams out two days a week
    and levels in working days: a column per role; bad hours are a usage error (2)."""
    argv = ["staff", "--days", "14", "--target", "0.9", "--working-days",
            "--district-officer", "1", "--outreach", "1",
            "--hours", "outreach_officer=0,8,0,8,0,0,0", "--runs", "2"]  # fmt: skip
    assert 0 == main(argv)
    out = capsys.readouterr().out.splitlines()
    assert "district officer" in out[0]
    assert "outreach officer" in out[0]
    tried = [line for line in out if re.fullmatch(r"\| \d+ \| \d+ \| \d+ \| \d+ \| \d+% \|", line)]
    assert len(tried) >= 2
    for bad in ("front_office=8,8", "courier=8,8,8,8,8,0,0", "registrar=a,8,8,8,8,0,0"):
        with pytest.raises(SystemExit) as exit_:
            main(["staff", "--hours", bad])
        assert exit_.value.code == 2
        assert "7 days of hours" in capsys.readouterr().err


def test_a_reader_that_leaves_ends_the_command_quietly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Output piped into a reader that stops (``| head``): exit status 141, no traceback."""
    import io
    import os
    import sys

    read, write = os.pipe()

    class Gone(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError

        def fileno(self) -> int:
            return write

    try:
        monkeypatch.setattr(sys, "stdout", Gone())
        assert 141 == main(["staff", "--days", "2", "--scale", "0.05", "--target", "0.1"])
    finally:
        os.close(read)
        os.close(write)
