"""The reference web office (examples/web_office) through Starlette's test client.

A resident files a birth certificate through the described form with photos of her papers,
sees everything missing at once, gets a receipt with a tracking code; a clerk signed in with
her own account returns it with findings; the resident tracks it with NIK and code, reads the
findings and refiles; the file is verified, issued, printed, posted and handed over at the
district office to an adult of the family identified by NIK. The security tests are beside
this one (``test_web_office_security.py``), the real-browser test too.
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

from adminduk.applications import Status
from adminduk.samples import SIAP_KELUARGA
from tests.web_office_helpers import (
    BIRTH,
    PDF,
    PNG,
    Visitor,
    code_of,
    make_app,
    number_of,
)


@pytest.fixture
def app(tmp_path: Path) -> object:
    return make_app(tmp_path / "office.db")


def visitor(app: object) -> Visitor:
    return Visitor(TestClient(app))  # type: ignore[arg-type]


def file_birth(resident: Visitor) -> str:
    """File the sample birth with its letter; the receipt page."""
    resident.get("/apply/AKTA-LAHIR/standard")
    files = {"paper:akta-lahir.birth_letter": ("surat.png", PNG, "image/png")}
    receipt = resident.post("/apply/AKTA-LAHIR/standard", BIRTH, files=files)
    assert receipt.status_code == 200, receipt.text[:500]
    return str(receipt.text)


def found_section(html: str) -> str:
    """The search results of a desk page."""
    return html.split('id="found"', 1)[1].split("</section>", 1)[0]


def act(clerk: Visitor, number: str, trigger: str, **fields: object) -> str:
    clerk.get(f"/desk/file/{number}")
    done = clerk.post(f"/desk/act/{number}", {"trigger": trigger, **fields})
    assert done.status_code == 200, done.text[:500]
    return str(done.text)


def test_a_birth_certificate_filed_returned_refiled_and_handed_over(app: object) -> None:
    """From plain words to collection at the district office, every step through the pages."""
    resident = visitor(app)
    found = resident.post("/services", {"words": "akta kelahiran", "nik": SIAP_KELUARGA.wife})
    assert "/apply/AKTA-LAHIR/standard" in found.text
    assert re.search(r'href="[^"]*\d{16}', found.text) is None  # no NIK in an address
    form = resident.get("/apply/AKTA-LAHIR/standard")
    assert f'value="{SIAP_KELUARGA.wife}"' in form.text  # carried in the session
    assert re.search(r"F-\d\.\d\d", form.text) is None  # plain words, no form codes
    bare = resident.post("/apply/AKTA-LAHIR/standard", {"f:subject": SIAP_KELUARGA.wife})
    assert bare.status_code == 422
    missing = re.findall(r'class="finding">([^<]+)<', bare.text)
    assert len(missing) >= 8  # every answer still owed, at once
    incomplete = resident.post("/apply/AKTA-LAHIR/standard", BIRTH)
    assert "Surat keterangan kelahiran" in incomplete.text
    assert re.search(r"F-\d\.\d\d", incomplete.text) is None
    receipt = file_birth(resident)
    number, code = number_of(receipt), code_of(receipt)
    assert re.fullmatch(r"[2-9A-HJKMNP-Z]{5}-[2-9A-HJKMNP-Z]{5}", code)

    clerk = visitor(app)
    assert clerk.login("ani").status_code == 200
    desk = clerk.get("/desk")
    assert number in desk.text
    view = clerk.get(f"/desk/file/{number}")
    assert "Putri Contoh" in view.text
    digest = re.search(r"/desk/attachment/([0-9a-f]{64})/", view.text)
    assert digest is not None
    shown = clerk.get(f"/desk/attachment/{digest.group(1)}/{number}")
    assert shown.content == PNG
    assert "sandbox" in shown.headers["content-security-policy"]
    returned = act(
        clerk,
        number,
        "send_back",
        reason="Nama anak pada surat lahir berbeda; mohon surat yang benar.",
        refuse=digest.group(1),
        **{f"why:{digest.group(1)}": "Foto buram, tidak terbaca."},
    )
    assert "Nama anak pada surat lahir berbeda" in returned

    # the resident, another day and another browser, opens it with NIK and code
    again = visitor(app)
    again.get("/track")
    opened = again.post("/track", {"nik": SIAP_KELUARGA.wife, "code": code.lower()})
    assert opened.status_code == 200
    assert "Foto buram, tidak terbaca." in opened.text
    assert "Nama anak pada surat lahir berbeda" in opened.text
    refile = again.get(f"/refile/{number}")
    assert 'value="Putri Contoh"' in refile.text
    better = {"paper:akta-lahir.birth_letter": ("surat2.pdf", PDF, "application/pdf")}
    again.post(f"/refile/{number}", BIRTH, files=better)
    assert again.get("/mine").text.count("Diajukan") >= 1

    for username, trigger, fields in [
        ("ani", "verify", {}),
        ("rudi", "issue", {}),
        ("pos", "ship", {}),
        ("dewi", "arrive", {}),
        ("dewi", "collect", {"collector": SIAP_KELUARGA.head}),
    ]:
        staff = visitor(app)
        staff.login(username)
        page = act(staff, number, trigger, **fields)
        assert "tidak berwenang" not in page, (username, trigger)
        if trigger == "issue":
            printed = staff.get(f"/desk/print/{number}")
            assert "Putri Contoh" in printed.text
    final = app.state.web.office.get(number)  # type: ignore[attr-defined]
    assert final.status is Status.COLLECTED
    assert [a.actor.id for a in final.history[1:]] == [
        "ani",
        "resident",
        "ani",
        "rudi",
        "pos",
        "dewi",
        "dewi",
    ]
    assert final.history[-1].collector == SIAP_KELUARGA.head
    tracked = again.get("/mine")
    assert "Blambangan Umpu" in tracked.text
    assert re.search(r"\d{16}", tracked.text) is None


def test_hand_over_only_to_the_holder_or_an_adult_of_the_family(app: object) -> None:
    """A stranger's NIK at the hand-over is refused with a message; the file stays arrived."""
    number = number_of(file_birth(visitor(app)))
    for username, trigger in [
        ("ani", "verify"),
        ("rudi", "issue"),
        ("pos", "ship"),
        ("dewi", "arrive"),
    ]:
        staff = visitor(app)
        staff.login(username)
        act(staff, number, trigger)
    officer = visitor(app)
    officer.login("dewi")
    page = act(officer, number, "collect", collector="1808015507990003")
    assert 'id="message"' in page
    assert app.state.web.office.get(number).status is Status.ARRIVED  # type: ignore[attr-defined]


def test_a_return_needs_a_reason_when_the_checker_finds_nothing(app: object) -> None:
    """The officer's own finding returns a complete file; without one the desk says why."""
    number = number_of(file_birth(visitor(app)))
    clerk = visitor(app)
    clerk.login("ani")
    page = act(clerk, number, "send_back")
    assert app.state.web.office.get(number).status is Status.SUBMITTED  # type: ignore[attr-defined]
    assert 'id="message"' in page
    act(clerk, number, "send_back", reason="Tanda tangan pelapor tidak ada.")
    assert app.state.web.office.get(number).status is Status.RETURNED  # type: ignore[attr-defined]


def test_the_dashboard_names_districts_and_writes_indonesian_numbers(app: object) -> None:
    """District names, not codes; coverage as '87,5 %' in Indonesian, '87.5%' in English."""
    file_birth(visitor(app))
    clerk = visitor(app)
    clerk.login("ani")
    board = clerk.get("/dashboard")
    assert "Blambangan Umpu" in board.text
    assert re.search(r">\s*18\.08\.\d\d\s*<", board.text) is None
    assert re.search(r"\d+,\d %", board.text)
    assert "Diajukan" in board.text
    english = clerk.get("/dashboard?lang=en")
    assert re.search(r"\d+\.\d%", english.text)
    assert "<desc" in english.text  # the chart is named for screen readers


def test_the_language_switch_keeps_what_was_typed(app: object) -> None:
    """Switching language on a half-filled form keeps the answers and files."""
    resident = visitor(app)
    resident.get("/apply/AKTA-LAHIR/standard")
    files = {"paper:akta-lahir.birth_letter": ("surat.png", PNG, "image/png")}
    switched = resident.post(
        "/apply/AKTA-LAHIR/standard",
        {"f:details.child_name": "Putri Contoh", "switch": "en"},
        files=files,
    )
    assert '<html lang="en">' in switched.text
    assert 'value="Putri Contoh"' in switched.text
    assert switched.text.count('name="remove"') == 1  # the photo is kept
    assert "Bahasa Indonesia" in switched.text


def test_restarting_loses_nothing_and_times_are_the_clock(tmp_path: Path) -> None:
    """A restart keeps the files and tracking codes; actions carry the clock's time."""
    path = tmp_path / "office.db"
    first = make_app(path, clock=lambda: datetime.datetime(2026, 3, 2, 9, 30))
    receipt = file_birth(visitor(first))
    number, code = number_of(receipt), code_of(receipt)
    first.state.web.office.close()
    later = make_app(path, clock=lambda: datetime.datetime(2026, 3, 3, 8, 5))
    clerk = visitor(later)
    clerk.login("ani")
    act(clerk, number, "verify")
    app = later.state.web.office.get(number)
    assert app.status is Status.VERIFIED
    assert [a.at for a in app.history] == [
        datetime.datetime(2026, 3, 2, 9, 30),
        datetime.datetime(2026, 3, 3, 8, 5),
    ]
    resident = visitor(later)
    resident.get("/track")
    assert resident.post("/track", {"nik": SIAP_KELUARGA.wife, "code": code}).status_code == 200


def test_tracking_with_the_family_card_number(app: object) -> None:
    """NIK with its own family's KK number opens that resident's applications."""
    number = number_of(file_birth(visitor(app)))
    resident = visitor(app)
    resident.get("/track")
    opened = resident.post("/track", {"nik": SIAP_KELUARGA.wife, "kk": SIAP_KELUARGA.family})
    assert number in opened.text


def test_staff_accounts_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """add-staff hashes the password (never stored in clear); list and disable work."""
    import io

    from web_office.__main__ import main
    from web_office.accounts import Accounts

    store = str(tmp_path / "office.db")
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-rahasia-123\n"))
    assert main(["add-staff", store, "sari", "--role", "registrar", "--name", "Sari"]) == 0
    accounts = Accounts(tmp_path / "office.accounts.db")
    assert accounts.login("sari", "sandi-rahasia-123") is not None
    assert accounts.login("sari", "salah-sandi-12345") is None
    raw = b"".join(path.read_bytes() for path in tmp_path.glob("office.accounts.db*"))
    assert b"sandi-rahasia-123" not in raw
    assert b"$argon2id$" in raw
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert main(["add-staff", store, "budi", "--role", "registrar"]) == 2
    monkeypatch.setattr("sys.stdin", io.StringIO("sandi-rahasia-456\n"))
    assert main(["add-staff", store, "budi", "--role", "district_officer"]) == 2  # no district
    assert main(["disable-staff", store, "sari"]) == 0
    assert accounts.login("sari", "sandi-rahasia-123") is None


def test_the_desk_searches_by_number_or_nik_and_shows_names(app: object) -> None:
    """Search by number or by any NIK the file names; rows and the file show names, labels."""
    number = number_of(file_birth(visitor(app)))
    clerk = visitor(app)
    clerk.login("ani")
    registry = app.state.web.office.registry  # type: ignore[attr-defined]
    mother = registry.find_resident(SIAP_KELUARGA.wife).name
    assert mother in clerk.get("/desk").text
    for query in (
        number,
        SIAP_KELUARGA.head,
        " ".join(SIAP_KELUARGA.wife[i : i + 4] for i in range(0, 16, 4)),
    ):
        found = clerk.post("/desk/search", {"q": query})
        assert number in found_section(found.text), query
    nothing = clerk.post("/desk/search", {"q": "1808010101010001"})
    assert number not in found_section(nothing.text)
    view = clerk.get(f"/desk/file/{number}").text
    assert "Perempuan" in view  # the child's sex by its label, not its code
    assert "Blambangan Umpu" in view


def test_a_bad_answer_is_named_not_an_empty_box(app: object) -> None:
    """'helicopter' as the delivery and a path as a paper kind: each said plainly, nothing filed."""
    resident = visitor(app)
    resident.get("/apply/AKTA-LAHIR/standard")
    files = {"paper:akta-lahir.birth_letter": ("surat.png", PNG, "image/png")}
    answer = resident.post(
        "/apply/AKTA-LAHIR/standard",
        {**BIRTH, "f:delivery": "helicopter", "kind:akta-lahir.birth_letter": "../../etc/passwd"},
        files=files,
    )
    assert answer.status_code == 422
    findings = re.findall(r'class="finding">([^<]+)<', answer.text)
    assert any("Cara menerima dokumen" in text for text in findings), findings
    assert app.state.web.store.open_applications() == []  # type: ignore[attr-defined]


def test_a_printed_pdf_verifies_on_the_verification_page(app: object) -> None:
    """The desk's PDF carries a QR whose text the public page finds genuine and valid."""
    pytest.importorskip("zxingcpp", reason="zxing-cpp decodes the QR codes (the dev extra)")
    from tests.printing.helpers import qr_codes

    number = number_of(file_birth(visitor(app)))
    for username, trigger in [("ani", "verify"), ("rudi", "issue")]:
        staff = visitor(app)
        staff.login(username)
        act(staff, number, trigger)
    clerk = visitor(app)
    clerk.login("rudi")
    pdf = clerk.get(f"/desk/pdf/{number}")
    assert pdf.headers["content-type"] == "application/pdf"
    codes = [code for page in qr_codes(pdf.content) for code in page]
    assert len(codes) == 3  # the certificate, the new family card, the child's card
    verifier = visitor(app)  # no account
    verifier.get("/verify")
    answer = verifier.post("/verify", {"payload": codes[0]})
    assert 'id="standing">Asli dan berlaku<' in answer.text
    assert "Kutipan Akta Kelahiran" in answer.text
    assert re.search(r"\d{16}", answer.text) is None
    forged = verifier.post("/verify", {"payload": codes[0][:-4] + "AAAA"})
    assert 'id="standing">Tidak asli<' in forged.text
    assert "Putri" not in forged.text
    assert visitor(app).get(f"/desk/pdf/{number}").status_code == 401


def test_a_birth_filed_twice_goes_to_the_officer_as_a_likely_duplicate(app: object) -> None:
    """The second report of a registered child shows the candidate on the desk (not to the
    resident) and is verified only when an officer states it is no duplicate, with a note."""
    resident = visitor(app)
    first = number_of(file_birth(resident))
    clerk, registrar = visitor(app), visitor(app)
    clerk.login("ani")
    registrar.login("rudi")
    act(clerk, first, "verify")
    act(registrar, first, "issue")  # Putri Contoh is now in the register
    again = visitor(app)
    second = number_of(file_birth(again))
    assert "ganda" not in again.get("/mine").text.lower()
    view = clerk.get(f"/desk/file/{second}")
    assert 'id="duplicates"' in view.text
    assert "Putri Contoh, 20-02-2026" in view.text
    assert "name: same" in view.text
    section = view.text.split('id="duplicates"', 1)[1].split("</ul>\n", 1)[0]
    assert re.search(r"\d{16}", section) is None  # the candidate by name, date and district
    refused = act(clerk, second, "verify")
    assert "Syarat langkah ini belum terpenuhi" in refused
    assert app.state.web.office.get(second).status is Status.SUBMITTED  # type: ignore[attr-defined]
    note = "Kembar: anak kedua lahir di hari yang sama; surat bidan dilihat"
    act(clerk, second, "verify", not_a_duplicate="yes", reason=note)
    verified = app.state.web.office.get(second)  # type: ignore[attr-defined]
    assert verified.status is Status.VERIFIED
    assert verified.history[-1].reason == note
    assert note not in again.get("/mine").text
