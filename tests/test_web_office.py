"""The reference web office (examples/web_office): its pages, through Starlette's test client.

A resident names a service in plain words, sees everything missing at once, attaches it and
files; a clerk moves the application down the post path; the resident tracks it by NIK with
every notice; the dashboard shows what is open. The real-browser test is beside this one.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

pytest.importorskip(
    "web_office", reason="the web office example is not installed (make test installs it)"
)

from starlette.testclient import TestClient
from web_office import create_app

from adminduk.samples import SIAP_KELUARGA

ON = datetime.date(2026, 3, 2)


@pytest.fixture
def client(tmp_path: Path) -> TestClient:
    return TestClient(create_app(str(tmp_path / "office.db"), on=ON))


def test_a_resident_files_and_a_clerk_hands_over(client: TestClient) -> None:
    """From plain words to collection at the district office, every step through the pages."""
    found = client.post("/services", data={"words": "KTP hilang", "nik": SIAP_KELUARGA.head})
    assert 'value="lost"' in found.text
    bare = {"document": "KTP-el", "variant": "lost", "nik": SIAP_KELUARGA.head}
    missing = client.post("/checklist", data=bare)
    assert 'id="missing"' in missing.text
    assert "kepolisian" in missing.text
    complete = {**bare, "evidence": ["police_letter"], "delivery": "post"}
    assert 'id="complete"' in client.post("/checklist", data=complete).text
    filed = client.post("/file", data=complete)
    number = re.search(r'id="number">([^<]+)<', filed.text)
    assert number is not None
    steps = [  # the demo register has the head's biometrics on record: the card is printed
        ("front_office", "verify"),
        ("registrar", "issue"),
        ("courier", "ship"),
        ("district_officer", "arrive"),
        ("district_officer", "collect"),
    ]
    for role, trigger in steps:
        desk = client.get(f"/desk?role={role}")
        assert f"act-{trigger}" in desk.text, (role, trigger)
        done = client.post(
            "/act", data={"application": number.group(1), "role": role, "trigger": trigger}
        )
        assert done.status_code == 200
    tracked = client.get(f"/track?nik={SIAP_KELUARGA.head}")
    assert tracked.text.count('class="notice"') == 6
    assert "Blambangan Umpu" in tracked.text
    assert re.search(r"\d{16}", tracked.text.replace(SIAP_KELUARGA.head, "")) is None


def test_roles_are_enforced_and_the_dashboard_counts(client: TestClient) -> None:
    """A courier is not offered verification and is refused if he tries; the dashboard counts."""
    data = {
        "document": "KK",
        "variant": "lost",
        "nik": SIAP_KELUARGA.head,
        "evidence": ["police_letter", "ktp_el"],
        "delivery": "pickup",
    }
    number = re.search(r'id="number">([^<]+)<', client.post("/file", data=data).text)
    assert number is not None
    assert "act-verify" not in client.get("/desk?role=courier").text
    refused = client.post(
        "/act", data={"application": number.group(1), "role": "courier", "trigger": "verify"}
    )
    assert "tidak berwenang" in refused.text or "may not" in refused.text
    board = client.get("/dashboard")
    assert "Diajukan" in board.text
    assert "<svg" in board.text
    assert "Submitted" in client.get("/dashboard?lang=en").text
