"""The web office attacked: every attack of the issue that filed it, each now refused.

Anonymous and resident requests to staff routes, forged and missing CSRF tokens, roles named
in the request, another district's files, guessed tracking pairs, words put in the office's
notice box, bodies too large, hostile uploads and a seeded fuzz of every route: each gets a
refusal that says what is wrong and changes nothing, and none gets a 500 or a traceback.
"""

from __future__ import annotations

import contextlib
import hashlib
import random
import re
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip(
    "web_office", reason="the web office example is not installed (make test installs it)"
)

from starlette.routing import Route
from starlette.testclient import TestClient

from adminduk.applications import Status
from adminduk.errors import AdmindukError
from adminduk.samples import SIAP_KELUARGA
from tests.web_office_helpers import (
    BIRTH,
    PASSWORD,
    PNG,
    Visitor,
    code_of,
    make_app,
    number_of,
    serving,
)

STAFF_GETS = [
    "/desk/pdf/{n}",
    "/desk",
    "/dashboard",
    "/desk/file/{n}",
    "/desk/print/{n}",
    "/desk/attachment/{d}/{n}",
]
STAFF_POSTS = ["/desk/search", "/desk/act/{n}"]


@pytest.fixture
def app(tmp_path: Path) -> Any:
    return make_app(tmp_path / "office.db")


def filed(app: Any) -> tuple[str, str, str]:
    """A filed birth: its number, tracking code and the digest of its photo."""
    resident = Visitor(TestClient(app))
    resident.get("/apply/AKTA-LAHIR/standard")
    files = {"paper:akta-lahir.birth_letter": ("surat.png", PNG, "image/png")}
    receipt = resident.post("/apply/AKTA-LAHIR/standard", BIRTH, files=files).text
    number = number_of(receipt)
    digest = app.state.web.office.get(number).form.attachments[0].sha256
    return number, code_of(receipt), digest


def history(app: Any, number: str) -> tuple[object, ...]:
    return tuple(app.state.web.office.get(number).history)


def test_staff_routes_refuse_visitors_and_residents(app: Any) -> None:
    """Without a staff sign-in every staff route answers 401 with the sign-in page."""
    number, code, digest = filed(app)
    before = history(app, number)
    resident = Visitor(TestClient(app))
    resident.get("/track")
    resident.post("/track", {"nik": SIAP_KELUARGA.wife, "code": code})  # a resident's session
    for visitor in (Visitor(TestClient(app)), resident):
        for path in STAFF_GETS:
            answer = visitor.get(path.format(n=number, d=digest))
            assert answer.status_code == 401, path
            assert 'id="sign-in"' in answer.text
            assert "Putri Contoh" not in answer.text
        for path in STAFF_POSTS:
            answer = visitor.post(path.format(n=number), {"trigger": "verify", "q": number})
            assert answer.status_code == 401, path
    assert history(app, number) == before


def test_every_post_needs_the_sessions_csrf_token(app: Any) -> None:
    """A missing or another session's token is refused (403) before anything is done."""
    number, _, _ = filed(app)
    before = history(app, number)
    clerk = Visitor(TestClient(app))
    clerk.login("ani")
    stranger = Visitor(TestClient(app))
    stranger.get("/")
    posts = [r.path for r in app.routes if isinstance(r, Route) and "POST" in (r.methods or ())]
    assert len(posts) >= 8
    for path in posts:
        url = path.replace("{number:path}", number).replace("{document}", "AKTA-LAHIR")
        url = url.replace("{variant}", "standard")
        for token in (None, stranger.token, "x" * 43):
            data = {"trigger": "verify", **({} if token is None else {"csrf": token})}
            answer = clerk.client.post(url, data=data)
            assert answer.status_code == 403, (url, token)
    assert history(app, number) == before
    # a page on another site auto-submitting the form: no token, and no cookie (SameSite)
    login = TestClient(app).get("/login")
    assert "samesite=strict" in login.headers["set-cookie"].lower()
    assert "httponly" in login.headers["set-cookie"].lower()


def test_bodies_a_csrf_middleware_answered_with_a_500_are_refused_here(app: Any) -> None:
    """The inputs that made asgi-csrf 0.11 answer 500 or let a POST through (see the web
    office's README): a form body that is not UTF-8, a multipart type without "; boundary=",
    and a POST carrying no cookie. Each is a 400 or 403 page, and nothing is done."""
    number, _, _ = filed(app)
    before = history(app, number)
    clerk = Visitor(TestClient(app))
    clerk.login("ani")
    url = f"/desk/act/{number}"
    hostile = [
        (
            f"csrf={clerk.token}&trigger=verify\xff\xfe".encode("latin-1"),
            "application/x-www-form-urlencoded",
        ),
        (b"--a\r\n", "multipart/form-data;boundary=a"),
        (b"--a\r\nContent-Disposition: form-data\r\n\r\n", "multipart/form-data"),
    ]
    for body, kind in hostile:
        answer = clerk.client.post(url, content=body, headers={"content-type": kind})
        assert answer.status_code in (400, 403), (kind, answer.status_code)
        assert "Traceback" not in answer.text
    cookieless = TestClient(app, cookies={})
    answer = cookieless.post(url, data={"csrf": clerk.token, "trigger": "verify"})
    assert answer.status_code in (401, 403)
    assert history(app, number) == before


def test_the_role_comes_from_the_account(app: Any) -> None:
    """A courier cannot verify, whatever the request says, and 'system' is no one's role."""
    number, _, _ = filed(app)
    before = history(app, number)
    courier = Visitor(TestClient(app))
    courier.login("pos")
    courier.get(f"/desk/file/{number}")
    for extra in ({}, {"role": "system"}, {"role": "front_office"}):
        refused = courier.post(f"/desk/act/{number}", {"trigger": "verify", **extra})
        assert refused.status_code == 403
    assert history(app, number) == before
    assert "act-verify" not in courier.get(f"/desk/file/{number}").text


def test_a_district_officer_sees_only_their_district(app: Any) -> None:
    """Joko (Pakuan Ratu) neither sees nor acts on Blambangan Umpu's file."""
    number, _, digest = filed(app)
    for username, trigger in [("ani", "verify"), ("rudi", "issue"), ("pos", "ship")]:
        staff = Visitor(TestClient(app))
        staff.login(username)
        staff.get(f"/desk/file/{number}")
        staff.post(f"/desk/act/{number}", {"trigger": trigger})
    before = history(app, number)
    joko = Visitor(TestClient(app))
    joko.login("joko")
    assert number not in joko.get("/desk").text
    assert joko.get(f"/desk/file/{number}").status_code == 404
    assert joko.get(f"/desk/attachment/{digest}/{number}").status_code == 404
    assert joko.post(f"/desk/act/{number}", {"trigger": "arrive"}).status_code == 404
    assert history(app, number) == before
    dewi = Visitor(TestClient(app))
    dewi.login("dewi")
    assert number in dewi.get("/desk").text


def test_a_wrong_tracking_pair_reveals_nothing(app: Any) -> None:
    """Wrong code, another's code, KK of another family: the same answer, naming nobody."""
    number, code, _ = filed(app)
    other = "1808015507990003"
    attempts = [
        {"nik": SIAP_KELUARGA.wife, "code": "AAAAA-BBBBB"},
        {"nik": other, "code": code},  # the right code with someone else's NIK
        {"nik": SIAP_KELUARGA.wife, "kk": "1808010101260099"},
        {"nik": SIAP_KELUARGA.wife},
        {"nik": "1", "code": code},
    ]
    pages = set()
    for data in attempts:
        visitor = Visitor(TestClient(app))
        visitor.get("/track")
        answer = visitor.post("/track", data)
        assert answer.status_code == 404
        assert number not in answer.text
        assert "Putri" not in answer.text
        pages.add(re.sub(r'value="[^"]*"', "", answer.text))
        assert number not in visitor.get("/mine").text
    assert len(pages) == 1


def test_tracking_and_sign_in_are_rate_limited(app: Any) -> None:
    """The 21st lookup in ten minutes and the 6th wrong password for a name are refused."""
    visitor = Visitor(TestClient(app))
    visitor.get("/track")
    answers = [
        visitor.post("/track", {"nik": SIAP_KELUARGA.wife, "code": "AAAAA-BBBB" + c})
        for c in "23456789ABCDEFGHJKMNPQRS"[:21]
    ]
    assert [a.status_code for a in answers[:20]] == [404] * 20
    assert answers[20].status_code == 429
    clerk = Visitor(TestClient(app))
    for _ in range(5):
        assert clerk.login("ani", "salah-kata-sandi").status_code == 401
    assert clerk.login("ani", PASSWORD).status_code == 429


def test_no_words_in_the_office_notice_box(app: Any) -> None:
    """The desk shows no text from the address: '/desk?message=...' shows nothing."""
    clerk = Visitor(TestClient(app))
    clerk.login("ani")
    page = clerk.get("/desk?message=Transfer%20Rp%20150.000%20ke%20rekening%20ini")
    assert "150.000" not in page.text


def test_security_headers_and_no_inline_script(app: Any) -> None:
    """CSP without inline script, no framing, no sniffing; no page carries inline script."""
    clerk = Visitor(TestClient(app))
    clerk.login("ani")
    for path in ["/", "/track", "/login", "/apply/AKTA-LAHIR/standard", "/desk", "/dashboard"]:
        page = clerk.get(path)
        csp = page.headers["content-security-policy"]
        assert "script-src 'self'" in csp
        assert "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert page.headers["x-frame-options"] == "DENY"
        assert page.headers["x-content-type-options"] == "nosniff"
        assert re.search(r"<script(?![^>]*\bsrc=)", page.text) is None, path
        assert re.search(r"\son[a-z]+=", page.text) is None, path
        assert re.search(r"\sstyle=", page.text) is None, path


def test_hostile_uploads_are_refused_with_a_message(app: Any) -> None:
    """A program, an empty file, a file over 5 MiB: refused by name, nothing filed."""
    resident = Visitor(TestClient(app))
    resident.get("/apply/AKTA-LAHIR/standard")
    for name, data in [
        ("x.exe", b"MZ\x90\x00 a program"),
        ("e.png", b""),
        ("big.pdf", b"%PDF-" + b"0" * (5 * 1024 * 1024)),
    ]:
        files = {"paper:akta-lahir.birth_letter": (name, data, "image/png")}
        answer = resident.post("/apply/AKTA-LAHIR/standard", BIRTH, files=files)
        if data:
            assert answer.status_code == 422, name
            assert 'id="error"' in answer.text
    assert app.state.web.store.open_applications() == []


def test_uploads_are_rate_limited_per_address(app: Any) -> None:
    """The 41st file from one address in an hour is refused (429); nothing more is kept."""
    resident = Visitor(TestClient(app))
    resident.get("/apply/AKTA-LAHIR/standard")
    answers = {**BIRTH, "f:details.child_name": ""}  # incomplete: nothing is filed
    for index in range(40):
        photo = PNG + str(index).encode()
        files = {"paper:akta-lahir.birth_letter": ("surat.png", photo, "image/png")}
        assert resident.post("/apply/AKTA-LAHIR/standard", answers, files=files).status_code == 422
    files = {"paper:akta-lahir.birth_letter": ("surat.png", PNG + b"41", "image/png")}
    refused = resident.post("/apply/AKTA-LAHIR/standard", answers, files=files)
    assert refused.status_code == 429
    store = app.state.web.store
    assert store.attachment(hashlib.sha256(PNG + b"39").hexdigest()) == PNG + b"39"
    with pytest.raises(AdmindukError):
        store.attachment(hashlib.sha256(PNG + b"41").hexdigest())


def test_a_large_body_is_refused_quickly_while_others_are_served(app: Any) -> None:
    """1 MB to /services gets 413 at once; the server answers /health meanwhile."""
    with serving(app) as url:
        import http.client

        port = int(url.rsplit(":", 1)[1])
        started = time.perf_counter()
        big = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        big.putrequest("POST", "/services")
        big.putheader("content-type", "application/x-www-form-urlencoded")
        big.putheader("content-length", "1000000")
        big.endheaders()  # the refusal comes before a byte of the body is sent
        assert big.getresponse().status == 413
        assert time.perf_counter() - started < 2
        big.close()
        healthy: list[float] = []

        def probe() -> None:
            began = time.perf_counter()
            with urllib.request.urlopen(f"{url}/health", timeout=5) as answer:
                assert answer.read() == b"ok"
            healthy.append(time.perf_counter() - began)

        # a slow body without a length: the server keeps serving others while it trickles
        slow = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        slow.putrequest("POST", "/services")
        slow.putheader("content-type", "application/x-www-form-urlencoded")
        slow.putheader("transfer-encoding", "chunked")
        slow.endheaders()
        for _ in range(3):  # a kilobyte at a time, with another visitor served in between
            slow.send(b"400\r\n" + b"a" * 0x400 + b"\r\n")
            thread = threading.Thread(target=probe)
            thread.start()
            thread.join(timeout=5)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            slow.send(b"8000\r\n" + b"a" * 0x8000 + b"\r\n0\r\n\r\n")  # past the limit
        assert slow.getresponse().status == 413
        slow.close()
        assert len(healthy) == 3
        assert max(healthy) < 1.0


def test_no_input_of_a_seeded_fuzz_run_gets_a_500(app: Any) -> None:
    """400 random requests over every route and field: no 500, no traceback, no 16 digits."""
    number, code, digest = filed(app)
    rng = random.Random(28)
    clerk = Visitor(TestClient(app, raise_server_exceptions=False))
    clerk.login("ani")
    resident = Visitor(TestClient(app, raise_server_exceptions=False))
    paths = [
        "/",
        "/services",
        "/apply/AKTA-LAHIR/standard",
        "/apply/KTP-el/lost",
        "/apply/X/y",
        "/receipt",
        "/track",
        "/mine",
        f"/refile/{number}",
        "/login",
        "/logout",
        "/desk",
        "/desk/search",
        f"/desk/file/{number}",
        f"/desk/act/{number}",
        f"/desk/print/{number}",
        f"/desk/attachment/{digest}/{number}",
        "/desk/file/../../etc/passwd",
        "/dashboard",
        "/desk/file/18.08%2F000001",
        "/static/../app.py",
        "/verify",
    ]
    fields = [
        "words",
        "nik",
        "code",
        "kk",
        "q",
        "trigger",
        "reason",
        "collector",
        "refuse",
        "evidence",
        "delivery",
        "f:subject",
        "f:event_date",
        "f:details.child_sex",
        "f:details.birth_order",
        "f:delivery",
        "f:district_office",
        "switch",
        "remove",
        "username",
        "password",
        "role",
        "kind:akta-lahir.birth_letter",
    ]
    values = [
        "",
        "x" * 5000,
        "../../etc/passwd",
        "helicopter",
        "system",
        "verify",
        "collect",
        "send_back",
        "reject",
        "2026-02-31",
        "-1",
        "99999999999999999999",
        "\x00\ufeff",
        "<script>alert(1)</script>",
        SIAP_KELUARGA.wife,
        code,
        "18.08.99",
        "en",
        "🙂",
        "1808015503900001 1808015503900001",
        "{'a': 1}",
        "1e309",
    ]
    for _ in range(400):
        who = rng.choice([clerk, resident])
        path = rng.choice(paths)
        data = {rng.choice(fields): rng.choice(values) for _ in range(rng.randint(0, 6))}
        if rng.random() < 0.5:
            answer = who.client.get(path, params=data)
        elif rng.random() < 0.8:
            answer = who.post(path, data)
        else:
            answer = who.client.post(
                path,
                content=rng.choice([b"\xff\xfe", b"a=%%%", b"--x"]),
                headers={
                    "content-type": rng.choice(
                        [
                            "multipart/form-data; boundary=x",
                            "application/x-www-form-urlencoded",
                            "text/plain",
                        ]
                    )
                },
            )
        assert answer.status_code < 500, (path, data, answer.text[:300])
        assert "Traceback" not in answer.text
        # a NIK appears only where the visitor typed it (a field's value) or a clerk opened
        # the file (its answers, its printed record), never elsewhere
        if not (who is clerk and path.startswith(("/desk/file/", "/desk/print/"))):
            shown = re.sub(r'value="[^"]*"', "", answer.text)
            assert re.search(r"(?<!\d)\d{16}(?!\d)", shown) is None, (path, data)
    assert app.state.web.office.get(number).status in (
        Status.SUBMITTED,
        Status.VERIFIED,
        Status.RETURNED,
        Status.REJECTED,
        Status.CANCELLED,
        Status.PRINTED,
    )


@settings(max_examples=200)
@given(
    st.lists(
        st.tuples(st.sampled_from("abcd"), st.floats(min_value=0, max_value=4)),
        max_size=60,
    )
)
def test_a_rate_limit_never_allows_more_than_its_limit_in_a_window(
    steps: list[tuple[str, float]],
) -> None:
    """Whatever the keys and times, no key has more than ``limit`` allowed events in any
    window, and an event is refused only when that many already fall in the window."""
    from web_office.accounts import RateLimit

    now = [0.0]
    limit, window = 3, 5.0
    limiter = RateLimit(limit, window, clock=lambda: now[0])
    allowed: dict[str, list[float]] = {}
    for key, advance in steps:
        now[0] += advance
        recent = [t for t in allowed.get(key, []) if t > now[0] - window]
        assert limiter.allow(key) == (len(recent) < limit)
        if len(recent) < limit:
            allowed.setdefault(key, []).append(now[0])
    for times in allowed.values():
        for start in times:
            assert sum(start <= t < start + window for t in times) <= limit


def test_a_flood_of_new_keys_forgets_the_least_recently_used_only() -> None:
    """Past ``keys`` keys the limiter forgets the key used least recently, in constant time:
    a key in use keeps its count while new keys flood in."""
    from web_office.accounts import RateLimit

    limiter = RateLimit(2, 60, keys=3, clock=lambda: 0.0)
    assert limiter.allow("clerk")
    assert limiter.allow("clerk")
    assert not limiter.allow("clerk")
    for index in range(1_000):
        assert limiter.allow(f"guess-{index}")
        assert not limiter.allow("clerk")  # used again: still remembered, still refused
    assert len(limiter) == 3
    for key in "xyz":  # the clerk is now the key used least recently
        assert limiter.allow(key)
    assert limiter.allow("clerk")  # forgotten: its count started again
    with pytest.raises(AdmindukError):
        RateLimit(1, 1, keys=0)
