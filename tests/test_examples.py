"""The example scripts run and print what they promise."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(name: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / name), *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    return result.stdout


def test_check_nik_batch() -> None:
    """The batch check describes valid numbers and counts each kind of error."""
    out = run("check_nik_batch.py")
    assert "valid    18.08.01.410105.0001  Perempuan, lahir 01-01-2005, Blambangan Umpu" in out
    assert "valid    18.08.04.200630.0002" in out
    assert "3 valid, 5 invalid" in out
    assert "  InvalidComponent: 2" in out
    assert "  UnknownRegionCode: 1" in out
    assert "  InvalidLength: 1" in out
    assert "  InvalidFormat: 1" in out


def test_check_nik_batch_from_a_file(tmp_path: Path) -> None:
    """The batch check reads one NIK per line from a file."""
    batch = tmp_path / "batch.txt"
    batch.write_text("1808014101050001\n1808014101050000\n", encoding="utf-8")
    out = run("check_nik_batch.py", str(batch), "--on", "2010-01-01")
    assert "1 valid, 1 invalid" in out


def test_region_tree() -> None:
    """The region tree lists Way Kanan's districts per code list and its villages."""
    out = run("region_tree.py")
    assert "18.08 Kabupaten Way Kanan: 495,058 people (2025)" in out
    assert "  14 districts in the 2020 code list" in out
    assert "  15 districts in the 2025 code list" in out
    assert "18.08.15 Umpu Semenguk (listed since 2022)" in out
    assert "(kelurahan)" in out
    assert "(desa)" in out


def test_whatsapp_bot() -> None:
    """The WhatsApp line starts a birth certificate from words and asks its questions in turn."""
    out = run("whatsapp_bot.py")
    assert "Layanan: Kutipan Akta Kelahiran: Kelahiran." in out
    assert "NIK ibu anak?" in out
    assert "Tanggal lahir anak?" in out
