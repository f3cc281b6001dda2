"""What stands between the pages and a hostile request: body limits, headers, CSRF, refusals.

- :class:`BodyLimit`: an ASGI middleware that refuses a body over its route's limit with 413,
  from ``Content-Length`` before reading anything, else as the streamed body passes the limit.
  Uploads get room for their files; every other route gets a few kilobytes.
- :class:`SecurityHeaders`: a Content-Security-Policy with no inline script or style,
  ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``, ``nosniff``, no referrer.
- CSRF, the synchronizer-token pattern: a random token kept in the signed session and sent in a
  hidden field of every form; :func:`posted` reads a POST's form and refuses it (403) unless
  the field matches, before anything else is done.
- :class:`Refusal`: what a handler raises to answer with a page that says what is wrong
  (in the visitor's language), never a traceback.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Mapping

import attrs
from starlette.datastructures import ImmutableMultiDict, UploadFile
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Bytes a request body may carry, by path prefix; everything else gets :data:`DEFAULT_LIMIT`.
DEFAULT_LIMIT = 16 * 1024
#: Form limits Starlette enforces while parsing (multipart): files, fields, a field's bytes.
MAX_FILES = 8
MAX_FIELDS = 80
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: Attachments are shown in their own sandbox: no script, no form, no plugin.
ATTACHMENT_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


class Refusal(Exception):
    """Answer with ``status`` and a page saying ``message_id`` / ``message_en``."""

    def __init__(self, status: int, message_id: str, message_en: str) -> None:
        super().__init__(message_en)
        self.status, self.message_id, self.message_en = status, message_id, message_en


class BodyLimit:
    """Refuse request bodies over a limit (413), without reading more than the limit."""

    def __init__(self, app: ASGIApp, *, limits: Mapping[str, int] | None = None) -> None:
        self.app = app
        self.limits = dict(limits or {})

    def limit_for(self, path: str) -> int:
        """The limit of the route at ``path``: its prefix's, else :data:`DEFAULT_LIMIT`."""
        for prefix, limit in self.limits.items():
            if path == prefix or path.startswith(prefix + "/"):
                return limit
        return DEFAULT_LIMIT

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.limit_for(scope["path"])
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                size = limit + 1
            if size > limit or size < 0:
                await _too_large(send)
                return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        started = False

        async def tracked(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited, tracked)
        except BodyTooLarge:
            if not started:
                await _too_large(send)


class BodyTooLarge(Exception):
    """Raised while reading a body past its limit; :class:`BodyLimit` answers 413."""


async def _too_large(send: Send) -> None:
    body = b"Request body too large / Permintaan terlalu besar"
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"text/plain; charset=utf-8"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Add the security headers to every response (a route may set its own CSP first)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-frame-options", b"DENY"),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
                headers += [(name, value) for name, value in extra if name not in names]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


def csrf_token(request: Request) -> str:
    """The session's CSRF token (made on first use)."""
    token = request.session.get("csrf")
    if not isinstance(token, str) or len(token) < 32:
        token = secrets.token_urlsafe(32)
        request.session["csrf"] = token
    return token


@attrs.frozen
class Upload:
    """A file sent with a form: its name as sent (untrusted) and its bytes."""

    filename: str
    data: bytes = attrs.field(repr=False)


Posted = ImmutableMultiDict[str, "str | Upload"]


async def posted(request: Request) -> Posted:
    """The POSTed form, refused (403) unless its ``csrf`` field is the session's token.

    Files are read into memory (the body limit bounds them) and their spools closed at once.
    """
    try:
        form = await request.form(max_files=MAX_FILES, max_fields=MAX_FIELDS)
    except BodyTooLarge:
        raise
    except Exception as error:
        raise Refusal(
            400, "Isian formulir tidak dapat dibaca.", "The form could not be read."
        ) from error
    items: list[tuple[str, str | Upload]] = []
    try:
        for key, value in form.multi_items():
            if isinstance(value, UploadFile):
                data = await value.read()
                items.append((key, Upload(value.filename or "", data)))
            else:
                items.append((key, value))
    finally:
        await form.close()
    values: Posted = ImmutableMultiDict(items)
    sent = values.get("csrf")
    token = request.session.get("csrf")
    if (
        not isinstance(sent, str)
        or not isinstance(token, str)
        or not hmac.compare_digest(sent.encode(), token.encode())
    ):
        raise Refusal(
            403,
            "Sesi habis atau formulir tidak sah: muat ulang halaman lalu coba lagi.",
            "The session expired or the form is not valid: reload the page and try again.",
        )
    return values


def client_key(request: Request) -> str:
    """The client's address, for rate limits (the proxy's own address when behind one)."""
    return request.client.host if request.client else "-"
