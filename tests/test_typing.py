"""Users' mypy catches their mistakes: misspelt actions, forms for applications, unknown codes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

USER_CODE = textwrap.dedent(
    """
    import datetime
    from adminduk import Registry
    from adminduk.applications import Actor, Role
    from adminduk.documents import Channel, Form, check
    from adminduk.workflows import Office, workflow_for

    office = Office("18.08", Registry())
    form = Form(document="KK", variant="lost", channel=Channel.COUNTER)
    operator = Actor(id="FO-01", role=Role.FRONT_OFFICE)
    at = datetime.datetime(2026, 1, 5, 9)
    app = office.submit(form, actor=operator, at=at)
    office.verfy(app, actor=operator, at=at)
    office.verify(app, actor="FO-01", at=at)
    office.verify(app, actor=operator, at=datetime.date(2026, 1, 5))
    office.verify(form, actor=operator, at=at)
    check(app, Registry(), on=datetime.date(2026, 1, 5))
    office.submit(app, actor=operator, at=at)
    Form(document="KTP", variant="new", channel=Channel.COUNTER)
    workflow_for("kk")
    """
)


def test_mypy_catches_a_misspelt_action_and_wrong_arguments(tmp_path: Path) -> None:
    """mypy --strict on user code refuses every mistake below, and only those."""
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
    # a form is not an application, nor the reverse
    assert 'Argument 1 to "verify" of "Office" has incompatible type "Form"' in result.stdout
    assert 'Argument 1 to "check" has incompatible type "Application"' in result.stdout
    assert (
        'Argument 1 to "submit" of "Office" has incompatible type "Application"' in result.stdout
    )
    # unknown document codes
    assert (
        'Argument "document" to "Form" has incompatible type "Literal[\'KTP\']"' in result.stdout
    )
    assert 'Argument 1 to "workflow_for" has incompatible type "Literal[\'kk\']"' in result.stdout
    assert "Found 8 errors" in result.stdout
