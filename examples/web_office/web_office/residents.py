"""The resident's pages: find a service, fill its described form with uploads, file, track.

No account: a resident is known by what they show. Filing gives a receipt with a tracking code;
tracking needs the NIK with that code (or with the family card number), is rate limited, and
opens only the applications that pair names (kept in the signed session for the visit, so the
resident can see notices and refile a returned application). Every page works without
JavaScript; the service search is swapped in place when it runs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from adminduk.applications import Actor, Application, Status
from adminduk.documents import (
    Attachment,
    Channel,
    Evidence,
    Finding,
    FindingKind,
    Form,
    FormDescription,
    as_answer,
    check,
    fill,
)
from adminduk.documents.intake import find_service
from adminduk.errors import AdmindukError
from adminduk.identifiers import nik as nik_rules
from adminduk.notices import notices_of
from web_office.accounts import normal_code
from web_office.office import WebOffice, office_of
from web_office.security import Posted, Refusal, Upload, client_key, posted

#: Applications a visit may hold open (tracked or filed) at once.
MAX_TRACKED = 20
#: Files waiting for a filing, kept across a correction of the form.
MAX_PENDING = 8


async def home(request: Request) -> Response:
    web = office_of(request)
    return web.page(request, "resident.html", matches=None, words="", nik="")


async def services(request: Request) -> Response:
    web = office_of(request)
    values = await posted(request)
    words = str(values.get("words", ""))[:200]
    nik = _digits(values.get("nik"))[:16]
    known = nik if len(nik) == 16 and _valid_nik(nik) else None
    if known:  # carried to the form in the session, never in an address
        request.session["nik"] = known
    matches = await web.run(
        find_service,
        words,
        resident=known,
        registry=web.office.registry if known else None,
        on=web.now().date(),
    )
    name = "services.html" if request.headers.get("hx-request") else "resident.html"
    return web.page(request, name, matches=matches, words=words, nik=nik)


async def apply_form(request: Request) -> Response:
    web = office_of(request)
    description = _described(web, request)
    nik = request.session.get("nik")
    values = {"subject": nik} if isinstance(nik, str) else {}
    return _form_page(web, request, description, values, pending=[], findings=())


async def apply(request: Request) -> Response:
    web = office_of(request)
    values = await posted(request)
    description = _described(web, request)
    answers = _answers(description, values)
    key = f"{description.document}/{description.variant}"
    pending = await _take_files(web, request, values, description, key)
    if values.get("switch") in ("id", "en"):  # the language switch keeps what was typed
        request.session["lang"] = values["switch"]
        return _form_page(web, request, description, answers, pending=pending, findings=())
    filled = fill(
        description.document,
        description.variant,
        answers,
        channel=Channel.WEBSITE,
        attachments=pending,
        deliveries=description.deliveries,
    )
    findings: tuple[Finding, ...] = filled.findings
    if filled.form is not None:
        report = await web.run(check, filled.form, web.office.registry, on=web.now().date())
        findings = tuple(f for f in report.findings if f.blocking and not f.by_office)
    if findings or filled.form is None:
        return _form_page(
            web, request, description, answers, pending=pending, findings=findings, status=422
        )
    app = await web.run(_submit, web, filled.form)
    code = web.accounts.new_receipt(app.id, token=web.token)
    request.session.pop(f"pending:{key}", None)
    _grant(request, [app.id])
    request.session["receipt"] = [app.id, code]
    return RedirectResponse("/receipt", status_code=303)


async def receipt(request: Request) -> Response:
    web = office_of(request)
    held = request.session.get("receipt")
    if not (isinstance(held, list) and len(held) == 2 and all(isinstance(h, str) for h in held)):
        return RedirectResponse("/", status_code=303)
    number, code = held
    app = web.find(number)
    if app is None or not _may_see(request, app):
        return RedirectResponse("/", status_code=303)
    notices = notices_of(app, lang=web.lang(request))
    return web.page(request, "receipt.html", app=app, code=code, notice=notices[-1])


async def track_form(request: Request) -> Response:
    web = office_of(request)
    return web.page(request, "track.html", failed=False, nik="")


async def track(request: Request) -> Response:
    web = office_of(request)
    values = await posted(request)
    if not web.tracking.allow(client_key(request)):
        raise Refusal(429, _text(web, request, "too_many"), "Too many attempts.")
    nik = _digits(values.get("nik"))[:16]
    code = normal_code(str(values.get("code", "")))
    kk = _digits(values.get("kk"))[:16]
    found = await web.run(_tracked, web, nik, code, kk)
    if not found:
        return web.page(request, "track.html", failed=True, nik=nik, status=404)
    _grant(request, found)
    return RedirectResponse("/mine", status_code=303)


async def mine(request: Request) -> Response:
    web = office_of(request)
    lang = web.lang(request)
    apps = [a for i in _granted(request) if (a := web.find(i)) is not None]
    shown = [(a, notices_of(a, lang=lang)) for a in reversed(apps)]
    return web.page(request, "mine.html", found=shown)


async def refile_form(request: Request) -> Response:
    web = office_of(request)
    app = _own(web, request)
    description = web.office.describe(app.form.document, app.form.variant)
    return _form_page(
        web,
        request,
        description,
        answers_of(description, app.form),
        pending=[],
        findings=app.history[-1].findings,
        refiling=app,
    )


async def refile(request: Request) -> Response:
    web = office_of(request)
    values = await posted(request)
    app = _own(web, request)
    description = web.office.describe(app.form.document, app.form.variant)
    answers = _answers(description, values)
    key = f"refile/{app.id}"
    pending = await _take_files(web, request, values, description, key)
    new = [f for f in pending if f.sha256 not in {a.sha256 for a in app.form.attachments}]
    filled = fill(
        description.document,
        description.variant,
        answers,
        channel=Channel.WEBSITE,
        attachments=app.form.attachments,
        deliveries=description.deliveries,
    )
    findings = filled.findings
    if filled.form is not None:
        try:
            await web.run(
                web.office.resubmit,
                app,
                actor=Actor.resident(app.form.applicant or app.form.subject or ""),
                at=web.now(),
                form=filled.form,
                attachments=new,
            )
        except AdmindukError as error:
            findings = (
                Finding(
                    code=error.code,
                    kind=FindingKind.INVALID,
                    message_id=error.message_id,
                    message_en=error.message_en,
                    basis="",
                ),
            )
    if findings or filled.form is None:
        return _form_page(
            web,
            request,
            description,
            answers,
            pending=pending,
            findings=findings,
            refiling=app,
            status=422,
        )
    request.session.pop(f"pending:{key}", None)
    return RedirectResponse("/mine", status_code=303)


def routes() -> list[Route]:
    """The resident's routes (their handlers find the office in `request.app.state.web`)."""
    return [
        Route("/", home),
        Route("/services", services, methods=["POST"]),
        Route("/apply/{document}/{variant}", apply_form, methods=["GET"]),
        Route("/apply/{document}/{variant}", apply, methods=["POST"]),
        Route("/receipt", receipt),
        Route("/track", track_form, methods=["GET"]),
        Route("/track", track, methods=["POST"]),
        Route("/mine", mine),
        Route("/refile/{number:path}", refile_form, methods=["GET"]),
        Route("/refile/{number:path}", refile, methods=["POST"]),
    ]


# --- helpers -------------------------------------------------------------------------------


def _text(web: WebOffice, request: Request, key: str) -> str:
    from web_office.text import TEXT  # noqa: PLC0415 - one table, read where it is needed

    return TEXT[web.lang(request)][key]


def _digits(value: object) -> str:
    return re.sub(r"\D", "", value)[:32] if isinstance(value, str) else ""


def _valid_nik(number: str) -> bool:
    return nik_rules.is_valid(number)


def _described(web: WebOffice, request: Request) -> FormDescription:
    document = request.path_params["document"]
    variant = request.path_params["variant"]
    try:
        return web.office.describe(document, variant)
    except AdmindukError as error:
        raise Refusal(404, "Layanan itu tidak ada.", "There is no such service.") from error


def _answers(description: FormDescription, values: Posted) -> dict[str, object]:
    """The answers typed into the form: ``f:<path>`` fields, bounded, blanks left out."""
    answers: dict[str, object] = {}
    for spec in description.fields:
        raw = values.get(f"f:{spec.path}")
        if isinstance(raw, str) and raw.strip():
            answers[spec.path] = raw.strip()[: (spec.max_length or 200) + 20]
    return answers


def answers_of(description: FormDescription, form: Form) -> dict[str, object]:
    """The answers a filed ``form`` was made of, to show it again for a correction."""
    answers: dict[str, object] = {}
    for spec in description.fields:
        value: Any = form
        for part in spec.path.split("."):
            value = getattr(value, part, None)
        if value is not None:
            shown = as_answer(value)
            answers[spec.path] = ", ".join(map(str, shown)) if isinstance(shown, list) else shown
    return answers


async def _take_files(
    web: WebOffice,
    request: Request,
    values: Posted,
    description: FormDescription,
    key: str,
) -> list[Attachment]:
    """Files uploaded now (kept in the store) and those kept from before, minus removed ones."""
    kept: list[list[str]] = [
        item
        for item in request.session.get(f"pending:{key}", [])
        if isinstance(item, list) and len(item) == 2
    ]
    removed = set(values.getlist("remove"))
    kept = [item for item in kept if item[0] not in removed]
    papers = {paper.code: paper for paper in description.papers if not paper.by_office}
    for code, paper in papers.items():
        upload = values.get(f"paper:{code}")
        if not isinstance(upload, Upload) or not upload.data:
            continue
        if not web.uploads.allow(client_key(request)):
            raise Refusal(
                429,
                "Terlalu banyak berkas dikirim. Coba lagi nanti.",
                "Too many files sent. Please try again later.",
            )
        data = upload.data
        chosen = values.get(f"kind:{code}")
        kind = next((k for k in paper.kinds if k.value == chosen), paper.kinds[0])
        try:
            attached = await web.run(web.store.put_attachment, data, kind=kind)
        except AdmindukError as error:
            raise Refusal(
                422,
                f"{paper.label_id}: {error.message_id}",
                f"{paper.label_en}: {error.message_en}",
            ) from error
        kept = [item for item in kept if item[0] != attached.sha256]
        kept.append([attached.sha256, kind.value])
    kept = kept[-MAX_PENDING:]
    request.session[f"pending:{key}"] = kept
    files: list[Attachment] = []
    for digest, kind_value in kept:
        try:
            data = await web.run(web.store.attachment, digest)
            files.append(Attachment.of(data, kind=Evidence(kind_value)))
        except (AdmindukError, ValueError):
            continue  # a session naming a file the store no longer has: drop it
    return files


def _form_page(
    web: WebOffice,
    request: Request,
    description: FormDescription,
    answers: Mapping[str, object],
    *,
    pending: Iterable[Attachment],
    findings: Iterable[Finding],
    refiling: Application | None = None,
    status: int = 200,
) -> Response:
    from adminduk import regions  # noqa: PLC0415

    listed = tuple(findings)
    by_field: dict[str, list[Finding]] = {}
    for finding in listed:
        by_field.setdefault(finding.field, []).append(finding)
    return web.page(
        request,
        "apply.html",
        status=status,
        description=description,
        answers=answers,
        pending=tuple(pending),
        findings=listed,
        by_field=by_field,
        districts=regions.children(web.code),
        refiling=refiling,
    )


def _submit(web: WebOffice, form: Form) -> Application:
    resident = Actor.resident(form.applicant or form.subject or "")
    return web.office.submit(form, actor=resident, at=web.now())


def _tracked(web: WebOffice, nik: str, code: str, kk: str) -> list[str]:
    """The applications the pair opens: ``nik`` with a tracking ``code``, or with its ``kk``."""
    if len(nik) != 16:
        return []
    if code:
        number = web.accounts.with_code(code)
        app = web.find(number) if number else None
        if app is not None and nik in (app.form.subject, app.form.applicant, app.form.partner):
            return [app.id]
        return []
    if len(kk) == 16 and web.office.registry.family_number_of(nik) == kk:
        return list(web.store.applications_of(nik))[-MAX_TRACKED:]
    return []


def _grant(request: Request, numbers: Iterable[str]) -> None:
    held = [n for n in _granted(request) if n not in numbers]
    request.session["tracked"] = (held + list(numbers))[-MAX_TRACKED:]


def _granted(request: Request) -> list[str]:
    held = request.session.get("tracked")
    return [n for n in held if isinstance(n, str)] if isinstance(held, list) else []


def _may_see(request: Request, app: Application) -> bool:
    return app.id in _granted(request)


def _own(web: WebOffice, request: Request) -> Application:
    """The returned application at the path, if this visit has opened it (else 404)."""
    app = web.find(request.path_params["number"])
    if app is None or not _may_see(request, app):
        raise Refusal(404, "Permohonan tidak ditemukan.", "No such application.")
    if app.status is not Status.RETURNED:
        raise Refusal(
            409, "Permohonan ini tidak sedang dikembalikan.", "This application is not returned."
        )
    return app
