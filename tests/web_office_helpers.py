"""Shared by the web office's tests: an office with staff accounts, visitors with their CSRF token.

Not a test module: the HTTP tests (``test_web_office.py``), the security tests
(``test_web_office_security.py``) and the browser tests import it.
"""

from __future__ import annotations

import datetime
import itertools
import re
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from adminduk.samples import SIAP_KELUARGA

ON = datetime.datetime(2026, 3, 2, 8, 0)
SECRET = b"a synthetic session key for the tests only, 48 bytes."
PASSWORD = "kata-sandi-uji-coba"
#: user name -> (roles, district): one account per desk role, two district officers.
STAFF: dict[str, tuple[tuple[str, ...], str | None]] = {
    "ani": (("front_office",), None),
    "rudi": (("registrar",), None),
    "pos": (("courier",), None),
    "dewi": (("district_officer",), "18.08.01"),  # Blambangan Umpu: the sample family's
    "joko": (("district_officer",), "18.08.02"),
}
PNG = b"\x89PNG\r\n\x1a\n a synthetic photo of a paper"
PDF = b"%PDF-1.7 a synthetic scan of a paper"
#: A birth to the sample family, every answer of the described form (F-2.01).
BIRTH = {
    "f:subject": SIAP_KELUARGA.wife,
    "f:partner": SIAP_KELUARGA.head,
    "f:applicant": SIAP_KELUARGA.head,
    "f:event_date": "2026-02-20",
    "f:details.child_name": "Putri Contoh",
    "f:details.child_sex": "2",
    "f:details.birth_place": "Way Kanan",
    "f:details.place_kind": "1",
    "f:details.birth_kind": "1",
    "f:details.birth_order": "1",
    "f:details.attendant": "2",
    "f:delivery": "post",
}


def stepping_clock(start: datetime.datetime = ON) -> Callable[[], datetime.datetime]:
    """A clock that moves a minute at each reading (actions in order, on a known day)."""
    ticks = itertools.count()
    return lambda: start + datetime.timedelta(minutes=next(ticks))


def make_app(path: Path, **options: Any) -> Any:
    """The web office on ``path`` with the test staff accounts."""
    from web_office import create_app

    options.setdefault("clock", stepping_clock())
    app = create_app(str(path), secret=SECRET, **options)
    for username, (roles, district) in STAFF.items():
        app.state.web.accounts.add(
            username, PASSWORD, roles=roles, name=username.title(), district=district
        )
    return app


def csrf_of(html: str) -> str:
    """The CSRF token in a page's forms."""
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, "the page has no form with a CSRF token"
    return found.group(1)


class Visitor:
    """A browser without JavaScript: a cookie jar, and forms posted with the page's token."""

    def __init__(self, client: Any) -> None:
        self.client = client
        self.token = ""

    def get(self, url: str, **kwargs: Any) -> Any:
        response = self.client.get(url, **kwargs)
        if 'name="csrf"' in response.text:
            self.token = csrf_of(response.text)
        return response

    def post(self, url: str, data: Mapping[str, Any] | None = None, **kwargs: Any) -> Any:
        if not self.token:
            self.get("/")
        response = self.client.post(url, data={"csrf": self.token, **(data or {})}, **kwargs)
        if 'name="csrf"' in response.text:
            self.token = csrf_of(response.text)
        return response

    def login(self, username: str, password: str = PASSWORD) -> Any:
        self.get("/login")
        return self.post("/login", {"username": username, "password": password})


def number_of(html: str) -> str:
    """The application number on a receipt."""
    found = re.search(r'id="number">([^<]+)<', html)
    assert found is not None, html[:2000]
    return found.group(1)


def code_of(html: str) -> str:
    """The tracking code on a receipt."""
    found = re.search(r'id="code">([^<]+)<', html)
    assert found is not None
    return found.group(1)


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on 127.0.0.1 (a free port) for the block's length."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            with urllib.request.urlopen(f"{url}/health", timeout=1):
                break
        except OSError:
            time.sleep(0.05)
    try:
        yield url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
