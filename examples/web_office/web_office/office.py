"""The web office's state: the adminduk office on its store, the accounts, the clock, the pages.

One :class:`WebOffice` per process. Everything that changes is in the store (the office's
record) or the accounts file (staff and tracking codes): a restart loses nothing. The clock is
the office's wall clock in Western Indonesian Time unless a test gives its own.
"""

from __future__ import annotations

import datetime
import functools
import os
import re
import secrets
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import anyio.to_thread
from starlette.requests import Request
from starlette.responses import Response
from starlette.templating import Jinja2Templates

from adminduk import regions
from adminduk.applications import Application
from adminduk.documents import DocumentCode, document_type
from adminduk.printing import OfficeKey
from adminduk.store import Store, open_office
from adminduk.workflows import Office
from web_office.accounts import Account, Accounts, RateLimit
from web_office.security import csrf_token
from web_office.text import TEXT, Lang

HERE = Path(__file__).resolve().parent
#: Way Kanan keeps Western Indonesian Time (WIB, UTC+7); records hold the office's local time.
WIB = ZoneInfo("Asia/Jakarta")
_T = TypeVar("_T")


def wall_clock() -> datetime.datetime:
    """Now, in the office's local time (naive, as the record keeps it)."""
    return datetime.datetime.now(WIB).replace(tzinfo=None, microsecond=0)


def secret_for(store: str) -> bytes:
    """The session-signing key: ``$ADMINDUK_WEB_SECRET``, else a file beside the store (0600)."""
    given = os.environ.get("ADMINDUK_WEB_SECRET")
    if given:
        return given.encode()
    path = Path(f"{store}.secret")
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(secrets.token_urlsafe(48))
    return path.read_text().strip().encode()


def print_key_for(store: str, code: str) -> OfficeKey:
    """The office's signing key: ``<store>.print.key``, made (mode 0600) when missing."""
    path = Path(f"{store.removesuffix('.db')}.print.key")
    if not path.exists():
        OfficeKey.generate(code).save(path)
    return OfficeKey.load(path)


class WebOffice:
    """The office behind the pages (``path``: its SQLite store), with its accounts and clock."""

    def __init__(
        self,
        path: str,
        *,
        code: str = "18.08",
        clock: Callable[[], datetime.datetime] = wall_clock,
        token: Callable[[int], str] | None = None,
        sample: bool = True,
        limit_clock: Callable[[], float] | None = None,
    ) -> None:
        from adminduk.samples import sample_registry  # noqa: PLC0415 - only a new store needs it

        fresh = not Path(path).exists()
        self.path = path
        self.accounts = Accounts(f"{path.removesuffix('.db')}.accounts.db")
        self.office: Office = open_office(
            path,
            code=code,
            registry=sample_registry(recorded=True) if fresh and sample else None,
            staff=self._actors(),
            check_duplicates=True,  # a birth's child is compared with the register first
        )
        self.code = code
        self.clock = clock
        self.token = token
        timing = time.monotonic if limit_clock is None else limit_clock
        #: Five failed sign-ins per user name, and twenty per address, in 15 minutes.
        self.login_by_name = RateLimit(5, 900, clock=timing)
        self.login_by_client = RateLimit(20, 900, clock=timing)
        #: Twenty tracking lookups per address in 10 minutes (a NIK and code pair is guessed
        #: nowhere near that fast).
        self.tracking = RateLimit(20, 600, clock=timing)
        #: Forty files per address an hour: what a family files, not what fills the disk.
        self.uploads = RateLimit(40, 3600, clock=timing)
        #: The key printed documents are signed with (made beside the store on first start;
        #: ``adminduk print key`` makes one for an office's signing machine).
        self.print_key = print_key_for(path, code)
        #: Verifiers' keys: this office's; add the public keys of offices it accepts.
        self.public_keys = [self.print_key.public]
        self.templates = Jinja2Templates(directory=str(HERE / "templates"))
        self.templates.env.filters["region"] = region_name
        self.templates.env.filters["percent"] = percent_id
        self.templates.env.filters["document_name"] = document_name
        self.templates.env.filters["plain"] = plain
        self._staff_seen = self.accounts.all()

    def _actors(self) -> tuple[Any, ...]:
        return tuple(actor for account in self.accounts.all() for actor in account.actors())

    @property
    def store(self) -> Store:
        recorder = self.office.recorder
        assert isinstance(recorder, Store)
        return recorder

    def now(self) -> datetime.datetime:
        """The time of an action now."""
        return self.clock()

    def account(self, request: Request) -> Account | None:
        """The signed-in staff account of ``request`` (``None``: a resident or a visitor)."""
        account = self.accounts.get(request.session.get("account"))
        if account is None:
            return None
        current = self.accounts.all()
        if current != self._staff_seen:  # an account was added or changed by the command line
            self._staff_seen = current
            self.office.set_staff(a for acc in current for a in acc.actors())
        return account

    def lang(self, request: Request) -> Lang:
        """The visitor's language: ``?lang=`` when given (and kept in the session), else theirs."""
        asked = request.query_params.get("lang")
        if asked in ("id", "en"):
            request.session["lang"] = asked
            return "en" if asked == "en" else "id"
        return "en" if request.session.get("lang") == "en" else "id"

    def page(self, request: Request, name: str, *, status: int = 200, **context: Any) -> Response:
        """Render template ``name`` in the visitor's language."""
        lang = self.lang(request)
        return self.templates.TemplateResponse(
            request,
            name,
            {
                "t": TEXT[lang],
                "lang": lang,
                "other": "en" if lang == "id" else "id",
                "csrf": csrf_token(request),
                "me": self.account(request),
                **context,
            },
            status_code=status,
        )

    async def run(self, work: Callable[..., _T], *args: Any, **kwargs: Any) -> _T:
        """Run blocking work (the office, the store, the checker) off the event loop."""
        return await anyio.to_thread.run_sync(functools.partial(work, *args, **kwargs))

    def find(self, number: str) -> Application | None:
        """The application numbered ``number`` (``None``: no such application)."""
        if not isinstance(number, str) or len(number) > 40:
            return None
        try:
            return self.office.get(number)
        except Exception:
            return None


def office_of(request: Request) -> WebOffice:
    """The web office serving ``request`` (kept on the application's state)."""
    web = request.app.state.web
    assert isinstance(web, WebOffice)
    return web


def region_name(code: object) -> str:
    """A region's name for people (``18.08.01`` -> ``Blambangan Umpu``), else the code."""
    if not isinstance(code, str):
        return "-"
    try:
        return regions.get(code).name
    except Exception:
        return code


_FORM_CODE = re.compile(r"\s*\(F-\d\.\d{2}\)|\s?\bF-\d\.\d{2}\b")


def plain(text: object) -> str:
    """``text`` for residents: without the regulation's form numbers (``(F-2.03)``)."""
    return _FORM_CODE.sub("", str(text))


def document_name(code: DocumentCode, lang: str = "id") -> str:
    """A document type's name for people (``AKTA-LAHIR`` -> ``Kutipan Akta Kelahiran``)."""
    kind = document_type(code)
    return kind.name_id if lang == "id" else kind.name_en


def percent_id(value: object, lang: str = "id") -> str:
    """A percentage as Indonesians write it (``87,5 %``) or in English (``87.5%``)."""
    try:
        number = float(str(value))
    except ValueError:
        return "-"
    text = f"{number:.1f}"
    return f"{text.replace('.', ',')} %" if lang == "id" else f"{text}%"
