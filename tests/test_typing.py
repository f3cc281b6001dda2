"""Users' mypy catches their mistakes: a misspelt workflow action is a type error."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

USER_CODE = textwrap.dedent(
    """
    import datetime
    from adminduk import Registry
    from adminduk.documents import Application, Channel
    from adminduk.workflows import Actor, Office, Role

    office = Office("18.08", Registry())
    app = Application(document="KK", variant="lost", channel=Channel.COUNTER)
    operator = Actor(id="FO-01", role=Role.FRONT_OFFICE)
    office.verfy(app, actor=operator, at=datetime.datetime(2026, 1, 5, 9))
    office.verify(app, actor="FO-01", at=datetime.datetime(2026, 1, 5, 9))
    office.verify(app, actor=operator, at=datetime.date(2026, 1, 5))
    """
)


def test_mypy_catches_a_misspelt_action_and_wrong_arguments(tmp_path: Path) -> None:
    source = tmp_path / "user_app.py"
    source.write_text(USER_CODE, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", str(source)],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert 1 == result.returncode, result.stdout + result.stderr
    assert '"Office" has no attribute "verfy"' in result.stdout
    assert 'Argument "actor" to "verify" of "Office" has incompatible type "str"' in result.stdout
    assert 'Argument "at" to "verify" of "Office" has incompatible type "date"' in result.stdout
    assert "Found 3 errors" in result.stdout
