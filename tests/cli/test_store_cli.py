"""``adminduk store key|head|verify`` (issue 25): the key file, the head, a whole check."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from adminduk.cli import main
from adminduk.errors import StoreError
from adminduk.samples import sample_issued, sample_registry
from adminduk.store import HeadDigest, open_office, read_key


def test_a_key_is_made_once_in_a_private_file(tmp_path: Path) -> None:
    """store key FILE: 32 bytes as hex, mode 0600; never overwritten; a loose file is refused."""
    path = tmp_path / "office.key"
    assert 0 == main(["store", "key", str(path)])
    assert 32 == len(read_key(path))
    assert 0o600 == path.stat().st_mode & 0o777
    assert 1 == main(["store", "key", str(path)])  # exists: refused, one line
    path.chmod(0o644)
    with pytest.raises(StoreError, match="open to others"):
        read_key(path)


def test_head_and_verify_on_a_sealed_store(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The head printed verifies later; an edited row makes verify exit 1 naming its position."""
    key_file = tmp_path / "office.key"
    main(["store", "key", str(key_file)])
    target = tmp_path / "office.db"
    with open_office(
        target, code="18.08", registry=sample_registry(), key=read_key(key_file)
    ) as office:
        sample_issued("KK", "lost", office=office)
    capsys.readouterr()
    common = ["--code", "18.08", "--key", str(key_file)]
    assert 0 == main(["store", "head", str(target), *common])
    head = HeadDigest.parse(capsys.readouterr().out.strip())
    assert 0 == main(["store", "verify", str(target), *common, "--head", str(head)])
    assert "verified" in capsys.readouterr().out
    with sqlite3.connect(target) as connection:
        connection.execute("UPDATE log SET body = body || ' ' WHERE seq = 2")
    connection.close()
    assert 1 == main(["store", "verify", str(target), *common])
    assert "log row 2" in capsys.readouterr().err
    assert 1 == main(["store", "verify", str(target), "--code", "18.08"])  # the key is needed
    assert "office key" in capsys.readouterr().err
