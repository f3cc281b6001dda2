"""The reference web office: resident pages, a staff desk and a dashboard, on the SQLite store.

Starlette and Jinja2 templates, with HTMX (vendored, 0BSD) only to swap the service search in
place: every page works without JavaScript. Everything the pages know comes from adminduk:
intake from plain words, the described forms, the checker (everything missing at once), the
workflows (an account's roles decide what it may do), the notices and the store's indexes.

The pieces: :mod:`web_office.office` (the office, its clock and accounts),
:mod:`web_office.residents` and :mod:`web_office.desk` (the routes),
:mod:`web_office.security` (body limits, headers, CSRF, refusals),
:mod:`web_office.accounts` (staff, tracking codes, rate limits).
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from adminduk.documents import MAX_BYTES
from adminduk.errors import AdmindukError
from web_office import desk, residents, verifying
from web_office.office import HERE, WebOffice, secret_for, wall_clock
from web_office.security import MAX_FILES, BodyLimit, Refusal, SecurityHeaders

log = logging.getLogger("web_office")
#: Eight hours: a working day; the signed cookie is refused after that.
SESSION_SECONDS = 8 * 3600
#: Room for a filing's files (each at most 5 MiB) and its fields.
UPLOAD_LIMIT = MAX_FILES * MAX_BYTES + 64 * 1024
_FAILED = (
    '<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Disdukcapil</title>'
    "</head><body><main><h1>Terjadi kesalahan di kantor. Silakan coba lagi.</h1>"
    '<p lang="en">Something went wrong at the office. Please try again.</p>'
    '<p><a href="/">Kembali / Back</a></p></main></body></html>'
)


def create_app(
    path: str | None = None,
    *,
    clock: Callable[[], datetime.datetime] = wall_clock,
    secret: bytes | None = None,
    secure_cookies: bool = False,
    token: Callable[[int], str] | None = None,
    limit_clock: Callable[[], float] | None = None,
) -> Starlette:
    """The web office on the SQLite store at ``path`` (default ``$ADMINDUK_OFFICE``).

    ``clock`` gives the time of each action (the office's wall clock by default);
    ``secret`` signs the session cookies (default: ``$ADMINDUK_WEB_SECRET`` or a key file made
    beside the store); ``secure_cookies`` marks them HTTPS-only (behind the office's proxy);
    ``token`` draws tracking codes and ``limit_clock`` times the rate limits (tests).
    """
    store = path or os.environ.get("ADMINDUK_OFFICE", "web-office.db")
    web = WebOffice(store, clock=clock, token=token, limit_clock=limit_clock)

    async def health(request: Request) -> Response:
        return PlainTextResponse("ok")

    async def refused(request: Request, error: Exception) -> Response:
        if isinstance(error, Refusal):
            status, message_id, message_en = error.status, error.message_id, error.message_en
        elif isinstance(error, AdmindukError):
            status, message_id, message_en = 400, error.message_id, error.message_en
        else:
            assert isinstance(error, HTTPException)
            status = error.status_code
            message_id = "Halaman tidak ditemukan." if status == 404 else "Permintaan ditolak."
            message_en = "Page not found." if status == 404 else "The request was refused."
        message = message_en if web.lang(request) == "en" else message_id
        if status == 401:
            return web.page(request, "login.html", failed=False, status=401, notice=message)
        return web.page(request, "error.html", status=status, message=message)

    async def failed(request: Request, error: Exception) -> Response:
        """A bug: logged, and a plain page with no traceback (outside the session)."""
        log.error("unexpected error on %s", request.url.path, exc_info=error)
        return HTMLResponse(_FAILED, status_code=500)

    routes = [
        *residents.routes(),
        *desk.routes(),
        *verifying.routes(),
        Route("/health", health),
        Mount("/static", StaticFiles(directory=str(HERE / "static")), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(
                BodyLimit,
                limits={"/apply": UPLOAD_LIMIT, "/refile": UPLOAD_LIMIT},
            ),
            Middleware(
                SessionMiddleware,
                secret_key=(secret or secret_for(store)).decode(),
                session_cookie="wo_session",
                max_age=SESSION_SECONDS,
                same_site="strict",
                https_only=secure_cookies,
            ),
        ],
        exception_handlers={
            Exception: failed,
            HTTPException: refused,
            Refusal: refused,
            AdmindukError: refused,
        },
    )
    app.state.web = web
    return app
