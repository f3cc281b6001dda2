"""The verification page: anyone checks a printed document by the text of its QR code.

No account. The answer shows what a verifier may see: the document type, its number as the
statement gives it, the day of issue, and whether it is valid or withdrawn (and since when);
the printed name only because the verifier holds the paper's own QR code. The office's current
withdrawn list is made from its register at each check.
"""

from __future__ import annotations

import datetime

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from adminduk.printing import Verification, verify_document, withdrawn_list
from web_office.office import WebOffice, office_of
from web_office.security import Refusal, client_key, posted

#: How long a withdrawn list made for one check is valid (it is made again at the next).
_FRESH = datetime.timedelta(hours=1)


async def verify_form(request: Request) -> Response:
    return office_of(request).page(request, "verify.html", answer=None)


async def verify(request: Request) -> Response:
    web = office_of(request)
    values = await posted(request)
    if not web.tracking.allow(client_key(request)):
        raise Refusal(429, "Terlalu banyak percobaan.", "Too many attempts.")
    payload = str(values.get("payload", ""))[:2000].strip()
    answer = await web.run(_check, web, payload)
    return web.page(request, "verify.html", answer=answer)


def _check(web: WebOffice, payload: str) -> Verification:
    at = web.now()
    with web.office.lock:
        listed = withdrawn_list(web.office.registry, office=web.code, made=at, valid=_FRESH)
    return verify_document(payload, web.public_keys, status=listed, at=at)


def routes() -> list[Route]:
    """The verification routes."""
    return [
        Route("/verify", verify_form, methods=["GET"]),
        Route("/verify", verify, methods=["POST"]),
    ]
